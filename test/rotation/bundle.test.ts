/**
 * The shipped artefact: the rotation function's bundle, as the stack deploys it, runs in a separate Node.js
 * process with only the environment the stack sets (plus AWS_ENDPOINT_URL pointing the SDK at moto_server on
 * 127.0.0.1, and the cluster endpoint at the Kubernetes API stand-in), through all four steps of a user's first
 * two rotations, restarting the stand-in's Weaviate with an EKS token it makes itself; it logs no key.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { lambdaBundle } from '../../src/aws/private/lambda-bundle.js';
import { ROTATION_ENV } from '../../src/rotation/env.js';
import { ROTATION_STEPS } from '../../src/rotation/rotator.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { deploy, type Deployment } from './harness.js';
import {
  CLUSTER_NAME,
  NAMESPACE,
  ROSTER_K8S_SECRET,
  STATEFUL_SET,
  type KubeStandIn,
} from './kube-stand-in.js';

const ENTRY = fileURLToPath(new URL('../../src/rotation/handler.ts', import.meta.url));

describe('the bundled rotation function', () => {
  let moto: Moto;
  let d: Deployment;
  const clusters: KubeStandIn[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vectorfort-rotation-bundle-'));

  before(async () => {
    moto = await startMoto();
    d = await deploy(moto.endpoint, ['admin', 'app'], clusters);
    d.cluster.autoSettle = true;
    const { code, map } = lambdaBundle(ENTRY, 'node22');
    writeFileSync(join(dir, 'index.js'), code);
    writeFileSync(join(dir, 'index.js.map'), map);
  });
  after(async () => {
    await Promise.all(clusters.map((c) => c.close()));
    await moto?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function invoke(event: unknown): Promise<{ stdout: string; code: number | null }> {
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
        [ROTATION_ENV.rosterSecretArn]: d.roster,
        [ROTATION_ENV.userSecretArns]: JSON.stringify([d.users.admin, d.users.app]),
        [ROTATION_ENV.userNames]: JSON.stringify(['admin', 'app']),
        [ROTATION_ENV.clusterName]: CLUSTER_NAME,
        [ROTATION_ENV.clusterEndpoint]: d.cluster.endpoint,
        [ROTATION_ENV.weaviateNamespace]: NAMESPACE,
        [ROTATION_ENV.weaviateStatefulSet]: STATEFUL_SET,
        [ROTATION_ENV.rosterKubernetesSecret]: ROSTER_K8S_SECRET,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ stdout, code })));
  }

  const current = async (id: string) =>
    JSON.parse(
      (await d.client.send(new GetSecretValueCommand({ SecretId: id, VersionStage: 'AWSCURRENT' })))
        .SecretString!,
    ) as { key: string; keys?: string };

  it('rotates each user, writes the roster, and never logs a key', async () => {
    const outputs: string[] = [];
    const before = await current(d.users.app!);
    for (const round of [0, 1])
      for (const user of ['admin', 'app'] as const) {
        const token = randomUUID();
        for (const step of ROTATION_STEPS) {
          const run = await invoke({ Step: step, SecretId: d.users[user], ClientRequestToken: token });
          assert.equal(run.code, 0, `round ${round}, ${user}, ${step}: ${run.stdout}`);
          outputs.push(run.stdout);
        }
      }
    const after = await current(d.users.app!);
    assert.notEqual(after.key, before.key, 'the second rotation handed out a new key');
    const roster = await current(d.roster);
    assert.ok(roster.keys?.split(',').includes(after.key));
    const keys = [before.key, after.key, (await current(d.users.admin!)).key];
    assert.ok(outputs.length === 16 && outputs.every((o) => o.includes('DONE')));
    for (const out of outputs) for (const key of keys) assert.ok(!out.includes(key), 'a key in the log');
    // The function restarted Weaviate with the roster, and every pod accepts the key it handed out.
    assert.ok(d.cluster.requests.some((r) => r.startsWith('PATCH ')));
    assert.deepEqual(
      d.cluster.requests.filter((r) => /^40[13]/.test(r)),
      [],
    );
    assert.equal(d.cluster.podsRunning, 3);
    assert.equal(d.cluster.authenticate(after.key), 'app');
  });

  it('fails closed without its configuration', async () => {
    const script = `require(${JSON.stringify(join(dir, 'index.js'))}).handler({}).catch((e) => { console.log(e.name); process.exitCode = 1; });`;
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    assert.equal(code, 1);
    assert.match(out, /RotationConfigurationError/);
  });
});
