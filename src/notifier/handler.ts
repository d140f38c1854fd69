/**
 * The Lambda entry point: a thin adapter from the SNS event to Notifier. Configuration comes from the
 * environment the stack sets; clients can be injected (tests point them at local endpoints).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SNSEvent } from 'aws-lambda';
import { MemoryBurstLedger } from './burst-ledger.js';
import { SqsDeadLetterQueue } from './dead-letter.js';
import { MemoryDedupStore } from './dedup-store.js';
import { DynamoDbBurstLedger } from './dynamodb-burst-ledger.js';
import { DynamoDbDedupStore } from './dynamodb-dedup-store.js';
import { Logger } from './log.js';
import { Notifier, type BatchReport } from './notifier.js';
import { NOTIFIER_ENV } from './env.js';
import { WebhookSecrets } from './secrets.js';
import type { PostDependencies, RetryPolicy } from './webhook.js';
import { isRotationEvent, WebhookRotation, type SecretsManagerRotationEvent } from './webhook-rotation.js';

export { NOTIFIER_ENV } from './env.js';

export class NotifierConfigurationError extends Error {
  override readonly name = 'NotifierConfigurationError';
}

export interface NotifierOverrides {
  readonly secretsManager?: SecretsManagerClient;
  readonly sqs?: SQSClient;
  readonly dynamodb?: DynamoDBClient;
  readonly logger?: Logger;
  readonly http?: PostDependencies;
  readonly retry?: RetryPolicy;
  readonly clock?: () => Date;
}

/** Builds the notifier from environment variables (NOTIFIER_ENV). Fails closed on missing or invalid ones. */
export function notifierFromEnvironment(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: NotifierOverrides = {},
): Notifier {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new NotifierConfigurationError(`environment variable ${name} is not set`);
    return value;
  };
  const positiveInt = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new NotifierConfigurationError(`environment variable ${name} must be a positive integer`);
    return value;
  };
  const chatSecretId = required(NOTIFIER_ENV.chatSecretId);
  const deadLetterQueueUrl = required(NOTIFIER_ENV.deadLetterQueueUrl);
  const dedupWindowMs = positiveInt(NOTIFIER_ENV.dedupWindowSeconds, 900) * 1000;
  const burstThreshold = positiveInt(NOTIFIER_ENV.burstThreshold, 10);
  const secretTtlMs = positiveInt(NOTIFIER_ENV.secretCacheSeconds, 300) * 1000;
  const logger = overrides.logger ?? new Logger(undefined, { component: 'notifier' });
  const table = env[NOTIFIER_ENV.dedupTable]?.trim();
  const dynamodb = table ? (overrides.dynamodb ?? new DynamoDBClient({})) : undefined;
  const dedup = dynamodb && table ? new DynamoDbDedupStore(dynamodb, table) : new MemoryDedupStore();
  const bursts = dynamodb && table ? new DynamoDbBurstLedger(dynamodb, table) : new MemoryBurstLedger();
  if (!table) logger.warn('no dedup table configured: duplicates are collapsed per container only');
  return new Notifier(
    {
      chatSecretId,
      pagingSecretId: env[NOTIFIER_ENV.pagingSecretId]?.trim() || undefined,
      criticalTopicArn: env[NOTIFIER_ENV.criticalTopicArn]?.trim() || undefined,
      dedupWindowMs,
      burstThreshold,
      retry: overrides.retry,
    },
    {
      secrets: new WebhookSecrets({
        client: overrides.secretsManager ?? new SecretsManagerClient({}),
        logger,
        ttlMs: secretTtlMs,
      }),
      dedup,
      bursts,
      deadLetters: new SqsDeadLetterQueue(overrides.sqs ?? new SQSClient({}), deadLetterQueueUrl),
      logger,
      http: overrides.http,
      clock: overrides.clock,
    },
  );
}

/**
 * Adapts an SNS event to a notifier. SNS invokes Lambda asynchronously with one record per event, so there is no
 * partial batch response to give: records are processed independently, and the invocation fails (and is
 * retried) only when something could be neither delivered nor dead-lettered.
 */
export function createHandler(notifier: Notifier): (event: SNSEvent) => Promise<BatchReport> {
  return (event) =>
    notifier.process(
      (event.Records ?? []).map((r) => ({
        messageId: r.Sns?.MessageId ?? 'unknown',
        topicArn: r.Sns?.TopicArn ?? '',
        message: typeof r.Sns?.Message === 'string' ? r.Sns.Message : '',
      })),
    );
}

/**
 * The webhook secrets' rotation (webhook-rotation.ts), from the same environment: Secrets Manager invokes the
 * notifier itself, so the test notification leaves through the notifier's own network path and egress.
 */
export function webhookRotationFromEnvironment(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: NotifierOverrides = {},
): WebhookRotation {
  const chat = env[NOTIFIER_ENV.chatSecretId]?.trim();
  if (!chat)
    throw new NotifierConfigurationError(`environment variable ${NOTIFIER_ENV.chatSecretId} is not set`);
  return new WebhookRotation({
    client: overrides.secretsManager ?? new SecretsManagerClient({}),
    logger: overrides.logger ?? new Logger(undefined, { component: 'notifier' }),
    secrets: { chat, paging: env[NOTIFIER_ENV.pagingSecretId]?.trim() || undefined },
    retry: overrides.retry,
    http: overrides.http,
  });
}

let cached: ((event: SNSEvent) => Promise<BatchReport>) | undefined;
let rotation: WebhookRotation | undefined;

/**
 * The function's handler: SNS events go to the notifier, built once per container and reused (clients, secret
 * cache); Secrets Manager's rotation steps go to the webhook rotation.
 */
export async function handler(event: SNSEvent | SecretsManagerRotationEvent): Promise<BatchReport | void> {
  if (isRotationEvent(event)) {
    rotation ??= webhookRotationFromEnvironment();
    return rotation.handle(event);
  }
  cached ??= createHandler(notifierFromEnvironment());
  return cached(event);
}
