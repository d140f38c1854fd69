/**
 * The readers of types moto's CloudFormation skips (EKS node groups and their siblings, web ACLs and their
 * associations, CloudFront, Secrets Manager), called directly with physical ids, on resources created through
 * the service APIs. Where moto does not implement the API (EKS add-ons, access entries, pod identity) the
 * resources are not read, with the reason, never guessed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  CreateLoadBalancerCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssociateWebACLCommand, CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { AwsSession } from '../../src/audit/aws/session.js';
import type { ReaderOutput } from '../../src/audit/aws/live.js';
import { readDataStores } from '../../src/audit/aws/readers/data-stores.js';
import { readEdge } from '../../src/audit/aws/readers/edge.js';
import { readEksParts } from '../../src/audit/aws/readers/eks-parts.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { auditTarget, sdkConfig } from './moto-account.js';

const byType = (ids: Record<string, string[]>) => (type: string) => ids[type] ?? [];

describe('readers of types created through the service APIs', () => {
  let moto: Moto;
  let eks: ReaderOutput;
  let edge: ReaderOutput;
  let secrets: ReaderOutput;
  let lbArn: string;
  let aclArn: string;
  let keyArn: string;

  before(async () => {
    moto = await startMoto();
    const config = sdkConfig(moto.endpoint);
    const ec2 = new EC2Client(config);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc!.VpcId!;
    const subnets = await Promise.all(
      ['a', 'b'].map(
        async (az, i) =>
          (
            await ec2.send(
              new CreateSubnetCommand({
                VpcId: vpc,
                CidrBlock: `10.2.${i}.0/24`,
                AvailabilityZone: `eu-west-1${az}`,
              }),
            )
          ).Subnet!.SubnetId!,
      ),
    );
    const eksClient = new EKSClient(config);
    await eksClient.send(
      new CreateClusterCommand({
        name: 'vdb',
        roleArn: 'arn:aws:iam::123456789012:role/cluster',
        resourcesVpcConfig: { subnetIds: subnets },
      }),
    );
    await eksClient.send(
      new CreateNodegroupCommand({
        clusterName: 'vdb',
        nodegroupName: 'system',
        nodeRole: 'arn:aws:iam::123456789012:role/nodes',
        subnets,
      }),
    );
    const elb = new ElasticLoadBalancingV2Client(config);
    lbArn = (
      await elb.send(
        new CreateLoadBalancerCommand({ Name: 'edge', Subnets: subnets, Scheme: 'internet-facing' }),
      )
    ).LoadBalancers![0]!.LoadBalancerArn!;
    const waf = new WAFV2Client(config);
    const acl = (
      await waf.send(
        new CreateWebACLCommand({
          Name: 'edge',
          Scope: 'REGIONAL',
          DefaultAction: { Block: {} },
          VisibilityConfig: {
            SampledRequestsEnabled: true,
            CloudWatchMetricsEnabled: true,
            MetricName: 'edge',
          },
          Rules: [],
        }),
      )
    ).Summary!;
    aclArn = acl.ARN!;
    await waf.send(new AssociateWebACLCommand({ WebACLArn: aclArn, ResourceArn: lbArn }));
    const cloudfront = new CloudFrontClient(config);
    const distribution = (
      await cloudfront.send(
        new CreateDistributionCommand({
          DistributionConfig: {
            CallerReference: 'edge',
            Comment: '',
            Enabled: true,
            WebACLId: aclArn,
            Origins: {
              Quantity: 1,
              Items: [
                {
                  Id: 'alb',
                  DomainName: 'edge.example.com',
                  CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' },
                },
              ],
            },
            DefaultCacheBehavior: {
              TargetOriginId: 'alb',
              ViewerProtocolPolicy: 'redirect-to-https',
              CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
            },
          },
        }),
      )
    ).Distribution!;
    const kms = new KMSClient(config);
    keyArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const sm = new SecretsManagerClient(config);
    const secret = (
      await sm.send(new CreateSecretCommand({ Name: 'api-key', SecretString: 'x', KmsKeyId: keyArn }))
    ).ARN!;
    for (const c of [ec2, eksClient, elb, waf, cloudfront, kms, sm]) c.destroy();

    const session = new AwsSession(auditTarget(moto.endpoint, { maxAttempts: 2 }));
    try {
      [eks, edge, secrets] = await Promise.all([
        readEksParts(
          session,
          byType({
            'AWS::EKS::Nodegroup': ['vdb/system'],
            'AWS::EKS::Addon': ['vdb|vpc-cni'],
            'AWS::EKS::AccessEntry': ['vdb|arn:aws:iam::123456789012:role/admin'],
          }),
        ),
        readEdge(
          session,
          byType({
            'AWS::ElasticLoadBalancingV2::LoadBalancer': [lbArn],
            'AWS::WAFv2::WebACL': [`edge|${acl.Id}|REGIONAL`],
            'AWS::CloudFront::Distribution': [distribution.Id!],
          }),
        ),
        readDataStores(session, byType({ 'AWS::SecretsManager::Secret': [secret] })),
      ]);
    } finally {
      await session.close();
    }
  });
  after(async () => moto?.stop());

  it('reads a node group by its composed physical id', () => {
    const group = eks.resources.find((r) => r.type === 'AWS::EKS::Nodegroup');
    assert.ok(group, 'the node group was read');
    assert.equal(group.physicalId, 'vdb/system');
    assert.equal(group.properties.NodeRole, 'arn:aws:iam::123456789012:role/nodes');
    assert.equal((group.properties.Subnets as string[]).length, 2);
    assert.equal(group.calls[0]!.operation, 'DescribeNodegroup');
  });

  it('leaves add-ons and access entries unread where the API is not implemented, with the reason', () => {
    const types = eks.notRead.map((n) => n.type).sort();
    assert.deepEqual(types, ['AWS::EKS::AccessEntry', 'AWS::EKS::Addon']);
    for (const n of eks.notRead) assert.match(n.reason, /not supported by the endpoint/);
    assert.equal(eks.resources.filter((r) => r.type !== 'AWS::EKS::Nodegroup').length, 0);
  });

  it('reads the load balancer with the web ACL attached to it', () => {
    const lb = edge.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    assert.equal(lb?.properties.Scheme, 'internet-facing');
    const association = edge.resources.find((r) => r.type === 'AWS::WAFv2::WebACLAssociation');
    assert.deepEqual(association?.partOf, { physicalId: lbArn, name: 'WebACLAssociation' });
    assert.equal(association?.properties.WebACLArn, aclArn);
  });

  it('reads the web ACL and the distribution in their CloudFormation shape', () => {
    const acl = edge.resources.find((r) => r.type === 'AWS::WAFv2::WebACL');
    assert.deepEqual(acl?.properties.DefaultAction, { Block: {} });
    assert.equal(acl?.arn, aclArn);
    const distribution = edge.resources.find((r) => r.type === 'AWS::CloudFront::Distribution');
    const config = distribution?.properties.DistributionConfig as Record<string, unknown>;
    assert.equal(config.WebACLId, aclArn);
    assert.deepEqual(config.DefaultCacheBehavior, {
      TargetOriginId: 'alb',
      ViewerProtocolPolicy: 'redirect-to-https',
    });
    assert.deepEqual(edge.notRead, []);
  });

  it("reads the secret's key, and no rotation where none was set", () => {
    const secret = secrets.resources.find((r) => r.type === 'AWS::SecretsManager::Secret');
    assert.equal(secret?.properties.KmsKeyId, keyArn);
    assert.equal(
      secrets.resources.filter((r) => r.type === 'AWS::SecretsManager::RotationSchedule').length,
      0,
    );
  });
});
