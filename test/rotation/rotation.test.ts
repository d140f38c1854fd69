/**
 * The API-key rotation function's logic against moto_server's Secrets Manager (started on 127.0.0.1), with the
 * Kubernetes API and Weaviate as local stand-ins (kube-stand-in.ts, weaviate-stand-in.ts: neither runs here).
 * Secrets Manager's side of the protocol (a token per rotation, the four steps, retries with the same token) is
 * driven by the harness. No test restarts Weaviate by hand after the first start: the rotation does.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { RotationError, ROTATION_STEPS } from '../../src/rotation/rotator.js';
import { SecretsManagerStore } from '../../src/rotation/secrets-manager-store.js';
import type { WeaviateRollout } from '../../src/rotation/rollout.js';
import type { SecretsStore } from '../../src/rotation/secrets-store.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { clientKey, deploy, rotate, stagesOf, type Deployment } from './harness.js';
import type { KubeStandIn } from './kube-stand-in.js';

let moto: Moto;
const clusters: KubeStandIn[] = [];
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await Promise.all(clusters.map((c) => c.close()));
  await moto.stop();
});

const USERS = ['admin', 'app', 'backup'];

/**
 * Deploys and runs every user's first rotation (as the RotationSchedules do at creation), then starts Weaviate's
 * pods (the first start, when the CSI mount finds the roster).
 */
async function deployed(): Promise<Deployment> {
  const d = await deploy(moto.endpoint, USERS, clusters);
  const rotator = d.rotator();
  for (const u of USERS) await rotate(rotator, d.users[u]!);
  await d.cluster.restartAll();
  assert.equal(d.cluster.podsRunning, 3);
  return d;
}

/** Every user's current key, and its previous one when it has one, authenticates as that user at every running pod. */
async function assertKeysAccepted(d: Deployment, when: string): Promise<void> {
  const checked: string[] = [];
  assert.ok(d.cluster.podsRunning > 0, `${when}: no Weaviate pod runs`);
  for (const u of USERS) {
    for (const stage of ['AWSCURRENT', 'AWSPREVIOUS'] as const) {
      const key = await clientKey(d.client, d.users[u]!, stage);
      if (key === undefined) continue;
      assert.deepEqual(
        d.cluster.authenticateEach(key),
        Array(d.cluster.podsRunning).fill(u),
        `${when}: the ${stage} key of ${u} at every running pod`,
      );
      checked.push(`${u}/${stage}`);
    }
  }
  assert.ok(checked.filter((c) => c.endsWith('AWSCURRENT')).length === USERS.length, `${when}: ${checked}`);
}

/** A store that fails its `n`-th write (a Lambda timing out or crashing part-way through a step). */
function failingOnWrite(inner: SecretsStore, n: number): SecretsStore & { writes: number } {
  let writes = 0;
  const fail = () => {
    writes++;
    if (writes === n) throw new Error(`injected failure on write ${n}`);
  };
  return {
    get writes() {
      return writes;
    },
    describe: (id) => inner.describe(id),
    value: (id, select) => inner.value(id, select),
    randomKey: () => inner.randomKey(),
    putPending: async (id, version, value) => {
      fail();
      await inner.putPending(id, version, value);
    },
    putCurrent: async (id, value) => {
      fail();
      await inner.putCurrent(id, value);
    },
    moveStage: async (id, stage, move) => {
      fail();
      await inner.moveStage(id, stage, move);
    },
  };
}

describe('API-key rotation (moto Secrets Manager, Weaviate stand-in)', () => {
  it('keeps the generated key through the first rotation and gives every user its own key', async () => {
    const d = await deploy(moto.endpoint, USERS, clusters);
    const generated = await clientKey(d.client, d.users.admin!, 'AWSCURRENT');
    const rotator = d.rotator();
    for (const u of USERS) await rotate(rotator, d.users[u]!);
    assert.equal(await clientKey(d.client, d.users.admin!, 'AWSCURRENT'), generated);
    await d.cluster.restartAll();
    const keys = await Promise.all(USERS.map((u) => clientKey(d.client, d.users[u]!, 'AWSCURRENT')));
    assert.equal(new Set(keys).size, USERS.length, 'one key per user');
    await assertKeysAccepted(d, 'after the first rotations');
    assert.equal(d.cluster.authenticate('not-a-key'), undefined);
  });

  it('accepts the current and the previous key at every step of five rotations, restarting Weaviate itself', async () => {
    const d = await deployed();
    const rotator = d.rotator();
    const seen = new Set<string>();
    for (let round = 0; round < 5; round++) {
      for (const u of USERS) {
        const before = await clientKey(d.client, d.users[u]!, 'AWSCURRENT');
        await rotate(rotator, d.users[u]!, {
          between: (step) => assertKeysAccepted(d, `round ${round}, ${u}, after ${step}`),
        });
        const now = await clientKey(d.client, d.users[u]!, 'AWSCURRENT');
        assert.notEqual(now, before, 'the key changed');
        assert.equal(
          await clientKey(d.client, d.users[u]!, 'AWSPREVIOUS'),
          before,
          'the old key is AWSPREVIOUS',
        );
        assert.ok(!seen.has(now!), 'a key is never handed out twice');
        seen.add(now!);
        // Every pod accepts the client's new key the moment it is handed out: the restart came first.
        assert.equal(d.cluster.authenticate(now), u);
      }
    }
    assert.equal(seen.size, 5 * USERS.length);
    assert.ok(d.cluster.templateDigest, 'the rotation named the roster in the pod template');
    assert.deepEqual(
      d.cluster.requests.filter((r) => /^40[13]/.test(r)),
      [],
      'only the calls the Role allows, always with a token',
    );
    assert.ok(d.cluster.requests.some((r) => r.startsWith('PATCH ')));
  });

  it('keeps the current and the previous key working at every pod while a restart is half-way', async () => {
    const d = await deployed();
    await rotate(d.rotator(), d.users.app!);
    // finishSecret named the new roster in the pod template; the roll goes on after the function returned.
    const digest = d.cluster.templateDigest;
    assert.ok(digest);
    for (let i = 0; i < 4; i++) {
      d.cluster.step();
      await assertKeysAccepted(d, `restart step ${i}`);
    }
    assert.equal(d.cluster.templateDigest, digest);
    assert.equal((await d.rollout.state()).complete, true);
  });

  it('does not hand out a key before every pod runs the roster that lists it, and a failed restart leaves the old keys working', async () => {
    const d = await deployed();
    await rotate(d.rotator(), d.users.app!);
    await d.cluster.settle();
    // The next restart fails: the first replaced pod does not start and the roll halts.
    d.cluster.failStarts = true;
    await rotate(d.rotator(), d.users.admin!);
    const before = await clientKey(d.client, d.users.app!, 'AWSCURRENT');
    const previous = await clientKey(d.client, d.users.app!, 'AWSPREVIOUS');
    const token = randomUUID();
    await assert.rejects(rotate(d.rotator({ waitMs: 60_000 }), d.users.app!, { token }), (e: unknown) => {
      assert.ok(e instanceof RotationError);
      assert.match(e.message, /not every Weaviate pod runs the roster that lists the new key of app/);
      return true;
    });
    assert.equal(d.cluster.podsRunning, 2, 'the roll halted at the pod that failed');
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before, 'nothing handed out');
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSPREVIOUS'), previous);
    await assertKeysAccepted(d, 'after the failed restart');
    // Fixed: Secrets Manager's retry of the same rotation finds every pod on the roster and hands out the key.
    d.cluster.failStarts = false;
    await rotate(d.rotator(), d.users.app!, { token });
    assert.equal(d.cluster.podsRunning, 3);
    assert.notEqual(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before);
    await assertKeysAccepted(d, 'after the retried rotation');
  });

  it('restarts Weaviate only once the synced Secret holds the new roster', async () => {
    const d = await deployed();
    await rotate(d.rotator(), d.users.app!);
    await d.cluster.settle();
    const digest = d.cluster.templateDigest;
    const patches = () => d.cluster.requests.filter((r) => r.startsWith('PATCH ')).length;
    const patchesBefore = patches();
    // The CSI driver has not polled yet and the function does not wait: no restart with the old Secret.
    await rotate(d.rotator({ waitMs: 0 }), d.users.admin!);
    assert.equal(d.cluster.templateDigest, digest, 'no restart before the Secret holds the roster');
    assert.equal(patches(), patchesBefore);
    // The next rotation restarts Weaviate once the Secret is synced, and waits for the roll before it hands out.
    await rotate(d.rotator(), d.users.app!);
    assert.notEqual(d.cluster.templateDigest, digest);
    assert.ok(patches() > patchesBefore);
    await assertKeysAccepted(d, 'after the restart the next rotation made');
  });

  it('resumes after the function stops right after starting the restart, and after a roll that never started', async () => {
    const d = await deployed();
    await rotate(d.rotator(), d.users.app!);
    await d.cluster.settle();
    await rotate(d.rotator({ waitMs: 0 }), d.users.admin!);
    await d.cluster.syncSecret();
    const before = await clientKey(d.client, d.users.app!, 'AWSCURRENT');
    // The function times out (or crashes) right after its PATCH: the roll goes on without it.
    const crashing: WeaviateRollout = {
      syncedRosterDigest: () => d.rollout.syncedRosterDigest(),
      state: () => d.rollout.state(),
      restart: async (digest) => {
        await d.rollout.restart(digest);
        throw new Error('injected: the function stopped after the PATCH');
      },
    };
    const token = randomUUID();
    await assert.rejects(rotate(d.rotator({ rollout: crashing }), d.users.app!, { token }), /injected/);
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before, 'nothing handed out');
    d.cluster.step();
    await assertKeysAccepted(d, 'the roll half-way after the crash');
    // Secrets Manager's retry finds the template already naming the roster and waits for the roll to finish.
    const patches = d.cluster.requests.filter((r) => r.startsWith('PATCH ')).length;
    await rotate(d.rotator(), d.users.app!, { token });
    assert.equal(
      d.cluster.requests.filter((r) => r.startsWith('PATCH ')).length,
      patches + 1,
      'one PATCH: finishSecret restarting for the next roster',
    );
    assert.notEqual(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before);
    await assertKeysAccepted(d, 'after the resumed rotation');
  });

  it('fails a step whose calls the cluster refuses, leaving every key as it was', async () => {
    const d = await deployed();
    await rotate(d.rotator(), d.users.app!);
    await d.cluster.settle();
    const before = await clientKey(d.client, d.users.app!, 'AWSCURRENT');
    const unauthenticated = new (await import('../../src/rotation/kube-rollout.js')).KubeRollout({
      endpoint: d.cluster.endpoint,
      token: async () => 'not-an-eks-token',
      namespace: 'weaviate',
      statefulSet: 'weaviate',
      secret: { name: 'weaviate-api-keys', keys: 'allowed-keys', users: 'users' },
    });
    const token = randomUUID();
    await assert.rejects(
      rotate(d.rotator({ rollout: unauthenticated }), d.users.app!, { token }),
      /HTTP 401/,
    );
    const elsewhere = new (await import('../../src/rotation/kube-rollout.js')).KubeRollout({
      endpoint: d.cluster.endpoint,
      token: (d.rollout as unknown as { options: { token: () => Promise<string> } }).options.token,
      namespace: 'kube-system',
      statefulSet: 'weaviate',
      secret: { name: 'weaviate-api-keys', keys: 'allowed-keys', users: 'users' },
    });
    await assert.rejects(rotate(d.rotator({ rollout: elsewhere }), d.users.app!, { token }), /HTTP 403/);
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before);
    await assertKeysAccepted(d, 'after the refused calls');
    await rotate(d.rotator(), d.users.app!, { token });
    assert.notEqual(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before);
  });

  for (const [index, step] of ROTATION_STEPS.entries()) {
    it(`resumes a rotation interrupted after ${step}, and one failing inside it`, async () => {
      const d = await deployed();
      const before = await clientKey(d.client, d.users.app!, 'AWSCURRENT');
      // Interrupted after the step: Secrets Manager retries the rotation with the same token from the start.
      const token = await rotate(d.rotator(), d.users.app!, { steps: ROTATION_STEPS.slice(0, index + 1) });
      await assertKeysAccepted(d, `interrupted after ${step}`);
      if (step !== 'finishSecret')
        assert.equal(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before, 'nothing promoted yet');
      await rotate(d.rotator(), d.users.app!, { token });
      const after = await clientKey(d.client, d.users.app!, 'AWSCURRENT');
      assert.notEqual(after, before);
      assert.equal(await clientKey(d.client, d.users.app!, 'AWSPREVIOUS'), before);
      await assertKeysAccepted(d, `resumed after ${step}`);
      await d.cluster.settle();
      await assertKeysAccepted(d, `restarted after the resumed rotation`);

      // A write failing inside the step (before or after what it writes), then the retry.
      for (const n of [1, 2, 3]) {
        const store = failingOnWrite(new SecretsManagerStore(d.client), n);
        const current = await clientKey(d.client, d.users.admin!, 'AWSCURRENT');
        const retryToken = randomUUID();
        let failed = false;
        try {
          await rotate(d.rotator({ store }), d.users.admin!, { token: retryToken });
        } catch (error) {
          assert.match((error as Error).message, /injected failure/);
          failed = true;
        }
        assert.ok(failed || store.writes < n, `write ${n} failed the rotation`);
        if (!failed) continue;
        await assertKeysAccepted(d, `write ${n} failed`);
        await rotate(d.rotator(), d.users.admin!, { token: retryToken });
        assert.notEqual(await clientKey(d.client, d.users.admin!, 'AWSCURRENT'), current);
        await assertKeysAccepted(d, `retried after write ${n} failed`);
        await d.cluster.settle();
      }
    });
  }

  it('stops a rotation whose new key is not in the roster Weaviate reads, leaving every old key working', async () => {
    const d = await deployed();
    const rotator = d.rotator();
    await rotate(rotator, d.users.app!);
    await d.cluster.settle();
    const rosterBefore = await d.client.send(
      new GetSecretValueCommand({ SecretId: d.roster, VersionStage: 'AWSCURRENT' }),
    );
    // Someone wrote an old roster back: it does not announce app's next key.
    const stale = JSON.parse(rosterBefore.SecretString!) as { keys: string; users: string };
    const appNext = (
      JSON.parse(
        (
          await d.client.send(
            new GetSecretValueCommand({ SecretId: d.users.app!, VersionStage: 'AWSCURRENT' }),
          )
        ).SecretString!,
      ) as { nextKey: string }
    ).nextKey;
    const keys = stale.keys.split(',');
    const users = stale.users.split(',');
    const without = keys.map((k, i) => [k, users[i]!] as const).filter(([k]) => k !== appNext);
    await d.client.send(
      new PutSecretValueCommand({
        SecretId: d.roster,
        SecretString: JSON.stringify({
          keys: without.map(([k]) => k).join(','),
          users: without.map(([, u]) => u).join(','),
        }),
      }),
    );
    await d.cluster.restartAll();
    assert.equal(
      d.cluster.authenticate(appNext),
      undefined,
      'the stale roster does not announce the next key',
    );
    const before = await clientKey(d.client, d.users.app!, 'AWSCURRENT');
    const previous = await clientKey(d.client, d.users.app!, 'AWSPREVIOUS');
    await assert.rejects(rotate(rotator, d.users.app!), (e: unknown) => {
      assert.ok(e instanceof RotationError);
      assert.match(e.message, /does not list the new key of app/);
      return true;
    });
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before, 'nothing promoted');
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSPREVIOUS'), previous);
    await assertKeysAccepted(d, 'after the failed rotation');
  });

  it('lets a second rotation replace a pending one, and refuses the abandoned one', async () => {
    const d = await deployed();
    const rotator = d.rotator();
    const before = await clientKey(d.client, d.users.app!, 'AWSCURRENT');
    const first = await rotate(rotator, d.users.app!, { steps: ['createSecret', 'setSecret'] });
    const second = await rotate(rotator, d.users.app!, { steps: ['createSecret'] });
    await assertKeysAccepted(d, 'two rotations pending');
    await assert.rejects(
      rotate(rotator, d.users.app!, { token: first, steps: ['testSecret', 'finishSecret'] }),
      /is not AWSPENDING/,
    );
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSCURRENT'), before);
    await rotate(rotator, d.users.app!, {
      token: second,
      steps: ['setSecret', 'testSecret', 'finishSecret'],
    });
    assert.equal(await clientKey(d.client, d.users.app!, 'AWSPREVIOUS'), before);
    const stages = Object.values(await stagesOf(d.client, d.users.app!)).flat();
    assert.ok(!stages.includes('AWSPENDING'), 'no version left pending');
    await assertKeysAccepted(d, 'after the second rotation');
  });

  it('rebuilds the roster by its own rotation, and refuses secrets and tokens that are not its own', async () => {
    const d = await deployed();
    const rotator = d.rotator();
    await rotate(rotator, d.roster);
    await d.cluster.settle();
    await assertKeysAccepted(d, 'after the roster rotation');
    await assert.rejects(
      rotator.handle({
        Step: 'createSecret',
        SecretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:other',
        ClientRequestToken: randomUUID(),
      }),
      /not one of the secrets this function rotates/,
    );
    await assert.rejects(
      rotator.handle({ Step: 'testSecret', SecretId: d.users.app!, ClientRequestToken: randomUUID() }),
      /has no version/,
    );
    await assert.rejects(
      rotator.handle({ Step: 'dropSecret', SecretId: d.users.app!, ClientRequestToken: randomUUID() }),
      /unknown step/,
    );
  });
});
