/**
 * The shipped notifier bundle as the webhook secrets' rotation function: in a separate Node.js process with the
 * environment the stack sets (plus AWS_ENDPOINT_URL pointing the SDK at moto_server on 127.0.0.1), Secrets
 * Manager's four steps promote a staged URL after a test notification to it, and a rotation with nothing staged
 * fails with the log line the alarm counts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { notifierBundle } from '../../src/aws/alerting.js';
import { NOTIFIER_ENV } from '../../src/notifier/env.js';
import { WEBHOOK_ROTATION_FAILED } from '../../src/notifier/rotation-log.js';
import { motoClientConfig, startMoto, type Moto } from './moto.js';
import { WebhookServer } from './webhook-server.js';

describe('the bundled notifier, rotating its webhook secrets', () => {
  let moto: Moto;
  let client: SecretsManagerClient;
  const service = new WebhookServer();
  const dir = mkdtempSync(join(tmpdir(), 'vectorfort-webhook-rotation-bundle-'));
  const names = {
    chat: `b-${randomUUID().slice(0, 8)}/alerts/chat-webhook`,
    paging: `b-${randomUUID().slice(0, 8)}/alerts/paging-webhook`,
  };
  const arns: Record<string, string> = {};

  before(async () => {
    moto = await startMoto();
    await service.start();
    client = new SecretsManagerClient(motoClientConfig(moto.endpoint));
    for (const [purpose, name] of Object.entries(names)) {
      const s = await client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: JSON.stringify({ url: service.url(`/old-${purpose}`) }),
        }),
      );
      await client.send(
        new RotateSecretCommand({
          SecretId: s.ARN,
          RotationRules: { AutomaticallyAfterDays: 90 },
          RotateImmediately: false,
        }),
      );
      arns[purpose] = s.ARN!;
    }
    const { code, map } = notifierBundle();
    writeFileSync(join(dir, 'index.js'), code);
    writeFileSync(join(dir, 'index.js.map'), map);
  });
  after(async () => {
    await service.stop();
    await moto?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function invoke(event: unknown): Promise<{ stdout: string; code: number | null }> {
    const script = `
      const { handler } = require(${JSON.stringify(join(dir, 'index.js'))});
      handler(JSON.parse(process.env.TEST_EVENT)).then(
        () => process.stdout.write('DONE\\n'),
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
        [NOTIFIER_ENV.chatSecretId]: names.chat,
        [NOTIFIER_ENV.pagingSecretId]: names.paging,
        [NOTIFIER_ENV.deadLetterQueueUrl]: `${moto.endpoint}/123456789012/dlq`,
        [NOTIFIER_ENV.dedupTable]: 'dedup',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ stdout, code })));
  }

  it('promotes a staged paging URL after a test notification got a 2xx', async () => {
    const staged = await client.send(
      new PutSecretValueCommand({
        SecretId: arns.paging,
        SecretString: JSON.stringify({ url: service.url('/new-paging') }),
        VersionStages: ['AWSPENDING'],
      }),
    );
    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) {
      const run = await invoke({ Step: step, SecretId: arns.paging, ClientRequestToken: staged.VersionId });
      assert.equal(run.code, 0, `${step}: ${run.stdout}`);
      assert.ok(!run.stdout.includes('/new-paging'), 'the URL is never logged');
    }
    // The stage named: moto's unlabelled GetSecretValue keeps answering the version it last wrote itself.
    const current = await client.send(
      new GetSecretValueCommand({ SecretId: arns.paging, VersionStage: 'AWSCURRENT' }),
    );
    assert.equal(JSON.parse(current.SecretString!).url, service.url('/new-paging'));
    assert.equal(service.requests.filter((r) => r.path === '/new-paging').length, 1);
  });

  it('fails the rotation with the line the alarm counts when nothing is staged', async () => {
    const run = await invoke({ Step: 'createSecret', SecretId: arns.chat, ClientRequestToken: randomUUID() });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /FAILED WebhookRotationError/);
    const line = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.message === WEBHOOK_ROTATION_FAILED);
    assert.ok(line, run.stdout);
    assert.equal(line.webhook, 'chat');
    assert.equal(line.secret, names.chat);
  });
});
