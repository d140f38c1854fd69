/**
 * A small account in moto: a stack deployed through moto's CloudFormation, with what moto's CloudFormation
 * drops (Block Public Access, the subnet's public IP setting) set through the service APIs, as the stack
 * states them; and the account-level services the detection controls read, created through their APIs.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateTrailCommand, StartLoggingCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client, ModifySubnetAttributeCommand } from '@aws-sdk/client-ec2';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateBucketCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsTarget } from '../../src/audit/aws/session.js';

export const REGION = 'eu-west-1';
export const STACK = 'app';
export const BUCKET = 'audit-bucket';

export const TEMPLATE = {
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Subnet: {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', MapPublicIpOnLaunch: false },
    },
    Db: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'database',
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '10.0.1.0/24' }],
      },
    },
    Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    Assoc: {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { RouteTableId: { Ref: 'Table' }, SubnetId: { Ref: 'Subnet' } },
    },
    // moto's key policy validator fails on a policy object from CloudFormation; JSON text is accepted.
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::123456789012:root' },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        }),
      },
    },
    Bucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: BUCKET,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      },
    },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'audit-logs', RetentionInDays: 365 } },
  },
};

export function sdkConfig(endpoint: string) {
  return { endpoint, region: REGION, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
}

export function auditTarget(endpoint: string, extra: Partial<AwsTarget> = {}): AwsTarget {
  return {
    region: REGION,
    endpointUrl: endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    retryBaseMs: 20,
    ...extra,
  };
}

/** Deploys the stack and the account services. */
export async function deployAccount(endpoint: string): Promise<void> {
  const config = sdkConfig(endpoint);
  const cfn = new CloudFormationClient(config);
  await cfn.send(new CreateStackCommand({ StackName: STACK, TemplateBody: JSON.stringify(TEMPLATE) }));
  const status = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.StackStatus;
  if (status !== 'CREATE_COMPLETE') throw new Error(`the stack did not deploy: ${status}`);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: BUCKET,
      PublicAccessBlockConfiguration: TEMPLATE.Resources.Bucket.Properties.PublicAccessBlockConfiguration,
    }),
  );
  const ec2 = new EC2Client(config);
  const subnet = (await physicalIds(endpoint)).Subnet;
  await ec2.send(
    new ModifySubnetAttributeCommand({ SubnetId: subnet, MapPublicIpOnLaunch: { Value: false } }),
  );

  await s3.send(
    new CreateBucketCommand({
      Bucket: 'trail-logs',
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
  const trail = new CloudTrailClient(config);
  await trail.send(
    new CreateTrailCommand({
      Name: 'org',
      S3BucketName: 'trail-logs',
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    }),
  );
  await trail.send(new StartLoggingCommand({ Name: 'org' }));
  await new GuardDutyClient(config).send(new CreateDetectorCommand({ Enable: true }));
  for (const c of [cfn, s3, ec2, trail]) c.destroy();
}

/** The stack's physical ids by logical id. */
export async function physicalIds(endpoint: string): Promise<Record<string, string>> {
  const cfn = new CloudFormationClient(sdkConfig(endpoint));
  const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }));
  cfn.destroy();
  return Object.fromEntries((StackResources ?? []).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
}
