import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TAG_COMPONENT } from '../../../../src/contract/keys.js';
import { awsModelOf, group, groupId, ref, type Resources, subnets } from './template.js';

const base = (): Resources => ({
  ...subnets({ A: '10.0.1.0/24', B: '10.0.2.0/24' }),
  Nodes: group(),
  Cluster: { Type: 'AWS::EKS::Cluster', Properties: { ResourcesVpcConfig: { SubnetIds: [ref('A')] } } },
});
const nodeGroup = (properties: Record<string, unknown>): Resources => ({
  NodeGroup: {
    Type: 'AWS::EKS::Nodegroup',
    Properties: { ClusterName: ref('Cluster'), Subnets: [ref('A'), ref('B')], ...properties },
  },
});
const launchTemplate = (data: Record<string, unknown>): Resources => ({
  Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: data } },
});

describe('node group builder', () => {
  const model = awsModelOf({
    ...base(),
    ...launchTemplate({
      SecurityGroupIds: [groupId('Nodes')],
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      TagSpecifications: [
        { ResourceType: 'instance', Tags: [{ Key: TAG_COMPONENT, Value: 'nodes-weaviate' }] },
        { ResourceType: 'volume', Tags: [{ Key: 'backup', Value: 'daily' }] },
      ],
    }),
    ...nodeGroup({
      LaunchTemplate: { Id: ref('Lt') },
      Labels: { 'vectorfort.dev/node-role': 'weaviate', count: 3 },
      Taints: [
        { Key: 'dedicated', Value: 'weaviate', Effect: 'NO_SCHEDULE' },
        { Key: 'spot', Effect: 'PREFER_NO_SCHEDULE' },
        { Key: 'custom', Effect: 'NoExecute' },
        { Key: 'plain' },
      ],
      Tags: { team: 'search' },
    }),
  });
  const nodes = model.attachments.get('Stack/NodeGroup');

  it('takes the security groups of its launch template and places the nodes in its subnets', () => {
    assert.ok(nodes);
    assert.equal(nodes.kind, 'node-group');
    assert.deepEqual(nodes.sgs, ['Stack/Nodes']);
    assert.equal(nodes.sgUnknown, undefined);
    assert.deepEqual(nodes.subnets, ['Stack/A', 'Stack/B']);
    assert.equal(nodes.publicAddress, false);
    assert.equal(nodes.linux, true);
  });

  it("adds the template's instance tags to the node group's tags", () => {
    assert.deepEqual(nodes?.tags, { team: 'search', [TAG_COMPONENT]: 'nodes-weaviate' });
  });

  it('reads the metadata hop limit from the launch template', () => {
    assert.equal(nodes?.hopLimit, 1);
    assert.equal(nodes?.hopLimitSource, 'Stack/Lt: HttpPutResponseHopLimit 1');
  });

  it('keeps the string node labels and spells taint effects as Kubernetes does', () => {
    assert.deepEqual(nodes?.nodeLabels, { 'vectorfort.dev/node-role': 'weaviate' });
    assert.deepEqual(nodes?.taints, [
      { key: 'dedicated', value: 'weaviate', effect: 'NoSchedule' },
      { key: 'spot', value: undefined, effect: 'PreferNoSchedule' },
      { key: 'custom', value: undefined, effect: 'NoExecute' },
      { key: 'plain', value: undefined, effect: 'NoSchedule' },
    ]);
  });

  it("falls back on the cluster's security group and EKS's hop limit 2 without a launch template", () => {
    const plain = awsModelOf({ ...base(), ...nodeGroup({}) }).attachments.get('Stack/NodeGroup');
    assert.deepEqual(plain?.sgs, ['Stack/Cluster#ClusterSecurityGroup']);
    assert.equal(plain?.hopLimit, 2);
    assert.equal(plain?.hopLimitSource, 'Stack/NodeGroup: no HttpPutResponseHopLimit (default 2)');
  });

  it('takes the groups of the network interfaces when the template lists no SecurityGroupIds', () => {
    const model = awsModelOf({
      ...base(),
      ...launchTemplate({
        NetworkInterfaces: [{ DeviceIndex: 0, Groups: [groupId('Nodes')], AssociatePublicIpAddress: true }],
      }),
      ...nodeGroup({ LaunchTemplate: { Id: ref('Lt') } }),
    });
    const nodes = model.attachments.get('Stack/NodeGroup');
    assert.deepEqual(nodes?.sgs, ['Stack/Nodes']);
    assert.equal(nodes?.publicAddress, true);
  });

  it('has a public address when a subnet maps public IPs on launch', () => {
    const resources = { ...base(), ...nodeGroup({}) };
    resources.B!.Properties!.MapPublicIpOnLaunch = true;
    assert.equal(awsModelOf(resources).attachments.get('Stack/NodeGroup')?.publicAddress, true);
  });

  it('adds the SSH source groups of remote access, and notes it', () => {
    const model = awsModelOf({
      ...base(),
      Bastion: group(),
      ...nodeGroup({ RemoteAccess: { Ec2SshKey: 'ops', SourceSecurityGroups: [groupId('Bastion')] } }),
    });
    assert.deepEqual(model.attachments.get('Stack/NodeGroup')?.sgs, [
      'Stack/Cluster#ClusterSecurityGroup',
      'Stack/Bastion',
    ]);
    assert.deepEqual(model.notes, ['Stack/NodeGroup enables SSH remote access']);
  });

  it('leaves the groups unknown when neither a template nor a cluster of the input determines them', () => {
    const model = awsModelOf({
      ...subnets({ A: '10.0.1.0/24' }),
      ...nodeGroup({ ClusterName: 'shared', Subnets: [ref('A'), 'subnet-0b'] }),
    });
    const nodes = model.attachments.get('Stack/NodeGroup');
    assert.deepEqual(nodes?.sgs, []);
    assert.equal(nodes?.sgUnknown, 'the security groups of Stack/NodeGroup are not determined by the input');
    assert.equal(nodes?.subnetUnknown, 'subnet "subnet-0b" is not in the input');
  });
});
