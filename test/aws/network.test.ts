import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { resolvedAvailabilityZones } from '../../src/blueprint/index.js';
import { planSubnets, TIERS } from '../../src/flows/index.js';
import { REQUIRED_INTERFACE_ENDPOINTS } from '../../src/aws/network.js';
import { resourcesOf, subnetsOfTier, synth, tagsOf, type CfnTemplate } from './synth-helper.js';

const { blueprint, template, json } = synth();
const ref = (id: string) => ({ Ref: id });

/** Route table logical id of each subnet. */
function routeTableOf(t: CfnTemplate, subnetId: string): string {
  const association = resourcesOf(t, 'AWS::EC2::SubnetRouteTableAssociation').find(
    ([, r]) => (r.Properties!.SubnetId as { Ref: string }).Ref === subnetId,
  );
  return (association![1].Properties!.RouteTableId as { Ref: string }).Ref;
}

function defaultRoutes(t: CfnTemplate, routeTable: string) {
  return resourcesOf(t, 'AWS::EC2::Route')
    .map(([, r]) => r.Properties!)
    .filter(
      (p) => (p.RouteTableId as { Ref: string }).Ref === routeTable && p.DestinationCidrBlock === '0.0.0.0/0',
    );
}

describe('network: subnets', () => {
  it('creates exactly the subnets of the flow spec plan, with the same CIDRs and zones', () => {
    const plan = planSubnets(blueprint.network.vpcCidr, resolvedAvailabilityZones(blueprint));
    const actual = resourcesOf(json, 'AWS::EC2::Subnet')
      .map(([, r]) => ({
        tier: tagsOf(r).get('vectorfort:tier'),
        availabilityZone: r.Properties!.AvailabilityZone,
        cidr: r.Properties!.CidrBlock,
      }))
      .sort((a, b) => String(a.cidr).localeCompare(String(b.cidr)));
    assert.deepEqual(
      actual,
      [...plan].sort((a, b) => a.cidr.localeCompare(b.cidr)),
    );
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.40.0.0/16',
      EnableDnsHostnames: true,
      EnableDnsSupport: true,
    });
  });

  it('maps no public IPs in any subnet, the public tier included', () => {
    const subnets = resourcesOf(json, 'AWS::EC2::Subnet');
    assert.equal(subnets.length, 12);
    for (const [id, subnet] of subnets) assert.equal(subnet.Properties!.MapPublicIpOnLaunch, false, id);
  });

  it('routes the public tier to the internet gateway and the application tier to a NAT gateway per zone', () => {
    const nats = new Set<string>();
    for (const subnet of subnetsOfTier(json, 'public')) {
      const routes = defaultRoutes(json, routeTableOf(json, subnet));
      assert.equal(routes.length, 1);
      assert.ok(routes[0]!.GatewayId, 'public default route goes to the internet gateway');
    }
    for (const subnet of subnetsOfTier(json, 'application')) {
      const routes = defaultRoutes(json, routeTableOf(json, subnet));
      assert.equal(routes.length, 1);
      nats.add((routes[0]!.NatGatewayId as { Ref: string }).Ref);
    }
    assert.equal(nats.size, 3);
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  it('gives the data and endpoints tiers no route to the internet gateway or a NAT gateway', () => {
    for (const tier of ['data', 'endpoints']) {
      for (const subnet of subnetsOfTier(json, tier)) {
        const table = routeTableOf(json, subnet);
        const routes = resourcesOf(json, 'AWS::EC2::Route').filter(
          ([, r]) => (r.Properties!.RouteTableId as { Ref: string }).Ref === table,
        );
        assert.deepEqual(routes, [], `${tier} subnet ${subnet} has routes`);
      }
    }
  });
});

describe('network: flow logs, default security group', () => {
  it('logs ALL traffic of the VPC to a KMS-encrypted log group with retention', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^NetworkFlowLogGroup') },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/vectorfort/weaviate/vpc-flow-logs',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysLogs'), 'Arn'] },
    });
  });

  it('restricts the default security group (no rules)', () => {
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'DefaultSecurityGroup'],
      },
    });
  });
});

describe('network: endpoints', () => {
  const endpoints = resourcesOf(json, 'AWS::EC2::VPCEndpoint');
  const interfaces = endpoints.filter(([, r]) => r.Properties!.VpcEndpointType === 'Interface');

  it('creates exactly the required interface endpoints, with private DNS, in the endpoints tier', () => {
    const services: string[] = interfaces
      .map(([, r]) => JSON.stringify(r.Properties!.ServiceName))
      .map((s) => /com\.amazonaws\.us-east-1\.([a-z0-9.-]+)/.exec(s)?.[1] ?? s)
      .sort();
    // guardduty-data is the detection part's: GuardDuty's runtime agent reports through it; s3 has an interface
    // endpoint of its own (its own security group and DNS settings); sns is Alertmanager's, publishing alerts.
    assert.deepEqual(
      services.slice(),
      [...REQUIRED_INTERFACE_ENDPOINTS, 'guardduty-data', 's3', 'sns'].sort(),
    );
    // The list the issue requires, all present (lambda is ours: the custom-resource provider invokes through it).
    for (const service of ['logs', 'monitoring', 'kms', 'sts', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'ssm'])
      assert.ok(services.includes(service), service);
    for (const service of [
      'ssmmessages',
      'ec2messages',
      'eks',
      'eks-auth',
      'elasticloadbalancing',
      'autoscaling',
      'ec2',
    ])
      assert.ok(services.includes(service), service);
    const endpointSubnets = subnetsOfTier(json, 'endpoints').map(ref);
    for (const [id, endpoint] of interfaces) {
      assert.equal(endpoint.Properties!.PrivateDnsEnabled, true, id);
      assert.deepEqual(endpoint.Properties!.SubnetIds, endpointSubnets, id);
      const s3 = JSON.stringify(endpoint.Properties!.ServiceName).includes('.s3');
      assert.deepEqual(
        endpoint.Properties!.SecurityGroupIds,
        [
          {
            'Fn::GetAtt': [
              s3 ? 'NetworkSecurityGroupsS3Endpoint62E5F243' : 'NetworkSecurityGroupsAwsEndpoints0300E382',
              'GroupId',
            ],
          },
        ],
        id,
      );
    }
  });

  it('adds additionalInterfaceEndpoints', () => {
    const extra = synth({ network: { additionalInterfaceEndpoints: ['sqs'] } });
    extra.template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.us-east-1.sqs',
      PrivateDnsEnabled: true,
    });
  });

  it('admits 443 to the endpoint security group only from the generated groups inside the VPC', () => {
    const group = 'NetworkSecurityGroupsAwsEndpoints0300E382';
    const [, sg] = resourcesOf(json, 'AWS::EC2::SecurityGroup').find(([id]) => id === group)!;
    assert.equal(sg.Properties!.SecurityGroupIngress, undefined, 'no inline (CIDR) ingress');
    const ingress = resourcesOf(json, 'AWS::EC2::SecurityGroupIngress')
      .map(([, r]) => r.Properties!)
      .filter((p) => JSON.stringify(p.GroupId).includes(group));
    const sources = ingress
      .map((p) => (p.SourceSecurityGroupId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0])
      .sort();
    assert.deepEqual(sources, [
      'NetworkSecurityGroupsApiKeyRotationBC790931',
      'NetworkSecurityGroupsKubectlHandlerED142E78',
      'NetworkSecurityGroupsNodesSystem759D9F40',
      'NetworkSecurityGroupsNodesWeaviateCD45BC41',
      'NetworkSecurityGroupsNotifier9AF66249',
    ]);
    for (const p of ingress) assert.deepEqual([p.IpProtocol, p.FromPort, p.ToPort], ['tcp', 443, 443]);
  });

  const s3Endpoints = (type: string) =>
    endpoints.filter(
      ([, r]) =>
        JSON.stringify(r.Properties!.ServiceName).includes('.s3') && r.Properties!.VpcEndpointType === type,
    );

  it('routes S3 through a gateway endpoint on the application route tables only', () => {
    const gateway = s3Endpoints('Gateway');
    assert.equal(gateway.length, 1);
    const tables = subnetsOfTier(json, 'application').map((s) => ref(routeTableOf(json, s)));
    assert.equal(tables.length, 3);
    assert.deepEqual(gateway[0]![1].Properties!.RouteTableIds, tables);
    const statements = (gateway[0]![1].Properties!.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    assert.deepEqual(
      statements.map((s) => [s.Sid, s.Effect, s.Action, JSON.stringify(s.Resource)]),
      [
        [
          'CloudFormationCustomResourceResponses',
          'Allow',
          's3:PutObject',
          '"arn:aws:s3:::cloudformation-custom-resource-response-*/*"',
        ],
      ],
    );
  });

  it("gives the data tier S3's interface endpoint, with private DNS for every resolver of the VPC", () => {
    const [interfaceEndpoint, ...others] = s3Endpoints('Interface');
    assert.deepEqual(others, []);
    const p = interfaceEndpoint![1].Properties!;
    assert.deepEqual(
      [p.PrivateDnsEnabled, p.DnsOptions, p.SubnetIds],
      [
        true,
        { PrivateDnsOnlyForInboundResolverEndpoint: 'AllResolvers' },
        subnetsOfTier(json, 'endpoints').map((id) => ({ Ref: id })),
      ],
    );
    assert.deepEqual(p.SecurityGroupIds, [
      { 'Fn::GetAtt': ['NetworkSecurityGroupsS3Endpoint62E5F243', 'GroupId'] },
    ]);
  });

  it("limits the S3 interface endpoint policy to ECR's layer bucket, CloudFormation responses and the project's buckets (backups and the audit archive)", () => {
    const [interfaceEndpoint] = s3Endpoints('Interface');
    const statements = (
      interfaceEndpoint![1].Properties!.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement;
    assert.deepEqual(
      statements.map((s) => [s.Sid, s.Effect, JSON.stringify(s.Resource)]),
      [
        ['EcrImageLayers', 'Allow', '"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"'],
        [
          'CloudFormationCustomResourceResponses',
          'Allow',
          '"arn:aws:s3:::cloudformation-custom-resource-response-*/*"',
        ],
        [
          'BackupBucket',
          'Allow',
          JSON.stringify([
            { 'Fn::GetAtt': ['BackupsBucket2936A3AA', 'Arn'] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['BackupsBucket2936A3AA', 'Arn'] }, '/*']] },
          ]),
        ],
        [
          'BackupAccessLogsRead',
          'Allow',
          JSON.stringify([
            { 'Fn::GetAtt': ['BackupsAccessLogs4CD0EFAD', 'Arn'] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['BackupsAccessLogs4CD0EFAD', 'Arn'] }, '/*']] },
          ]),
        ],
        [
          'AuditLogsRead',
          'Allow',
          JSON.stringify([
            { 'Fn::GetAtt': ['AuditLogsBucketCBA431F7', 'Arn'] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['AuditLogsBucketCBA431F7', 'Arn'] }, '/*']] },
          ]),
        ],
      ],
    );
    assert.ok(statements.every((s) => s.Resource !== '*' && !JSON.stringify(s.Action).includes('s3:*')));
  });
});

describe('network: variants', () => {
  it('development preset: one NAT gateway shared by the application tier', () => {
    const dev = synth({ preset: 'development' });
    dev.template.resourceCountIs('AWS::EC2::NatGateway', 1);
    const nats = new Set(
      subnetsOfTier(dev.json, 'application').map(
        (s) => (defaultRoutes(dev.json, routeTableOf(dev.json, s))[0]!.NatGatewayId as { Ref: string }).Ref,
      ),
    );
    assert.equal(nats.size, 1);
  });

  it('allowDataTierInternetEgress: the data tier routes to NAT, the endpoints tier still does not', () => {
    const open = synth({ network: { allowDataTierInternetEgress: true }, images: { source: 'public' } });
    for (const subnet of subnetsOfTier(open.json, 'data')) {
      const routes = defaultRoutes(open.json, routeTableOf(open.json, subnet));
      assert.equal(routes.length, 1);
      assert.ok(routes[0]!.NatGatewayId);
    }
    for (const subnet of subnetsOfTier(open.json, 'endpoints'))
      assert.deepEqual(defaultRoutes(open.json, routeTableOf(open.json, subnet)), []);
  });

  it('tags every subnet with its tier', () => {
    for (const tier of TIERS) assert.equal(subnetsOfTier(json, tier).length, 3, tier);
  });
});
