/**
 * SNS topics (encryption key, access policy, subscriptions) and SQS queues (encryption, access policy). A
 * topic's or queue's policy is stated in its attributes, so TopicPolicy and QueuePolicy resources are read as
 * parts of their topic or queue; a subscription is named by its ARN.
 */
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import { defined, emptyOutput, parsePolicy, type LiveResource, type ReaderOutput } from '../live.js';
import { merge, readEach } from './each.js';

export const MESSAGING_TYPES = ['AWS::SNS::Topic', 'AWS::SNS::Subscription', 'AWS::SQS::Queue'] as const;
export const MESSAGING_PART_TYPES = ['AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy'] as const;

export async function readMessaging(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  return merge(
    await Promise.all([
      readTopics(session, ids('AWS::SNS::Topic')),
      readSubscriptions(session, ids('AWS::SNS::Subscription')),
      readQueues(session, ids('AWS::SQS::Queue')),
    ]),
  );
}

async function readTopics(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  if (arns.length === 0) return emptyOutput();
  const client = await session.client<SNSClient>('sns');
  return readEach('AWS::SNS::Topic', arns, async (TopicArn) => {
    const got = await session.call(
      OPS.getTopicAttributes,
      () => client.send(new GetTopicAttributesCommand({ TopicArn })),
      { subject: TopicArn, absent: ['NotFound', 'NotFoundException'] },
    );
    if (!got.ok) return { failed: got };
    const a = got.value?.Attributes;
    if (!a) return undefined;
    const out: LiveResource[] = [
      {
        type: 'AWS::SNS::Topic',
        physicalId: TopicArn,
        properties: defined({
          TopicName: TopicArn.split(':').pop(),
          KmsMasterKeyId: a.KmsMasterKeyId || undefined,
          FifoTopic: a.FifoTopic === undefined ? undefined : a.FifoTopic === 'true',
          SignatureVersion: a.SignatureVersion,
        }),
        calls: [got.record],
      },
    ];
    if (a.Policy)
      out.push({
        type: 'AWS::SNS::TopicPolicy',
        physicalId: `${TopicArn}|policy`,
        partOf: { physicalId: TopicArn, name: 'Policy' },
        properties: { Topics: [TopicArn], PolicyDocument: parsePolicy(a.Policy)! },
        calls: [got.record],
      });
    return out;
  });
}

async function readSubscriptions(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  if (arns.length === 0) return emptyOutput();
  const client = await session.client<SNSClient>('sns');
  return readEach('AWS::SNS::Subscription', arns, async (SubscriptionArn) => {
    const got = await session.call(
      OPS.getSubscriptionAttributes,
      () => client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn })),
      { subject: SubscriptionArn, absent: ['NotFound', 'NotFoundException'] },
    );
    if (!got.ok) return { failed: got };
    const a = got.value?.Attributes;
    if (!a) return undefined;
    return [
      {
        type: 'AWS::SNS::Subscription',
        physicalId: SubscriptionArn,
        properties: defined({
          TopicArn: a.TopicArn,
          Protocol: a.Protocol,
          Endpoint: a.Endpoint,
          RawMessageDelivery:
            a.RawMessageDelivery === undefined ? undefined : a.RawMessageDelivery === 'true',
          FilterPolicy: a.FilterPolicy ? parsePolicy(a.FilterPolicy) : undefined,
        }),
        calls: [got.record],
      },
    ];
  });
}

async function readQueues(session: AwsSession, urls: readonly string[]): Promise<ReaderOutput> {
  if (urls.length === 0) return emptyOutput();
  const client = await session.client<SQSClient>('sqs');
  return readEach('AWS::SQS::Queue', urls, async (QueueUrl) => {
    const got = await session.call(
      OPS.getQueueAttributes,
      () => client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })),
      { subject: QueueUrl, absent: ['AWS.SimpleQueueService.NonExistentQueue', 'QueueDoesNotExist'] },
    );
    if (!got.ok) return { failed: got };
    const a = got.value?.Attributes;
    if (!a) return undefined;
    const out: LiveResource[] = [
      {
        type: 'AWS::SQS::Queue',
        physicalId: QueueUrl,
        ...(a.QueueArn ? { arn: a.QueueArn } : {}),
        properties: defined({
          QueueName: QueueUrl.split('/').pop(),
          KmsMasterKeyId: a.KmsMasterKeyId || undefined,
          SqsManagedSseEnabled:
            a.SqsManagedSseEnabled === undefined ? undefined : a.SqsManagedSseEnabled === 'true',
          MessageRetentionPeriod:
            a.MessageRetentionPeriod === undefined ? undefined : Number(a.MessageRetentionPeriod),
          VisibilityTimeout: a.VisibilityTimeout === undefined ? undefined : Number(a.VisibilityTimeout),
          RedrivePolicy: a.RedrivePolicy ? parsePolicy(a.RedrivePolicy) : undefined,
        }),
        calls: [got.record],
      },
    ];
    if (a.Policy)
      out.push({
        type: 'AWS::SQS::QueuePolicy',
        physicalId: `${QueueUrl}|policy`,
        partOf: { physicalId: QueueUrl, name: 'Policy' },
        properties: { Queues: [QueueUrl], PolicyDocument: parsePolicy(a.Policy)! },
        calls: [got.record],
      });
    return out;
  });
}
