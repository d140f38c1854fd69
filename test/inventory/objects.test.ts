/** inventoryFromObjects: symbolic resolution of templates and the Kubernetes side, on in-memory inputs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ResourceRef,
  SymbolicString,
  Unknown,
  getPath,
  inventoryFromObjects,
  type CfnResource,
  type Inventory,
} from '../../src/inventory/index.js';

function resource(inventory: Inventory, key: string): CfnResource {
  const found = inventory.cfn.find((r) => r.key === key);
  assert.ok(found, `no resource ${key} (have ${inventory.cfn.map((r) => r.key).join(', ')})`);
  return found;
}

/** The smallest well-formed flow spec (the inventory checks the one it finds in a template's Metadata). */
const MINIMAL_FLOW_SPEC = {
  version: 1,
  name: 'network',
  vpcCidr: '10.0.0.0/16',
  subnets: [],
  components: [],
  flows: [],
  denials: [],
};

const NETWORK = {
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    Owner: { Type: 'String' },
    Zones: { Type: 'CommaDelimitedList', Default: 'a,b,c' },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    InUsEast: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
  },
  Mappings: { Sizes: { prod: { Cidr: '10.0.0.0/16' } } },
  Resources: {
    Vpc: {
      Type: 'AWS::EC2::VPC',
      Properties: {
        CidrBlock: { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Cidr'] },
        Tags: [{ Key: 'Name', Value: { 'Fn::Sub': '${AWS::StackName}-vpc' } }],
      },
    },
    Sg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: { 'Fn::Sub': 'owned by ${Owner}' },
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } },
          {
            'Fn::If': [
              'IsDev',
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
              { Ref: 'AWS::NoValue' },
            ],
          },
        ],
        Zone: { 'Fn::Select': [1, { Ref: 'Zones' }] },
        Subnets: { 'Fn::Cidr': [{ 'Fn::GetAtt': 'Vpc.CidrBlock' }, 2, 8] },
        Region: { Ref: 'AWS::Region' },
        Joined: { 'Fn::Join': ['-', ['a', { Ref: 'Vpc' }, 'b']] },
        Split: { 'Fn::Select': [2, { 'Fn::Split': [',', 'x,y,z'] }] },
        Maybe: { 'Fn::If': ['InUsEast', 'one', 'two'] },
      },
    },
    DevOnly: { Type: 'AWS::S3::Bucket', Condition: 'IsDev' },
  },
  Outputs: {
    VpcCidr: {
      Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] },
      Export: { Name: { 'Fn::Sub': '${Env}-vpc-cidr' } },
    },
    VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: 'shared-vpc-id' } },
  },
  Metadata: { 'vectorfort:flowSpec': MINIMAL_FLOW_SPEC },
};

const CONSUMER = {
  Resources: {
    Rule: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        CidrIp: { 'Fn::ImportValue': 'prod-vpc-cidr' },
        VpcId: { 'Fn::ImportValue': 'shared-vpc-id' },
        Missing: { 'Fn::ImportValue': 'nobody-exports-this' },
      },
    },
  },
};

describe('inventoryFromObjects: CloudFormation', () => {
  // The values a deployment would pass: without them Env and Zones are chosen at deploy time.
  const inventory = inventoryFromObjects({
    templates: { Network: NETWORK, Consumer: CONSUMER },
    parameters: { Network: { Env: 'prod', Zones: 'a,b,c' } },
  });
  const sg = resource(inventory, 'Network/Sg');

  it('resolves Fn::GetAtt of a VPC CidrBlock to the CIDR the template gives it', () => {
    assert.equal(getPath(sg.properties, 'SecurityGroupIngress.0.CidrIp'), '10.0.0.0/16');
    assert.deepEqual(sg.properties.Subnets, ['10.0.0.0/24', '10.0.1.0/24']);
  });

  it('drops a property whose Fn::If on a false condition yields AWS::NoValue', () => {
    assert.equal((sg.properties.SecurityGroupIngress as unknown[]).length, 1);
  });

  it('drops resources whose condition is false, with a diagnostic', () => {
    assert.equal(
      inventory.cfn.find((r) => r.key === 'Network/DevOnly'),
      undefined,
    );
    assert.ok(inventory.diagnostics.some((d) => d.message.includes('DevOnly is not created')));
  });

  it('keeps a Sub with a parameter without default as a SymbolicString with an Unknown part', () => {
    const description = sg.properties.GroupDescription;
    assert.ok(description instanceof SymbolicString);
    assert.equal(description.parts[0], 'owned by ');
    assert.ok(description.parts[1] instanceof Unknown);
    assert.match(
      (description.parts[1] as Unknown).reason,
      /^parameter Owner is chosen at deploy time \(it has no default\)/,
    );
  });

  it('resolves Ref to resources, list parameters, Select, Split, Join and StackName', () => {
    assert.deepEqual(sg.properties.VpcId, new ResourceRef('Network/Vpc'));
    assert.equal(sg.properties.Zone, 'b');
    assert.equal(sg.properties.Split, 'z');
    const joined = sg.properties.Joined;
    assert.ok(joined instanceof SymbolicString);
    assert.equal(joined.toString(), 'a-${Network/Vpc}-b');
    assert.equal(resource(inventory, 'Network/Vpc').tags.Name, 'Network-vpc');
  });

  it('explains why a selection from the availability zones is unknown', () => {
    const zones = inventoryFromObjects({
      templates: {
        S: {
          Resources: {
            Subnet: {
              Type: 'AWS::EC2::Subnet',
              Properties: { AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } },
            },
          },
        },
      },
    });
    const zone = zones.cfn[0]!.properties.AvailabilityZone;
    assert.ok(zone instanceof Unknown);
    assert.match(zone.reason, /availability zones are only known at deploy time/);
  });

  it('keeps the region unknown, and conditions on it undetermined', () => {
    const region = sg.properties.Region;
    assert.ok(region instanceof Unknown);
    assert.equal(region.pseudo, 'AWS::Region');
    assert.ok(sg.properties.Maybe instanceof Unknown);
    assert.match((sg.properties.Maybe as Unknown).reason, /InUsEast/);
  });

  it('resolves Fn::ImportValue against the exports of other stacks in the input', () => {
    const rule = resource(inventory, 'Consumer/Rule');
    assert.equal(rule.properties.CidrIp, '10.0.0.0/16');
    assert.deepEqual(rule.properties.VpcId, new ResourceRef('Network/Vpc'));
    assert.ok(rule.properties.Missing instanceof Unknown);
  });

  it('keeps the template Metadata per stack', () => {
    assert.deepEqual(inventory.stackMetadata.Network, { 'vectorfort:flowSpec': MINIMAL_FLOW_SPEC });
  });
});

describe('inventoryFromObjects: odd shapes', () => {
  it('reports what it cannot read instead of throwing', () => {
    const inventory = inventoryFromObjects({
      templates: {
        Null: null as never,
        List: [1] as never,
        NoType: { Resources: { R: { Properties: {} } } },
      },
      manifests: [
        null as never,
        { kind: 'Pod' },
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1' }] },
      ],
    });
    assert.equal(inventory.cfn.length, 0);
    assert.equal(inventory.k8s.length, 0);
    assert.deepEqual(
      inventory.diagnostics.map((d) => `${d.location?.file} ${d.location?.path}: ${d.message}`),
      [
        'Null : expected a template (a mapping with Resources); the stack is skipped',
        'List : expected a template (a mapping with Resources); the stack is skipped',
        'Null Resources: expected Resources to be a mapping of logical id to resource',
        'List Resources: expected Resources to be a mapping of logical id to resource',
        'NoType Resources.R: expected Type to be a string; the resource is skipped',
        'manifests documents.0: expected a mapping with apiVersion and kind; the object is skipped',
        'manifests documents.1: expected apiVersion to be a string; the object is skipped',
        'manifests documents.2.items.0: expected kind to be a string; the object is skipped',
      ],
    );
  });
});

describe('inventoryFromObjects: Kubernetes', () => {
  const inventory = inventoryFromObjects({
    manifests: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'weaviate' } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'c', image: 'x' }] },
          },
        },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'backup', namespace: 'weaviate' },
        spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } },
      },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } },
    ],
  });

  it('keys objects by apiVersion/kind/namespace/name, namespace defaulted only for namespaced kinds', () => {
    assert.deepEqual(
      inventory.k8s.map((o) => o.key),
      [
        'v1/Namespace/weaviate',
        'apps/v1/Deployment/default/web',
        'batch/v1/CronJob/weaviate/backup',
        'rbac.authorization.k8s.io/v1/ClusterRole/reader',
      ],
    );
    assert.equal(inventory.k8s[0]!.namespace, undefined);
    assert.equal(inventory.k8s[1]!.namespace, 'default');
  });

  it('reports a workload without a pod template instead of inventing one', () => {
    const broken = inventoryFromObjects({
      manifests: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' } },
      ],
    });
    assert.equal(broken.pods.length, 0);
    assert.equal(broken.diagnostics[0]!.gap, 'malformed');
    assert.match(
      broken.diagnostics[0]!.message,
      /^DaemonSet ops\/agent declares no pod spec \(expected a mapping at spec\.template\.spec\)/,
    );
  });

  it('names an embedded object whose name comes from a reference symbolically', () => {
    const embedded = inventoryFromObjects({
      templates: {
        T: {
          Resources: {
            Role: { Type: 'AWS::IAM::Role', Properties: {} },
            Manifest: {
              Type: 'Custom::AWSCDK-EKS-KubernetesResource',
              Properties: {
                Manifest: {
                  'Fn::Join': [
                    '',
                    [
                      '[{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"',
                      { Ref: 'Role' },
                      '","namespace":"app"}}]',
                    ],
                  ],
                },
              },
            },
          },
        },
      },
    });
    assert.deepEqual(
      embedded.k8s.map((o) => [o.key, o.embeddedIn]),
      [['v1/ServiceAccount/app/${T/Role}', 'T/Manifest']],
    );
  });

  it('extracts pod templates from every workload kind', () => {
    assert.deepEqual(
      inventory.pods.map((p) => [p.owner.name, p.specPath, p.namespace]),
      [
        ['web', 'spec.template.spec', 'default'],
        ['backup', 'spec.jobTemplate.spec.template.spec', 'weaviate'],
      ],
    );
    assert.deepEqual(inventory.pods[0]!.labels, { app: 'web' });
  });
});
