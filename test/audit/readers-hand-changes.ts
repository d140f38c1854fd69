/** Hand changes to the second account's stack, one per type, as an operator would make them. */
import {
  CreateLaunchTemplateVersionCommand,
  CreateSecurityGroupCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import {
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  SetSecurityGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  AttachRolePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { sdkConfig } from './moto-account.js';
import { servicePhysicalIds } from './readers-account.js';

export async function changeServicesByHand(
  endpoint: string,
): Promise<{ strayGroup: string; strayRole: string }> {
  const config = sdkConfig(endpoint);
  const ids = await servicePhysicalIds(endpoint);
  const ec2 = new EC2Client(config);
  await ec2.send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: ids.Nodes,
      LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional', HttpPutResponseHopLimit: 2 } },
    }),
  );
  const stray = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'wide', Description: 'added by hand', VpcId: ids.Vpc }),
  );
  const elb = new ElasticLoadBalancingV2Client(config);
  await elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: ids.Lb, SecurityGroups: [stray.GroupId!] }));
  await elb.send(new ModifyListenerCommand({ ListenerArn: ids.Http, Port: 8080 }));
  const iam = new IAMClient(config);
  await iam.send(new AttachRolePolicyCommand({ RoleName: ids.FnRole, PolicyArn: ids.ReadPolicy }));
  await iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: ids.ReadPolicy,
      SetAsDefault: true,
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
      }),
    }),
  );
  const admin = await iam.send(
    new CreateRoleCommand({
      RoleName: 'debug-admin',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    }),
  );
  const lambda = new LambdaClient(config);
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: ids.Fn, Role: admin.Role!.Arn! }));
  const sns = new SNSClient(config);
  await sns.send(
    new SetTopicAttributesCommand({
      TopicArn: ids.Alerts,
      AttributeName: 'KmsMasterKeyId',
      AttributeValue: '',
    }),
  );
  const sqs = new SQSClient(config);
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: ids.Jobs, Attributes: { KmsMasterKeyId: '' } }));
  const dynamodb = new DynamoDBClient(config);
  await dynamodb.send(
    new UpdateContinuousBackupsCommand({
      TableName: ids.Locks,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
    }),
  );
  const events = new EventBridgeClient(config);
  await events.send(new DisableRuleCommand({ Name: ids.Findings }));
  for (const c of [ec2, elb, iam, lambda, sns, sqs, dynamodb, events]) c.destroy();
  return { strayGroup: stray.GroupId!, strayRole: admin.Role!.Arn! };
}
