/**
 * The shipped artefact, not the sources: the bundle the stack deploys runs in a separate Node.js process with
 * only the environment the stack sets (plus AWS_ENDPOINT_URL pointing the SDK at moto), and posts to a local
 * webhook.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { notifierBundle } from '../../src/aws/alerting.js';
import { NOTIFIER_ENV } from '../../src/notifier/env.js';
import { CRITICAL_TOPIC_ARN, guardDutyFinding, snsEvent } from './fixtures.js';
import { motoClientConfig, startMoto, type Moto } from './moto.js';
import { WebhookServer } from './webhook-server.js';

const TOKEN = 'T0BUNDLE/B0BUNDLE/bundleSecretToken42';

describe('the bundled notifier', () => {
  let moto: Moto;
  const webhook = new WebhookServer();
  const dir = mkdtempSync(join(tmpdir(), 'vectorfort-notifier-bundle-'));
  let queueUrl: string;

  before(async () => {
    moto = await startMoto();
    await webhook.start();
    const config = motoClientConfig(moto.endpoint);
    await new SecretsManagerClient(config).send(
      new CreateSecretCommand({ Name: 'chat', SecretString: webhook.url(`/${TOKEN}`) }),
    );
    await new SecretsManagerClient(config).send(
      new CreateSecretCommand({ Name: 'paging', SecretString: '{"url":""}' }),
    );
    queueUrl = (await new SQSClient(config).send(new CreateQueueCommand({ QueueName: 'dlq' }))).QueueUrl!;
    await new DynamoDBClient(config).send(
      new CreateTableCommand({
        TableName: 'dedup',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const { code, map } = notifierBundle();
    writeFileSync(join(dir, 'index.js'), code);
    writeFileSync(join(dir, 'index.js.map'), map);
  });
  after(async () => {
    await webhook.stop();
    await moto?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Invokes the bundle's handler in a fresh process; resolves with its stdout and the handler's result. */
  function invoke(event: unknown): Promise<{ stdout: string; result: unknown; code: number | null }> {
    const script = `
      const { handler } = require(${JSON.stringify(join(dir, 'index.js'))});
      handler(JSON.parse(process.env.TEST_EVENT)).then(
        (r) => process.stdout.write('RESULT ' + JSON.stringify(r) + '\\n'),
        (e) => { process.stdout.write('FAILED ' + e.name + '\\n'); process.exitCode = 1; },
      );`;
    const child = spawn(process.execPath, ['--enable-source-maps', '-e', script], {
      env: {
        PATH: process.env.PATH,
        TEST_EVENT: JSON.stringify(event),
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_ENDPOINT_URL: moto.endpoint,
        [NOTIFIER_ENV.chatSecretId]: 'chat',
        [NOTIFIER_ENV.pagingSecretId]: 'paging',
        [NOTIFIER_ENV.deadLetterQueueUrl]: queueUrl,
        [NOTIFIER_ENV.dedupTable]: 'dedup',
        [NOTIFIER_ENV.dedupWindowSeconds]: '900',
        [NOTIFIER_ENV.burstThreshold]: '10',
        [NOTIFIER_ENV.criticalTopicArn]: CRITICAL_TOPIC_ARN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    return new Promise((resolve) =>
      child.on('exit', (code) => {
        const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
        resolve({ stdout, code, result: line ? JSON.parse(line.slice(7)) : undefined });
      }),
    );
  }

  it('posts a finding, dead-letters its page while the pager is a placeholder, posts no copy twice, logs no secret', async () => {
    const event = snsEvent([{ message: guardDutyFinding({ severity: 8 }) }]);
    const first = await invoke(event);
    assert.equal(first.code, 0, first.stdout);
    const events = (r: unknown) => (r as { events: Record<string, number> }).events;
    // Chat took it; the pager's placeholder is a failure for a critical event, so the page is dead-lettered.
    assert.equal(events(first.result)['dead-lettered'], 1, first.stdout);
    assert.equal(webhook.bodies(`/${TOKEN}`).length, 1);
    assert.match(webhook.bodies(`/${TOKEN}`)[0]!.text, /^:rotating_light: CRITICAL GuardDuty finding/);
    assert.match(first.stdout, /the paging webhook secret holds no URL yet/);
    // Another process sees the same event: chat has it, so only the page is tried (and dead-lettered) again.
    const second = await invoke(event);
    assert.equal(second.code, 0, second.stdout);
    assert.equal(events(second.result)['dead-lettered'], 1, second.stdout);
    assert.equal(webhook.bodies(`/${TOKEN}`).length, 1);
    for (const out of [first.stdout, second.stdout]) {
      assert.ok(!out.includes('bundleSecretToken42'), out);
      for (const line of out.split('\n').filter((l) => l.startsWith('{'))) JSON.parse(line);
    }
    const dlq = await new SQSClient(motoClientConfig(moto.endpoint)).send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );
    const letters = (dlq.Messages ?? []).map((m) => JSON.parse(m.Body!) as Record<string, unknown>);
    assert.deepEqual(
      letters.map((l) => [l.destination, l.reason]),
      [
        ['paging', 'the paging webhook secret holds no URL yet'],
        ['paging', 'the paging webhook secret holds no URL yet'],
      ],
    );
  });

  it('fails the invocation, not silently, when its configuration is missing', async () => {
    const script = `require(${JSON.stringify(join(dir, 'index.js'))}).handler({ Records: [] }).catch((e) => { console.log(e.name + ': ' + e.message); process.exitCode = 3; });`;
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    assert.equal(code, 3);
    assert.match(out, /NotifierConfigurationError: environment variable NOTIFIER_CHAT_SECRET_ID is not set/);
  });
});
