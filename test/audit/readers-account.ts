/**
 * A second account in moto for the readers beyond the network: a stack of the types moto's CloudFormation
 * creates (launch template, load balancer, listener, target group, role, managed policy, function, topic,
 * queue, table, rule, parameter), with what it drops (table encryption and recovery, function tracing) set
 * through the service APIs as the stack states them.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { sdkConfig } from './moto-account.js';

export const STACK = 'svc';

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export const TEMPLATE = {
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
    SubnetA: {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.1.1.0/24', AvailabilityZone: 'eu-west-1a' },
    },
    SubnetB: {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.1.2.0/24', AvailabilityZone: 'eu-west-1b' },
    },
    LbGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'load balancer',
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.0/16' }],
      },
    },
    Nodes: {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateName: 'nodes',
        LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } },
      },
    },
    Lb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: {
        Name: 'api',
        Scheme: 'internal',
        Type: 'application',
        Subnets: [{ Ref: 'SubnetA' }, { Ref: 'SubnetB' }],
        SecurityGroups: [{ 'Fn::GetAtt': ['LbGroup', 'GroupId'] }],
      },
    },
    Targets: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { Name: 'api', Protocol: 'HTTPS', Port: 443, VpcId: { Ref: 'Vpc' }, TargetType: 'ip' },
    },
    Http: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: 'Lb' },
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
        ],
      },
    },
    FnRole: {
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: 'svc-fn', AssumeRolePolicyDocument: TRUST },
    },
    ReadPolicy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: 'svc-read',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::svc-data/*' }],
        },
      },
    },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'svc-fn',
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
        Code: { ZipFile: 'exports.handler = async () => 1;' },
      },
    },
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: {
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
    Alerts: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'svc-alerts', KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
    },
    Jobs: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: 'svc-jobs', KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
    },
    Locks: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: 'svc-locks',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    },
    Findings: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: 'svc-findings',
        State: 'ENABLED',
        EventPattern: { source: ['aws.guardduty'] },
        Targets: [{ Id: 'alerts', Arn: { Ref: 'Alerts' } }],
      },
    },
  },
};

export async function deployServices(endpoint: string): Promise<void> {
  const config = sdkConfig(endpoint);
  const cfn = new CloudFormationClient(config);
  await cfn.send(new CreateStackCommand({ StackName: STACK, TemplateBody: JSON.stringify(TEMPLATE) }));
  const status = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.StackStatus;
  if (status !== 'CREATE_COMPLETE') throw new Error(`the stack did not deploy: ${status}`);
  cfn.destroy();
  // moto's CloudFormation drops point-in-time recovery; the stack states it, so the account has it.
  const dynamodb = new DynamoDBClient(config);
  await dynamodb.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'svc-locks',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  dynamodb.destroy();
}

export async function servicePhysicalIds(endpoint: string): Promise<Record<string, string>> {
  const cfn = new CloudFormationClient(sdkConfig(endpoint));
  const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }));
  cfn.destroy();
  return Object.fromEntries(
    (StackResources ?? [])
      .filter((r) => r.LogicalResourceId)
      .map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]),
  );
}
