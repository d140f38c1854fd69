/**
 * The notifier end to end: the Lambda handler, fed SNS events, posting to a real HTTP server on 127.0.0.1, with
 * Secrets Manager, SQS (dead letters) and DynamoDB (dedup state) served by moto_server.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, PurgeQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbDedupStore } from '../../src/notifier/dynamodb-dedup-store.js';
import { createHandler, NOTIFIER_ENV, notifierFromEnvironment } from '../../src/notifier/handler.js';
import { Logger } from '../../src/notifier/log.js';
import {
  CRITICAL_TOPIC_ARN,
  configComplianceChange,
  directAlarm,
  guardDutyFinding,
  securityHubFindings,
  snsEvent,
  wafAlarmStateChange,
} from './fixtures.js';
import { motoClientConfig, startMoto, type Moto } from './moto.js';
import { WebhookServer } from './webhook-server.js';

// The path of a Slack webhook URL is its credential; these stand in for it and must never be logged.
const CHAT_TOKEN = 'T0CHAT/B0CHAT/chatSecretToken1234';
const PAGING_TOKEN = 'T0PAGE/B0PAGE/pagingSecretToken5678';
const TABLE = 'notifier-dedup';

describe('notifier end to end', () => {
  let moto: Moto;
  let secretsManager: SecretsManagerClient;
  let sqs: SQSClient;
  let dynamodb: DynamoDBClient;
  let queueUrl: string;
  const webhook = new WebhookServer();
  const logs: string[] = [];
  let tableCounter = 0;
  let now = new Date('2026-11-22T22:00:00Z');
  const sleeps: number[] = [];

  before(async () => {
    moto = await startMoto();
    await webhook.start();
    const config = motoClientConfig(moto.endpoint);
    secretsManager = new SecretsManagerClient(config);
    sqs = new SQSClient(config);
    dynamodb = new DynamoDBClient(config);
    await secretsManager.send(
      new CreateSecretCommand({
        Name: 'chat',
        SecretString: JSON.stringify({ url: webhook.url(`/${CHAT_TOKEN}`) }),
      }),
    );
    await secretsManager.send(
      new CreateSecretCommand({ Name: 'paging', SecretString: webhook.url(`/${PAGING_TOKEN}`) }),
    );
    await secretsManager.send(new CreateSecretCommand({ Name: 'placeholder', SecretString: '{"url":""}' }));
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'notifier-dlq' }))).QueueUrl!;
  });
  after(async () => {
    // However the tests went, no line logged anywhere carries a webhook credential.
    const all = logs.join('\n');
    await webhook.stop();
    await moto?.stop();
    assert.ok(
      !all.includes('chatSecretToken1234') && !all.includes('pagingSecretToken5678'),
      'a webhook token was logged',
    );
  });
  beforeEach(async () => {
    webhook.reset();
    sleeps.length = 0;
    now = new Date('2026-11-22T22:00:00Z');
    await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
  });

  /** A fresh dedup table per test, so tests do not see each other's claims. */
  async function newTable(): Promise<string> {
    const name = `${TABLE}-${++tableCounter}`;
    await dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    return name;
  }

  async function handlerWith(env: Record<string, string> = {}, table?: string) {
    const tableName = table ?? (await newTable());
    const notifier = notifierFromEnvironment(
      {
        [NOTIFIER_ENV.chatSecretId]: 'chat',
        [NOTIFIER_ENV.pagingSecretId]: 'paging',
        [NOTIFIER_ENV.deadLetterQueueUrl]: queueUrl,
        [NOTIFIER_ENV.dedupTable]: tableName,
        [NOTIFIER_ENV.dedupWindowSeconds]: '900',
        [NOTIFIER_ENV.burstThreshold]: '10',
        [NOTIFIER_ENV.criticalTopicArn]: CRITICAL_TOPIC_ARN,
        ...env,
      },
      {
        secretsManager,
        sqs,
        dynamodb,
        logger: new Logger((line) => logs.push(line), { component: 'notifier' }),
        retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 400, timeoutMs: 2000 },
        http: {
          sleep: async (ms) => {
            sleeps.push(ms);
            await new Promise((r) => setTimeout(r, Math.min(ms, 20)));
          },
          random: () => 1,
        },
        clock: () => now,
      },
    );
    return { handle: createHandler(notifier), table: tableName };
  }

  async function deadLetters(): Promise<Record<string, unknown>[]> {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    return (out.Messages ?? []).map((m) => JSON.parse(m.Body!) as Record<string, unknown>);
  }

  const chat = `/${CHAT_TOKEN}`;
  const paging = `/${PAGING_TOKEN}`;

  it('posts a useful chat message for each event type; critical ones page too', async () => {
    const { handle } = await handlerWith();
    const report = await handle(
      snsEvent([
        { message: guardDutyFinding({ severity: 5 }) },
        { message: securityHubFindings(['CRITICAL']) },
        { message: configComplianceChange() },
        { message: directAlarm('ALARM'), topicArn: CRITICAL_TOPIC_ARN },
        { message: wafAlarmStateChange('ALARM') },
      ]),
    );
    assert.deepEqual(report.events, {
      posted: 5,
      summarised: 0,
      escalated: 0,
      duplicate: 0,
      'burst-suppressed': 0,
      'dead-lettered': 0,
    });
    const texts = webhook.bodies(chat).map((b) => b.text);
    assert.deepEqual(texts, [
      ':warning: WARNING GuardDuty finding: A process in the container weaviate-0 opened a reverse shell. (111111111111, eu-west-1)',
      ':rotating_light: CRITICAL Security Hub finding: S3.8 S3 general purpose buckets should block public access (111111111111, eu-west-1)',
      ':warning: WARNING AWS Config compliance change: AWS::EC2::SecurityGroup sg-0123456789abcdef0 is NON_COMPLIANT with vpc-sg-open-only-to-authorized-ports (111111111111, eu-west-1)',
      ':rotating_light: CRITICAL CloudWatch alarm: Metric alarm weaviate-console-signin-without-mfa is in state ALARM (111111111111, eu-west-1)',
      ':warning: WARNING CloudWatch alarm: WAF alarm weaviate-waf-blocked-spike is in state ALARM (111111111111, eu-west-1)',
    ]);
    // Every chat message carries a console link and the resource.
    for (const body of webhook.bodies(chat)) {
      const blocks = JSON.stringify(body.blocks);
      assert.match(blocks, /https:\/\/eu-west-1\.console\.aws\.amazon\.com\//);
      assert.match(blocks, /\*Resource\*/);
    }
    // Only the Security Hub critical finding and the alarm from the critical topic page.
    assert.deepEqual(
      webhook.bodies(paging).map((b) => b.text.split(':')[2]!.trim().split(' ')[0]),
      ['CRITICAL', 'CRITICAL'],
    );
    assert.equal(webhook.bodies(paging).length, 2);
    assert.deepEqual(await deadLetters(), []);
  });

  it('logs and drops malformed messages without failing the batch', async () => {
    const { handle } = await handlerWith();
    const before = logs.length;
    const report = await handle(
      snsEvent([
        { message: 'not json at all' },
        { message: { hello: 'world' } },
        { message: { ...guardDutyFinding(), detail: { id: 'x' } } },
        { message: configComplianceChange() },
      ]),
    );
    assert.equal(report.malformed, 3);
    assert.equal(report.events.posted, 1);
    assert.equal(webhook.bodies(chat).length, 1);
    const dropped = logs
      .slice(before)
      .map((l) => JSON.parse(l))
      .filter((l) => l.message === 'dropped a malformed message');
    assert.deepEqual(
      dropped.map((l) => [l.level, l.snsMessageId, l.reason]),
      [
        ['warn', 'msg-0', 'the SNS message is not JSON'],
        ['warn', 'msg-1', 'neither an EventBridge event (detail-type) nor a CloudWatch alarm message'],
        ['warn', 'msg-2', 'GuardDuty finding: type: Invalid input: expected string, received undefined'],
      ],
    );
    assert.deepEqual(await deadLetters(), []);
  });

  it('retries a webhook answering 5xx with backoff, then dead-letters the event', async () => {
    const { handle, table } = await handlerWith();
    webhook.fallback = { status: 503 };
    const message = configComplianceChange();
    const report = await handle(snsEvent([{ message, id: 'msg-5xx' }]));
    assert.equal(report.events['dead-lettered'], 1);
    assert.equal(webhook.requests.length, 4, 'four attempts');
    assert.deepEqual(sleeps, [50, 100, 200]);
    const letters = await deadLetters();
    assert.equal(letters.length, 1);
    const [letter] = letters;
    assert.equal(letter!.destination, 'chat');
    assert.equal(letter!.reason, 'HTTP 503');
    assert.equal(letter!.attempts, 4);
    assert.equal(letter!.status, 503);
    assert.equal(letter!.snsMessageId, 'msg-5xx');
    assert.deepEqual(JSON.parse(letter!.message as string), message);
    assert.ok(!JSON.stringify(letters).includes('chatSecretToken1234'));
    const retries = logs
      .map((l) => JSON.parse(l))
      .filter((l) => l.message === 'webhook post failed; retrying' && l.snsMessageId === 'msg-5xx');
    assert.deepEqual(
      retries.map((l) => l.attempt),
      [1, 2, 3],
    );
    // The undelivered event gave up its claim: when the webhook recovers, the same event is posted.
    const claim = await dynamodb.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: `event#${JSON.parse(JSON.stringify(letter!.fingerprint))}` } },
      }),
    );
    assert.equal(claim.Item, undefined);
    webhook.fallback = { status: 200 };
    const again = await handle(snsEvent([{ message }]));
    assert.equal(again.events.posted, 1);
  });

  it('dead-letters a 4xx at once, and a critical event whose pager fails even when chat took it', async () => {
    const { handle } = await handlerWith();
    webhook.script.push({ status: 200 }, { status: 410 });
    const report = await handle(snsEvent([{ message: securityHubFindings(['CRITICAL']) }]));
    assert.equal(report.events['dead-lettered'], 1);
    assert.deepEqual(
      webhook.requests.map((r) => r.path),
      [chat, paging],
    );
    const [letter] = await deadLetters();
    assert.equal(letter!.destination, 'paging');
    assert.equal(letter!.reason, 'HTTP 410');
    assert.equal(letter!.attempts, 1);
  });

  it('dead-letters events while the chat webhook secret is still the placeholder', async () => {
    const { handle } = await handlerWith({ [NOTIFIER_ENV.chatSecretId]: 'placeholder' });
    const report = await handle(snsEvent([{ message: configComplianceChange() }]));
    assert.equal(report.events['dead-lettered'], 1);
    assert.equal(webhook.requests.length, 0);
    const [letter] = await deadLetters();
    assert.equal(letter!.reason, 'the chat webhook secret holds no URL yet');
  });

  it('collapses identical events within the window, across containers, and reports them afterwards', async () => {
    const { handle, table } = await handlerWith();
    // A second container sharing the table.
    const { handle: other } = await handlerWith({}, table);
    const finding = guardDutyFinding({ severity: 5 });
    await handle(snsEvent([{ message: finding }]));
    await other(snsEvent([{ message: finding }]));
    const third = await handle(snsEvent([{ message: finding }]));
    assert.equal(third.events.duplicate, 1);
    assert.equal(webhook.bodies(chat).length, 1);
    const item = await dynamodb.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: 'event#guardduty:111111111111:eu-west-1:5ec1a2b3c4d5e6f7a8b9c0d1e2f3a4b5' } },
      }),
    );
    assert.equal(item.Item?.duplicates?.N, '2');
    assert.ok(Number(item.Item?.expiresAt?.N) > now.getTime() / 1000, 'TTL set in epoch seconds');
    // After the window the same finding is news again, and the message says what was collapsed.
    now = new Date(now.getTime() + 16 * 60_000);
    const later = await other(snsEvent([{ message: finding }]));
    assert.equal(later.events.posted, 1);
    const last = webhook.bodies(chat).at(-1)!;
    assert.match(JSON.stringify(last.blocks), /2 identical event\(s\) were collapsed in the previous window/);
  });

  it('summarises a burst, holds the rest back, and accounts for every held-back event once the window ends', async () => {
    const { handle } = await handlerWith({ [NOTIFIER_ENV.burstThreshold]: '3' });
    const burst = Array.from({ length: 7 }, (_, i) => ({
      message: configComplianceChange('NON_COMPLIANT', `sg-${String(i).padStart(17, '0')}`),
    }));
    const report = await handle(snsEvent(burst));
    assert.deepEqual(report.events, {
      posted: 3,
      summarised: 1,
      escalated: 0,
      duplicate: 0,
      'burst-suppressed': 3,
      'dead-lettered': 0,
    });
    const texts = webhook.bodies(chat).map((b) => b.text);
    assert.equal(texts.length, 4);
    assert.match(
      texts[3]!,
      /^:warning: WARNING Burst of AWS Config compliance changes: More than 3 AWS Config compliance changes \(warning\) within the window; further ones are held back until 2026-11-22T22:15:00.000Z and then summarised\.$/,
    );
    // Other kinds are not held back by the Config burst.
    await handle(snsEvent([{ message: guardDutyFinding({ severity: 5 }) }]));
    assert.equal(webhook.bodies(chat).length, 5);
    // The first invocation after the window reports what was held back, then the next window starts afresh.
    now = new Date('2026-11-22T22:15:00Z');
    const next = await handle(snsEvent([{ message: configComplianceChange('NON_COMPLIANT', 'sg-new') }]));
    assert.equal(next.heldBackReported, 1);
    assert.equal(next.events.posted, 1);
    const closing = webhook.bodies(chat)[5]!;
    assert.equal(
      closing.text,
      ":warning: WARNING End of a burst of AWS Config compliance changes: 3 further AWS Config compliance change(s) (warning) were held back between 2026-11-22T22:00:00.000Z and 2026-11-22T22:15:00.000Z; their details are in the notifier's log.",
    );
    const listed = JSON.stringify(closing.blocks);
    for (const i of [4, 5, 6])
      assert.ok(listed.includes(`sg-${String(i).padStart(17, '0')}`), `sg ${i} listed`);
    // Reported once, across invocations.
    const again = await handle(snsEvent([{ message: configComplianceChange('NON_COMPLIANT', 'sg-other') }]));
    assert.equal(again.heldBackReported, 0);
    assert.equal(webhook.bodies(chat).length, 8);
  });

  it('does not drop the retry of an invocation that timed out holding a pending claim', async () => {
    const { handle, table } = await handlerWith();
    const finding = guardDutyFinding({ severity: 5 });
    const fingerprint = 'guardduty:111111111111:eu-west-1:5ec1a2b3c4d5e6f7a8b9c0d1e2f3a4b5';
    // The timed-out invocation claimed the event and died before settling or releasing the claim.
    await new DynamoDbDedupStore(dynamodb, table).claim({
      fingerprint,
      tier: 'warning',
      owner: 'msg-timed-out',
      now,
      windowMs: 900_000,
      leaseMs: 120_000,
    });
    // Another copy within the lease is collapsed: the owner's retry will deliver it.
    const copy = await handle(snsEvent([{ message: finding, id: 'msg-other' }]));
    assert.equal(copy.events.duplicate, 1);
    // Lambda retries the same message: it takes its own claim over and posts.
    now = new Date(now.getTime() + 60_000);
    const retry = await handle(snsEvent([{ message: finding, id: 'msg-timed-out' }]));
    assert.equal(retry.events.posted, 1);
    assert.equal(webhook.bodies(chat).length, 1);
    const item = await dynamodb.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: `event#${fingerprint}` } } }),
    );
    assert.equal(item.Item?.state?.S, 'posted');
    assert.equal(item.Item?.owner?.S, 'msg-timed-out');
    // Settled: now every copy within the window is a duplicate, whoever sends it.
    const later = await handle(snsEvent([{ message: finding, id: 'msg-third' }]));
    assert.equal(later.events.duplicate, 1);
  });

  it('lets any copy take over a pending claim whose lease has run out', async () => {
    const { handle, table } = await handlerWith();
    const finding = guardDutyFinding({ severity: 5 });
    await new DynamoDbDedupStore(dynamodb, table).claim({
      fingerprint: 'guardduty:111111111111:eu-west-1:5ec1a2b3c4d5e6f7a8b9c0d1e2f3a4b5',
      tier: 'warning',
      owner: 'msg-gone',
      now,
      windowMs: 900_000,
      leaseMs: 120_000,
    });
    now = new Date(now.getTime() + 121_000);
    const report = await handle(snsEvent([{ message: finding, id: 'msg-new' }]));
    assert.equal(report.events.posted, 1);
  });

  it('pages once for a critical alarm published to both topics, whichever copy arrives first', async () => {
    const { handle } = await handlerWith();
    // The warning copy first: chat gets it, then the critical copy escalates to the pager only.
    const first = await handle(
      snsEvent([
        { message: directAlarm('ALARM', 'weaviate-unauthorized-api-calls') },
        { message: directAlarm('ALARM', 'weaviate-unauthorized-api-calls'), topicArn: CRITICAL_TOPIC_ARN },
        { message: directAlarm('ALARM', 'weaviate-unauthorized-api-calls'), topicArn: CRITICAL_TOPIC_ARN },
      ]),
    );
    assert.equal(first.events.posted, 1);
    assert.equal(first.events.escalated, 1);
    assert.equal(first.events.duplicate, 1);
    assert.equal(webhook.bodies(chat).length, 1);
    assert.match(webhook.bodies(chat)[0]!.text, /^:warning: WARNING/);
    assert.equal(webhook.bodies(paging).length, 1);
    assert.match(
      webhook.bodies(paging)[0]!.text,
      /^:rotating_light: CRITICAL CloudWatch alarm: Metric alarm weaviate-unauthorized-api-calls/,
    );
    // The critical copy first: chat and pager at once; the warning copy is a plain duplicate.
    webhook.reset();
    const second = await handle(
      snsEvent([
        { message: directAlarm('ALARM', 'weaviate-root-usage'), topicArn: CRITICAL_TOPIC_ARN },
        { message: directAlarm('ALARM', 'weaviate-root-usage') },
      ]),
    );
    assert.equal(second.events.posted, 1);
    assert.equal(second.events.duplicate, 1);
    assert.equal(webhook.bodies(chat).length, 1);
    assert.equal(webhook.bodies(paging).length, 1);
  });

  it('fails closed on missing configuration', () => {
    const quiet = { logger: new Logger((line) => logs.push(line)) };
    assert.throws(() => notifierFromEnvironment({}, quiet), /NOTIFIER_CHAT_SECRET_ID is not set/);
    assert.throws(
      () =>
        notifierFromEnvironment(
          {
            [NOTIFIER_ENV.chatSecretId]: 'chat',
            [NOTIFIER_ENV.deadLetterQueueUrl]: queueUrl,
            [NOTIFIER_ENV.burstThreshold]: '0',
          },
          quiet,
        ),
      /NOTIFIER_BURST_THRESHOLD must be a positive integer/,
    );
  });

  it('picks up a rotated webhook URL after the secret cache expires', async () => {
    await secretsManager.send(
      new CreateSecretCommand({ Name: 'rotating', SecretString: webhook.url('/T0ROT/B0ROT/oldToken') }),
    );
    const { handle } = await handlerWith({
      [NOTIFIER_ENV.chatSecretId]: 'rotating',
      [NOTIFIER_ENV.secretCacheSeconds]: '1',
    });
    await handle(snsEvent([{ message: configComplianceChange('NON_COMPLIANT', 'sg-a') }]));
    await secretsManager.send(
      new PutSecretValueCommand({ SecretId: 'rotating', SecretString: webhook.url('/T0ROT/B0ROT/newToken') }),
    );
    await new Promise((r) => setTimeout(r, 1100));
    await handle(snsEvent([{ message: configComplianceChange('NON_COMPLIANT', 'sg-b') }]));
    assert.deepEqual(
      webhook.requests.map((r) => r.path),
      ['/T0ROT/B0ROT/oldToken', '/T0ROT/B0ROT/newToken'],
    );
    const all = logs.join('\n');
    assert.ok(!all.includes('oldToken') && !all.includes('newToken'));
  });
});
