/**
 * The webhook secrets' rotation end to end: the notifier's handler, invoked with Secrets Manager's rotation
 * steps, against moto_server's Secrets Manager and webhook receivers on 127.0.0.1 (the current and the new URL
 * of a chat or paging service). Secrets Manager's side (the steps in order, with the token of the staged
 * version or a fresh one) is driven here.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { handler, NOTIFIER_ENV, webhookRotationFromEnvironment } from '../../src/notifier/handler.js';
import { Logger } from '../../src/notifier/log.js';
import {
  isRotationEvent,
  WEBHOOK_ROTATION_FAILED,
  type SecretsManagerRotationEvent,
} from '../../src/notifier/webhook-rotation.js';
import { motoClientConfig, startMoto, type Moto } from './moto.js';
import { WebhookServer } from './webhook-server.js';

const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

let moto: Moto;
let client: SecretsManagerClient;
const service = new WebhookServer();
before(async () => {
  moto = await startMoto();
  client = new SecretsManagerClient(motoClientConfig(moto.endpoint));
  await service.start();
});
after(async () => {
  await service.stop();
  await moto.stop();
});

interface Deployed {
  readonly chat: string;
  readonly paging: string;
  readonly logs: Record<string, unknown>[];
  step(secretId: string, step: string, token: string): Promise<void>;
  rotate(secretId: string, token: string): Promise<void>;
}

/** What the stack creates: both secrets (their current URLs given), rotation on; the notifier's environment. */
async function deployed(current: { chat: string; paging: string }): Promise<Deployed> {
  const prefix = `wr-${randomUUID().slice(0, 8)}`;
  const create = async (purpose: string, url: string) => {
    const s = await client.send(
      new CreateSecretCommand({
        Name: `${prefix}/alerts/${purpose}-webhook`,
        SecretString: JSON.stringify({ url }),
      }),
    );
    await client.send(
      new RotateSecretCommand({
        SecretId: s.ARN,
        RotationRules: { AutomaticallyAfterDays: 90 },
        RotateImmediately: false,
      }),
    );
    return s.ARN!;
  };
  const chat = await create('chat', current.chat);
  const paging = await create('paging', current.paging);
  const logs: Record<string, unknown>[] = [];
  const rotation = webhookRotationFromEnvironment(
    {
      [NOTIFIER_ENV.chatSecretId]: `${prefix}/alerts/chat-webhook`,
      [NOTIFIER_ENV.pagingSecretId]: `${prefix}/alerts/paging-webhook`,
    },
    {
      secretsManager: client,
      logger: new Logger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 2000 },
      http: { sleep: async () => {} },
    },
  );
  const step = (secretId: string, s: string, token: string) =>
    rotation.handle({ Step: s, SecretId: secretId, ClientRequestToken: token });
  return {
    chat,
    paging,
    logs,
    step,
    rotate: async (secretId, token) => {
      for (const s of STEPS) await step(secretId, s, token);
    },
  };
}

/** The operator's command: stage the new URL as AWSPENDING; returns the version id. */
async function stage(secretId: string, url: string): Promise<string> {
  const put = await client.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      SecretString: JSON.stringify({ url }),
      VersionStages: ['AWSPENDING'],
    }),
  );
  return put.VersionId!;
}

async function urlAt(secretId: string, stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string> {
  const v = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
  return (JSON.parse(v.SecretString!) as { url: string }).url;
}

function failures(logs: readonly Record<string, unknown>[]) {
  return logs.filter((l) => l.message === WEBHOOK_ROTATION_FAILED);
}

describe('webhook secret rotation', () => {
  it('promotes a staged URL once a test notification to it got a 2xx, through the notifier itself', async () => {
    const oldUrl = service.url(`/old/${randomUUID()}`);
    const newPath = `/new/${randomUUID()}`;
    const d = await deployed({ chat: oldUrl, paging: service.url('/page') });
    const staged = await stage(d.chat, service.url(newPath));
    // Secrets Manager resumes the rotation of a pending version with that version's id.
    await d.rotate(d.chat, staged);
    assert.equal(await urlAt(d.chat, 'AWSCURRENT'), service.url(newPath));
    assert.equal(await urlAt(d.chat, 'AWSPREVIOUS'), oldUrl);
    const posted = service.requests.filter((r) => r.path === newPath);
    assert.equal(posted.length, 1);
    const body = JSON.parse(posted[0]!.body) as { text: string };
    assert.match(
      body.text,
      /^vectorfort: test notification\. The new chat webhook URL of wr-.*\/alerts\/chat-webhook is being checked/,
    );
    assert.equal(service.requests.filter((r) => r.path.startsWith('/old/')).length, 0);
    const stages = (await client.send(new DescribeSecretCommand({ SecretId: d.chat }))).VersionIdsToStages!;
    assert.deepEqual(stages[staged], ['AWSCURRENT']);
    assert.equal(Object.values(stages).filter((s) => s.includes('AWSPENDING')).length, 0);
    assert.deepEqual(failures(d.logs), []);
    assert.ok(!JSON.stringify(d.logs).includes(newPath), 'the new URL is never logged');
  });

  it('adopts a staged URL into a rotation Secrets Manager started with a fresh token', async () => {
    const newPath = `/new/${randomUUID()}`;
    const d = await deployed({ chat: service.url('/c'), paging: service.url(`/p/${randomUUID()}`) });
    await stage(d.paging, service.url(newPath));
    await d.rotate(d.paging, randomUUID());
    assert.equal(await urlAt(d.paging, 'AWSCURRENT'), service.url(newPath));
    assert.equal(service.requests.filter((r) => r.path === newPath).length, 1);
  });

  it('fails loudly when nothing is staged by the due date, naming the secret and the command; the URL stays', async () => {
    const oldUrl = service.url(`/old/${randomUUID()}`);
    const d = await deployed({ chat: oldUrl, paging: service.url('/p') });
    await assert.rejects(
      d.step(d.chat, 'createSecret', randomUUID()),
      /no new URL is staged for wr-.*\/alerts\/chat-webhook: .*put-secret-value --secret-id .*--version-stages AWSPENDING/,
    );
    assert.equal(await urlAt(d.chat, 'AWSCURRENT'), oldUrl);
    const logged = failures(d.logs);
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.webhook, 'chat');
    assert.equal(logged[0]!.level, 'error');
    assert.match(String(logged[0]!.secret), /\/alerts\/chat-webhook$/);
  });

  it('keeps the current URL when the staged one refuses the test (4xx at once, 5xx after retries)', async () => {
    for (const [status, attempts] of [
      [404, 1],
      [503, 3],
    ] as const) {
      const oldUrl = service.url(`/old/${randomUUID()}`);
      const newPath = `/new/${randomUUID()}`;
      const d = await deployed({ chat: oldUrl, paging: service.url('/p') });
      const staged = await stage(d.chat, service.url(newPath));
      for (let i = 0; i < attempts; i++) service.script.push({ status });
      await d.step(d.chat, 'createSecret', staged);
      await d.step(d.chat, 'setSecret', staged);
      await assert.rejects(
        d.step(d.chat, 'testSecret', staged),
        new RegExp(`HTTP ${status} after ${attempts} attempt`),
      );
      assert.equal(service.requests.filter((r) => r.path === newPath).length, attempts);
      // Secrets Manager does not call finishSecret after a failed test; the current URL stays in use.
      assert.equal(await urlAt(d.chat, 'AWSCURRENT'), oldUrl);
      assert.equal(failures(d.logs).at(-1)!.step, 'testSecret');
    }
  });

  it('refuses a staged URL that is the current one, or not https', async () => {
    const current = service.url(`/same/${randomUUID()}`);
    const d = await deployed({ chat: current, paging: service.url('/p') });
    const same = await stage(d.chat, current);
    await d.step(d.chat, 'createSecret', same);
    await assert.rejects(d.step(d.chat, 'testSecret', same), /is the current one/);
    const plain = await stage(d.chat, 'http://hooks.example.com/services/T0/B0/x');
    await assert.rejects(d.step(d.chat, 'testSecret', plain), /must use https/);
    assert.equal(await urlAt(d.chat, 'AWSCURRENT'), current);
  });

  it('sets the first URL over the placeholder the stack creates', async () => {
    const d = await deployed({ chat: '', paging: service.url('/p') });
    const newPath = `/first/${randomUUID()}`;
    await d.rotate(d.chat, await stage(d.chat, service.url(newPath)));
    assert.equal(await urlAt(d.chat, 'AWSCURRENT'), service.url(newPath));
  });

  it('refuses a secret that is not one of the notifier’s, and a token that is not pending', async () => {
    const d = await deployed({ chat: service.url('/c'), paging: service.url('/p') });
    const other = await client.send(
      new CreateSecretCommand({ Name: `other-${randomUUID()}`, SecretString: '{}' }),
    );
    await assert.rejects(
      d.step(other.ARN!, 'createSecret', randomUUID()),
      /not one of the notifier's webhook secrets/,
    );
    await assert.rejects(d.step(d.chat, 'testSecret', randomUUID()), /is not AWSPENDING/);
  });

  it('the Lambda handler tells rotation steps from SNS events', () => {
    const event: SecretsManagerRotationEvent = {
      Step: 'createSecret',
      SecretId: 'arn',
      ClientRequestToken: 't',
    };
    assert.equal(isRotationEvent(event), true);
    assert.equal(isRotationEvent({ Records: [] }), false);
    assert.equal(typeof handler, 'function');
  });
});
