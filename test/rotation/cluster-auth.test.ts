/**
 * The cluster password's rotation against moto_server's Secrets Manager (on 127.0.0.1) and a stand-in for the
 * Kubernetes API and the Weaviate StatefulSet (cluster-auth-stand-in.ts; neither runs here). Secrets Manager's
 * side (a token per rotation, the four steps in order, a retry with the same token) is driven here, on the
 * stand-in's virtual clock, so the roll's duration and the time the pods held different passwords are measured.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ClusterAuthRotator } from '../../src/rotation/cluster-auth-rotator.js';
import type { ClusterAuthRollout } from '../../src/rotation/cluster-auth-rollout.js';
import { eksToken } from '../../src/rotation/eks-token.js';
import { CLUSTER_AUTH_SECRET_KEYS } from '../../src/rotation/env.js';
import { KubeClusterAuthRollout } from '../../src/rotation/kube-cluster-auth-rollout.js';
import type { MaintenanceWindow } from '../../src/rotation/maintenance-window.js';
import { RotationError, ROTATION_STEPS, type RotationStep } from '../../src/rotation/rotator.js';
import { SecretsManagerStore } from '../../src/rotation/secrets-manager-store.js';
import { motoClientConfig, startMoto, type Moto } from '../notifier/moto.js';
import { CLUSTER_NAME } from './kube-stand-in.js';
import {
  CLUSTER_AUTH_K8S_SECRET,
  ClusterAuthStandIn,
  NAMESPACE,
  STATEFUL_SET,
  type Timings,
} from './cluster-auth-stand-in.js';
import { generatedKey, stagesOf } from './harness.js';

let moto: Moto;
const standIns: ClusterAuthStandIn[] = [];
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await Promise.all(standIns.map((s) => s.close()));
  await moto.stop();
});

/** The first Sunday of December 2026, 03:00–06:00 UTC: the default window (first Sunday, 03:00, 3 hours). */
const WINDOW: MaintenanceWindow = { dayOfWeek: 'SUN', weekOfMonth: 1, startHourUtc: 3, windowHours: 3 };
const IN_WINDOW = Date.parse('2026-12-06T03:10:00Z');
/** Weaviate's shutdown and start (index loading) in the stand-in: half a minute and a minute and a half. */
const TIMINGS: Timings = { terminateMs: 30_000, startMs: 90_000 };
const POLL_MS = 15_000;

interface Deployment {
  readonly client: SecretsManagerClient;
  readonly secret: string;
  readonly cluster: ClusterAuthStandIn;
  rotator(options?: { rollout?: ClusterAuthRollout; stepBudgetMs?: number }): ClusterAuthRotator;
}

/** What the stack creates: the secret with a generated password, rotation on, Weaviate running with it. */
async function deployed(options: { start?: number; timings?: Timings } = {}): Promise<Deployment> {
  const client = new SecretsManagerClient(motoClientConfig(moto.endpoint));
  const created = await client.send(
    new CreateSecretCommand({
      Name: `cluster-auth-${randomUUID().slice(0, 8)}/weaviate/cluster-auth`,
      SecretString: JSON.stringify({ username: 'weaviate-cluster', password: generatedKey() }),
    }),
  );
  const secret = created.ARN!;
  await client.send(
    new RotateSecretCommand({
      SecretId: secret,
      // The stack's schedule is `cron(0 3 ? * SUN#1 *)` for 3h; moto reads only AutomaticallyAfterDays as
      // enabling rotation, and the schedule itself is Secrets Manager's side, driven by this test.
      RotationRules: { AutomaticallyAfterDays: 30 },
      RotateImmediately: false,
    }),
  );
  const cluster = new ClusterAuthStandIn(
    client,
    secret,
    options.timings ?? TIMINGS,
    options.start ?? IN_WINDOW,
  );
  standIns.push(cluster);
  await cluster.listen();
  await cluster.boot();
  const rollout = new KubeClusterAuthRollout({
    endpoint: cluster.endpoint,
    token: () =>
      eksToken({
        clusterName: CLUSTER_NAME,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      }),
    namespace: NAMESPACE,
    statefulSet: STATEFUL_SET,
    secret: { name: CLUSTER_AUTH_K8S_SECRET, ...CLUSTER_AUTH_SECRET_KEYS },
    pods: cluster.podNames,
  });
  return {
    client,
    secret,
    cluster,
    rotator: (o = {}) =>
      new ClusterAuthRotator({
        store: new SecretsManagerStore(client),
        secretArn: secret,
        rollout: o.rollout ?? rollout,
        window: WINDOW,
        stepBudgetMs: o.stepBudgetMs,
        pollMs: POLL_MS,
        now: () => cluster.now,
        // Each of the function's waits is one CSI poll and that much of the cluster's life.
        sleep: async (ms) => {
          await cluster.syncSecret();
          cluster.advance(ms);
        },
      }),
  };
}

async function password(client: SecretsManagerClient, secret: string, stage: string): Promise<string> {
  const v = await client.send(new GetSecretValueCommand({ SecretId: secret, VersionStage: stage }));
  return (JSON.parse(v.SecretString!) as { password: string }).password;
}

async function run(
  rotator: ClusterAuthRotator,
  secret: string,
  token: string,
  steps: readonly RotationStep[] = ROTATION_STEPS,
): Promise<void> {
  for (const step of steps) await rotator.handle({ Step: step, SecretId: secret, ClientRequestToken: token });
}

/** Every pod ready, on the same password, each accepting every other's data-port calls. */
function assertOnePassword(cluster: ClusterAuthStandIn, expected: string, when: string): void {
  assert.equal(cluster.servingPassword, expected, `${when}: every pod ready on the expected password`);
  for (let a = 0; a < cluster.replicas; a++)
    for (let b = 0; b < cluster.replicas; b++)
      assert.ok(cluster.dataPortAccepts(a, b), `${when}: pod ${a} → pod ${b} on the data port`);
}

describe('cluster password rotation', () => {
  it('rotates in the window, restarting every pod together: no time with two passwords, one restart long', async () => {
    const d = await deployed();
    const old = await password(d.client, d.secret, 'AWSCURRENT');
    assertOnePassword(d.cluster, old, 'before');
    const token = randomUUID();
    await run(d.rotator(), d.secret, token);
    const next = await password(d.client, d.secret, 'AWSCURRENT');
    assert.notEqual(next, old);
    assert.equal(await password(d.client, d.secret, 'AWSPREVIOUS'), old);
    assert.deepEqual((await stagesOf(d.client, d.secret))[token], ['AWSCURRENT']);
    assertOnePassword(d.cluster, next, 'after');
    // Measured on the stand-in's clock: the outage lasts one shutdown and one start, and ready pods never
    // held two passwords (each would have refused the other's calls).
    assert.equal(d.cluster.measured.splitMs, 0);
    const outage = d.cluster.measured.disruptedMs;
    assert.ok(outage >= TIMINGS.terminateMs + TIMINGS.startMs, `outage ${outage} ms`);
    assert.ok(outage <= TIMINGS.terminateMs + TIMINGS.startMs + 2_000, `outage ${outage} ms`);
    // Sent together, so they arrive in any order.
    const deletes = d.cluster.requests.filter((r) => r.startsWith('DELETE')).sort();
    assert.deepEqual(
      deletes,
      d.cluster.podNames.map((p) => `DELETE /api/v1/namespaces/weaviate/pods/${p}`),
    );
  });

  it('a rolling restart instead would leave pods on two passwords for most of the roll (why the pods restart together)', async () => {
    const d = await deployed();
    // The same rotation with a rollout that only changes the template: the StatefulSet's RollingUpdate.
    const rollingOnly: ClusterAuthRollout = {
      syncedPasswordDigest: () => inner.syncedPasswordDigest(),
      state: () => inner.state(),
      restartTogether: async (digest) => {
        await inner.restartTogether(digest);
        return { deleted: [], failed: [] };
      },
    };
    // A view of the cluster whose deletes fail: only the template patch takes effect.
    for (const p of d.cluster.podNames) d.cluster.failDeletes.add(p);
    const inner = new KubeClusterAuthRollout({
      endpoint: d.cluster.endpoint,
      token: () =>
        eksToken({
          clusterName: CLUSTER_NAME,
          region: 'eu-west-1',
          credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        }),
      namespace: NAMESPACE,
      statefulSet: STATEFUL_SET,
      secret: { name: CLUSTER_AUTH_K8S_SECRET, ...CLUSTER_AUTH_SECRET_KEYS },
      pods: d.cluster.podNames,
    });
    await run(d.rotator({ rollout: rollingOnly }), d.secret, randomUUID());
    assertOnePassword(d.cluster, await password(d.client, d.secret, 'AWSCURRENT'), 'after the roll');
    const perPod = TIMINGS.terminateMs + TIMINGS.startMs;
    // Three pods one after another: a pod is missing for three restarts, and while the middle pod restarts
    // the two ready ones hold different passwords and refuse each other's calls.
    assert.ok(
      d.cluster.measured.disruptedMs >= 3 * perPod,
      `rolling outage ${d.cluster.measured.disruptedMs} ms`,
    );
    assert.ok(d.cluster.measured.splitMs >= perPod, `split ${d.cluster.measured.splitMs} ms`);
  });

  it('refuses outside the window and too close to its end, changing nothing', async () => {
    for (const start of [
      Date.parse('2026-12-06T02:59:00Z'), // before it opens
      Date.parse('2026-12-06T05:50:00Z'), // 10 minutes left, less than the 14 the restart may take
      Date.parse('2026-12-13T03:10:00Z'), // the second Sunday
    ]) {
      const d = await deployed({ start });
      const old = await password(d.client, d.secret, 'AWSCURRENT');
      const token = randomUUID();
      const rotator = d.rotator();
      await run(rotator, d.secret, token, ['createSecret']);
      await assert.rejects(run(rotator, d.secret, token, ['setSecret']), /only in the maintenance window/);
      await assert.rejects(run(rotator, d.secret, token, ['finishSecret']), /only in the maintenance window/);
      assert.equal(await password(d.client, d.secret, 'AWSCURRENT'), old);
      assert.deepEqual(
        d.cluster.requests.filter((r) => !r.startsWith('GET')),
        [],
      );
      assertOnePassword(d.cluster, old, new Date(start).toISOString());
      // The pending version waits; Secrets Manager retries the same rotation in the next window.
      assert.deepEqual((await stagesOf(d.client, d.secret))[token], ['AWSPENDING']);
    }
  });

  it('rotates at the moment the window opens', async () => {
    const d = await deployed({ start: Date.parse('2026-12-06T03:00:00Z') });
    await run(d.rotator(), d.secret, randomUUID());
    assertOnePassword(d.cluster, await password(d.client, d.secret, 'AWSCURRENT'), 'after');
  });

  it('refuses while a pod is not ready, changing nothing', async () => {
    const d = await deployed();
    d.cluster.pods[1]!.phase = 'starting';
    d.cluster.pods[1]!.until = d.cluster.now + 3_600_000;
    const old = await password(d.client, d.secret, 'AWSCURRENT');
    const token = randomUUID();
    const rotator = d.rotator();
    await run(rotator, d.secret, token, ['createSecret']);
    await assert.rejects(
      run(rotator, d.secret, token, ['setSecret']),
      /Weaviate is not healthy \(3 of 3 pods updated, 2 ready\)/,
    );
    await assert.rejects(run(rotator, d.secret, token, ['finishSecret']), /not healthy/);
    assert.equal(await password(d.client, d.secret, 'AWSCURRENT'), old);
    assert.deepEqual(
      d.cluster.requests.filter((r) => !r.startsWith('GET')),
      [],
    );
  });

  it('undoes the promotion when the new password never reaches the pods’ Secret: the old one stays everywhere', async () => {
    const d = await deployed();
    const old = await password(d.client, d.secret, 'AWSCURRENT');
    const token = randomUUID();
    const rotator = d.rotator();
    await run(rotator, d.secret, token, ['createSecret', 'setSecret', 'testSecret']);
    d.cluster.syncing = false;
    await assert.rejects(run(rotator, d.secret, token, ['finishSecret']), /the rotation was undone/);
    assert.equal(await password(d.client, d.secret, 'AWSCURRENT'), old);
    assert.equal(d.cluster.syncedPassword, old);
    assert.deepEqual(
      d.cluster.requests.filter((r) => !r.startsWith('GET')),
      [],
      'no pod restarted',
    );
    assertOnePassword(d.cluster, old, 'after the failed rotation');
    assert.equal(d.cluster.measured.disruptedMs, 0);
    // The next rotation goes through once the driver syncs again.
    d.cluster.syncing = true;
    await run(d.rotator(), d.secret, randomUUID());
    assertOnePassword(d.cluster, await password(d.client, d.secret, 'AWSCURRENT'), 'after the next rotation');
  });

  it('pods slower than the step: it fails loudly, the pods converge on the new password, a retry completes', async () => {
    const slow = { terminateMs: 60_000, startMs: 20 * 60_000 };
    const d = await deployed({ timings: slow });
    const token = randomUUID();
    const rotator = d.rotator();
    await assert.rejects(run(rotator, d.secret, token), /not back on the new cluster password yet/);
    const next = await password(d.client, d.secret, 'AWSCURRENT');
    // Secrets Manager retries finishSecret with the same token: the version is current, it waits again.
    await run(d.rotator(), d.secret, token, ['finishSecret']);
    assertOnePassword(d.cluster, next, 'after the retry');
    assert.equal(d.cluster.measured.splitMs, 0);
  });

  it('a pod whose deletion fails is replaced by the StatefulSet on the new template: no split left behind', async () => {
    const d = await deployed();
    d.cluster.failDeletes.add(`${STATEFUL_SET}-1`);
    const token = randomUUID();
    await run(d.rotator(), d.secret, token);
    assertOnePassword(d.cluster, await password(d.client, d.secret, 'AWSCURRENT'), 'after');
    assert.ok(d.cluster.requests.includes(`500 DELETE /api/v1/namespaces/weaviate/pods/${STATEFUL_SET}-1`));
    // The pod that could not be deleted kept the old password until the others were ready, then the controller
    // replaced it: a second restart's worth of outage, and no time with two ready passwords.
    const perPod = TIMINGS.terminateMs + TIMINGS.startMs;
    assert.ok(d.cluster.measured.splitMs <= 1000, `split ${d.cluster.measured.splitMs} ms`);
    assert.ok(d.cluster.measured.disruptedMs >= 2 * perPod, `outage ${d.cluster.measured.disruptedMs} ms`);
  });

  it('a rotation interrupted after each step and resumed with the same token ends on one password', async () => {
    for (const [i, stop] of ROTATION_STEPS.slice(0, 3).entries()) {
      const d = await deployed();
      const token = randomUUID();
      await run(d.rotator(), d.secret, token, ROTATION_STEPS.slice(0, i + 1));
      const pending = (await stagesOf(d.client, d.secret))[token];
      assert.deepEqual(pending, ['AWSPENDING'], `after ${stop}`);
      // Secrets Manager's retry runs every step again with the same token, in a new container.
      await run(d.rotator(), d.secret, token);
      const next = await password(d.client, d.secret, 'AWSCURRENT');
      assertOnePassword(d.cluster, next, `resumed after ${stop}`);
    }
  });

  it('keeps the generated password when createSecret is retried', async () => {
    const d = await deployed();
    const token = randomUUID();
    await run(d.rotator(), d.secret, token, ['createSecret']);
    const first = await d.client.send(new GetSecretValueCommand({ SecretId: d.secret, VersionId: token }));
    await run(d.rotator(), d.secret, token, ['createSecret']);
    const second = await d.client.send(new GetSecretValueCommand({ SecretId: d.secret, VersionId: token }));
    assert.equal(second.SecretString, first.SecretString);
  });

  it('refuses a step for a token that is not pending, and a secret that is not its own', async () => {
    const d = await deployed();
    await assert.rejects(run(d.rotator(), d.secret, randomUUID(), ['setSecret']), RotationError);
    await assert.rejects(
      d.rotator().handle({
        Step: 'createSecret',
        SecretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:other',
        ClientRequestToken: randomUUID(),
      }),
      /not the cluster password secret/,
    );
  });

  it('fails when the cluster refuses the function (no EKS token): nothing changes', async () => {
    const d = await deployed();
    const old = await password(d.client, d.secret, 'AWSCURRENT');
    const refused = new KubeClusterAuthRollout({
      endpoint: d.cluster.endpoint,
      token: async () => 'not-a-token',
      namespace: NAMESPACE,
      statefulSet: STATEFUL_SET,
      secret: { name: CLUSTER_AUTH_K8S_SECRET, ...CLUSTER_AUTH_SECRET_KEYS },
      pods: d.cluster.podNames,
    });
    const token = randomUUID();
    await assert.rejects(run(d.rotator({ rollout: refused }), d.secret, token), /HTTP 401/);
    assert.equal(await password(d.client, d.secret, 'AWSCURRENT'), old);
    assertOnePassword(d.cluster, old, 'after the refusal');
  });
});
