/**
 * The shipped artefact for the cluster password: the rotation function's bundle, as the stack deploys it, runs
 * in a separate Node.js process with the environment the stack sets (plus AWS_ENDPOINT_URL pointing the SDK at
 * moto_server on 127.0.0.1, and the cluster endpoint at the stand-in, which settles before each answer since the
 * function runs in real time), through the four steps of a rotation; it logs no password.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { lambdaBundle } from '../../src/aws/private/lambda-bundle.js';
import { ROTATION_ENV } from '../../src/rotation/env.js';
import { WEEKDAYS } from '../../src/rotation/maintenance-window.js';
import { ROTATION_STEPS } from '../../src/rotation/rotator.js';
import { motoClientConfig, startMoto, type Moto } from '../notifier/moto.js';
import {
  CLUSTER_AUTH_K8S_SECRET,
  ClusterAuthStandIn,
  NAMESPACE,
  STATEFUL_SET,
} from './cluster-auth-stand-in.js';
import { generatedKey } from './harness.js';
import { CLUSTER_NAME } from './kube-stand-in.js';

const ENTRY = fileURLToPath(new URL('../../src/rotation/handler.ts', import.meta.url));

describe('the bundled rotation function, for the cluster password', () => {
  let moto: Moto;
  let client: SecretsManagerClient;
  let secret: string;
  let cluster: ClusterAuthStandIn;
  const dir = mkdtempSync(join(tmpdir(), 'vectorfort-cluster-auth-bundle-'));

  before(async () => {
    moto = await startMoto();
    client = new SecretsManagerClient(motoClientConfig(moto.endpoint));
    const created = await client.send(
      new CreateSecretCommand({
        Name: `bundle-${randomUUID().slice(0, 8)}/weaviate/cluster-auth`,
        SecretString: JSON.stringify({ username: 'weaviate-cluster', password: generatedKey() }),
      }),
    );
    secret = created.ARN!;
    // moto reads only AutomaticallyAfterDays as enabling rotation; the window is the function's environment.
    await client.send(
      new RotateSecretCommand({
        SecretId: secret,
        RotationRules: { AutomaticallyAfterDays: 30 },
        RotateImmediately: false,
      }),
    );
    cluster = new ClusterAuthStandIn(client, secret, { terminateMs: 30_000, startMs: 90_000 }, Date.now());
    cluster.autoAdvanceMs = 200_000;
    await cluster.listen();
    await cluster.boot();
    const { code, map } = lambdaBundle(ENTRY, 'node22');
    writeFileSync(join(dir, 'index.js'), code);
    writeFileSync(join(dir, 'index.js.map'), map);
  });
  after(async () => {
    await cluster?.close();
    await moto?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function invoke(event: unknown, window: unknown): Promise<{ stdout: string; code: number | null }> {
    const script = `
      const { handler } = require(${JSON.stringify(join(dir, 'index.js'))});
      handler(JSON.parse(process.env.TEST_EVENT)).then(
        () => process.stdout.write('DONE\\n'),
        (e) => { process.stdout.write('FAILED ' + e.name + ': ' + e.message + '\\n'); process.exitCode = 1; },
      );`;
    const child = spawn(process.execPath, ['--enable-source-maps', '-e', script], {
      env: {
        PATH: process.env.PATH,
        TEST_EVENT: JSON.stringify(event),
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_ENDPOINT_URL: moto.endpoint,
        [ROTATION_ENV.clusterName]: CLUSTER_NAME,
        [ROTATION_ENV.clusterEndpoint]: cluster.endpoint,
        [ROTATION_ENV.weaviateNamespace]: NAMESPACE,
        [ROTATION_ENV.weaviateStatefulSet]: STATEFUL_SET,
        [ROTATION_ENV.clusterAuthSecretArn]: secret,
        [ROTATION_ENV.clusterAuthKubernetesSecret]: CLUSTER_AUTH_K8S_SECRET,
        [ROTATION_ENV.clusterAuthWindow]: JSON.stringify(window),
        [ROTATION_ENV.weaviatePods]: JSON.stringify(cluster.podNames),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ stdout, code })));
  }

  const password = async (stage: string) =>
    (
      JSON.parse(
        (await client.send(new GetSecretValueCommand({ SecretId: secret, VersionStage: stage })))
          .SecretString!,
      ) as { password: string }
    ).password;

  it('rotates in a window that is open now, restarts every pod together, and never logs a password', async () => {
    const now = new Date();
    // Today, all day: open now unless the day has less than the 14 minutes the restart may take left.
    const window = {
      dayOfWeek: WEEKDAYS[now.getUTCDay()],
      weekOfMonth: 'every',
      startHourUtc: 0,
      windowHours: 24,
    };
    const minutesLeft = 24 * 60 - (now.getUTCHours() * 60 + now.getUTCMinutes());
    const old = await password('AWSCURRENT');
    const token = randomUUID();
    const outputs: string[] = [];
    for (const step of ROTATION_STEPS) {
      const run = await invoke({ Step: step, SecretId: secret, ClientRequestToken: token }, window);
      outputs.push(run.stdout);
      if (minutesLeft < 15 && step === 'setSecret') {
        assert.match(run.stdout, /only in the maintenance window/);
        return;
      }
      assert.equal(run.code, 0, `${step}: ${run.stdout}`);
    }
    const next = await password('AWSCURRENT');
    assert.notEqual(next, old);
    assert.equal(cluster.servingPassword, next);
    assert.deepEqual(
      cluster.requests.filter((r) => r.startsWith('DELETE')).sort(),
      cluster.podNames.map((p) => `DELETE /api/v1/namespaces/${NAMESPACE}/pods/${p}`),
    );
    assert.ok(outputs.some((o) => o.includes('weaviate runs the new cluster password')));
    for (const out of outputs)
      for (const p of [old, next]) assert.ok(!out.includes(p), 'a password in the log');
  });

  it('refuses outside its window, in its own process, changing nothing', async () => {
    const now = new Date();
    const otherDay = WEEKDAYS[(now.getUTCDay() + 3) % 7];
    const before = await password('AWSCURRENT');
    const token = randomUUID();
    const window = { dayOfWeek: otherDay, weekOfMonth: 'every', startHourUtc: 3, windowHours: 3 };
    assert.equal(
      (await invoke({ Step: 'createSecret', SecretId: secret, ClientRequestToken: token }, window)).code,
      0,
    );
    const set = await invoke({ Step: 'setSecret', SecretId: secret, ClientRequestToken: token }, window);
    assert.equal(set.code, 1);
    assert.match(
      set.stdout,
      new RegExp(
        `FAILED RotationError: the cluster password rotates only in the maintenance window \\(every ${otherDay}, 03:00–06:00 UTC\\)`,
      ),
    );
    assert.equal(await password('AWSCURRENT'), before);
  });
});
