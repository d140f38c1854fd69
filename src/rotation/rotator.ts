/**
 * The four steps of Secrets Manager's rotation protocol for Weaviate's API keys, for two kinds of secret:
 * each user's key secret, and the roster Weaviate reads (every user's allowed keys in one list).
 *
 * User key secret (key-versions.ts for the values):
 * - createSecret writes the next version as AWSPENDING: the announced key becomes the client's, a fresh one is
 *   announced. Retried, it finds its own pending version and leaves it.
 * - setSecret changes nothing anywhere: Weaviate already accepts the new client key, announced by the current
 *   version and present in the roster Weaviate reads.
 * - testSecret proves that: the pending version is well formed, its key was announced by the current version,
 *   the roster's current version lists it, and every Weaviate pod runs with that roster (rollout.ts: the synced
 *   Secret holds it, the pod template names it, every pod is updated and ready; the step restarts Weaviate when
 *   the template names an older roster, and waits). Otherwise the step fails and the rotation stops with every
 *   current and previous key still valid: a failed restart leaves the pods that did not restart on the older
 *   roster, which accepts every key a client holds.
 * - finishSecret moves AWSCURRENT to the new version (Secrets Manager labels the old one AWSPREVIOUS), removes
 *   AWSPENDING, rebuilds the roster so that it announces the next key for the next rotation, and once the
 *   synced Secret holds that roster, restarts Weaviate so the pods read it long before the next rotation.
 *
 * Roster: its own rotation rebuilds it from every user's current version, the same way finishSecret does, and
 * restarts Weaviate the same way.
 *
 * Every step checks that the token it was given is the secret's AWSPENDING version (or already AWSCURRENT, a
 * retry after success), so a step of an abandoned rotation changes nothing.
 */
import {
  announcedBy,
  InvalidKeyVersionError,
  nextVersion,
  parseKeyVersion,
  parseRoster,
  rosterOf,
  type KeyVersion,
} from './key-versions.js';
import { rosterDigest, type WeaviateRollout } from './rollout.js';
import { checkRotationStep, RotationError, type RotationEvent } from './rotation-step.js';
import { AWSCURRENT, AWSPENDING, versionWithStage, type SecretsStore } from './secrets-store.js';

export { RotationError, ROTATION_STEPS, type RotationEvent, type RotationStep } from './rotation-step.js';

export interface RotatorOptions {
  readonly store: SecretsStore;
  /** ARN of the roster secret. */
  readonly rosterSecretArn: string;
  /** ARNs of the user key secrets, in roster order. */
  readonly userSecretArns: readonly string[];
  /**
   * The user each secret of `userSecretArns` belongs to, in the same order (a first version without `user`
   * takes it). @default - each secret names its user
   */
  readonly userNames?: readonly string[];
  /** Restarts Weaviate and tells whether every pod runs a roster. */
  readonly rollout: WeaviateRollout;
  /**
   * How long a step waits for the synced Secret or the restart before it gives up (and the rotation stays where
   * it is). @default 720000 (12 minutes, within the function's 15-minute limit)
   */
  readonly rolloutWaitMs?: number;
  /** @default 15000 */
  readonly rolloutPollMs?: number;
  /** @default - setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default - Date.now */
  readonly now?: () => number;
  /** @default - silent */
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

export class Rotator {
  private readonly store: SecretsStore;
  private readonly log: NonNullable<RotatorOptions['log']>;

  constructor(private readonly options: RotatorOptions) {
    this.store = options.store;
    this.log = options.log ?? (() => {});
  }

  async handle(event: RotationEvent): Promise<void> {
    // kindOf refuses a secret that is not ours before anything is read.
    const { step, secret, token, alreadyCurrent } = await checkRotationStep(
      event,
      this.store,
      (id) => void this.kindOf(id),
    );
    const kind = this.kindOf(secret);
    if (alreadyCurrent) {
      this.log('version already current', { secret, token, step });
      // A finishSecret retried after it moved the stage but before the roster or the restart: finish those.
      if (step === 'finishSecret') await this.afterFinish(kind);
      return;
    }
    this.log('step', { secret, token, step, kind });
    switch (step) {
      case 'createSecret':
        return kind === 'roster' ? this.createRoster(secret, token) : this.createKey(secret, token);
      case 'setSecret':
        return; // see the comment above: nothing outside Secrets Manager changes
      case 'testSecret':
        return kind === 'roster' ? this.testRoster(secret, token) : this.testKey(secret, token);
      case 'finishSecret':
        await this.finish(secret, token);
        await this.afterFinish(kind);
        return;
    }
  }

  private async afterFinish(kind: 'roster' | 'user'): Promise<void> {
    if (kind === 'user') await this.rebuildRoster();
    await this.restartOnceSynced();
  }

  private userOf(secret: string): string | undefined {
    const i = this.options.userSecretArns.indexOf(secret);
    return i < 0 ? undefined : this.options.userNames?.[i];
  }

  private kindOf(secret: string): 'roster' | 'user' {
    if (secret === this.options.rosterSecretArn) return 'roster';
    if (this.options.userSecretArns.includes(secret)) return 'user';
    throw new RotationError(`${secret} is not one of the secrets this function rotates`);
  }

  private async current(secret: string): Promise<KeyVersion> {
    return parseKeyVersion(
      await this.store.value(secret, { stage: AWSCURRENT }),
      `the AWSCURRENT version of ${secret}`,
      this.userOf(secret),
    );
  }

  private async pending(secret: string, token: string): Promise<string | undefined> {
    return this.store.value(secret, { versionId: token, stage: AWSPENDING });
  }

  private async createKey(secret: string, token: string): Promise<void> {
    const current = await this.current(secret);
    const existing = await this.pending(secret, token);
    if (existing !== undefined) {
      // A retried step: keep what was written, as long as it is the successor of the current version.
      const pending = parseKeyVersion(existing, `version ${token} of ${secret}`, this.userOf(secret));
      if (!announcedBy(current, pending) || pending.user !== current.user)
        throw new RotationError(`version ${token} of ${secret} does not follow the current version`);
      return;
    }
    const next = nextVersion(current, await this.store.randomKey());
    await this.store.putPending(secret, token, JSON.stringify(next));
  }

  private async testKey(secret: string, token: string): Promise<void> {
    const current = await this.current(secret);
    const pending = parseKeyVersion(
      await this.pending(secret, token),
      `version ${token} of ${secret}`,
      this.userOf(secret),
    );
    if (pending.nextKey === undefined || pending.user !== current.user || !announcedBy(current, pending))
      throw new RotationError(`version ${token} of ${secret} does not follow the current version`);
    // The first rotation keeps the key; every later one hands out a key Weaviate must already accept.
    if (pending.key === current.key) return;
    const roster = parseRoster(
      await this.store.value(this.options.rosterSecretArn, { stage: AWSCURRENT }),
      'roster',
    );
    const listed = new Set(roster?.keys.split(',') ?? []);
    if (!roster || !listed.has(pending.key) || !listed.has(current.key))
      throw new RotationError(
        `the roster Weaviate reads does not list the new key of ${current.user} yet; the rotation waits, every current key stays valid`,
      );
    await this.awaitRunning(rosterDigest(roster), current.user);
  }

  /**
   * Waits until every Weaviate pod runs the roster of `digest`, restarting Weaviate when the synced Secret holds
   * it but the pod template names another; fails the step when the wait runs out.
   */
  private async awaitRunning(digest: string, user: string): Promise<void> {
    const deadline = this.now() + (this.options.rolloutWaitMs ?? 720_000);
    const rollout = this.options.rollout;
    for (;;) {
      let detail: string;
      const synced = await rollout.syncedRosterDigest();
      if (synced !== digest)
        detail =
          synced === undefined
            ? 'the Kubernetes Secret Weaviate reads does not exist (no pod mounts the secrets)'
            : 'the Kubernetes Secret Weaviate reads does not hold the current roster yet';
      else {
        const state = await rollout.state();
        if (state.templateDigest === digest && state.complete) {
          this.log('weaviate runs the roster', { user, detail: state.detail });
          return;
        }
        if (state.templateDigest !== digest) {
          await rollout.restart(digest);
          this.log('weaviate restarting', { user, reason: 'the pods run an older roster' });
          detail = 'Weaviate is restarting with the current roster';
        } else detail = `Weaviate is restarting with the current roster: ${state.detail}`;
      }
      if (this.now() >= deadline)
        throw new RotationError(
          `not every Weaviate pod runs the roster that lists the new key of ${user} (${detail}); the rotation waits, every current and previous key stays valid`,
        );
      await this.sleep(this.options.rolloutPollMs ?? 15_000);
    }
  }

  /**
   * After a new roster: once the synced Secret holds it (the CSI driver polls Secrets Manager), names it in the
   * pod template so Weaviate restarts with it. Best effort within the wait: the next rotation's testSecret
   * restarts Weaviate itself if this one could not.
   */
  private async restartOnceSynced(): Promise<void> {
    const roster = parseRoster(
      await this.store.value(this.options.rosterSecretArn, { stage: AWSCURRENT }),
      'roster',
    );
    if (!roster) return;
    const digest = rosterDigest(roster);
    const rollout = this.options.rollout;
    const deadline = this.now() + (this.options.rolloutWaitMs ?? 720_000);
    for (;;) {
      const synced = await rollout.syncedRosterDigest();
      if (synced === undefined) {
        // No pod mounts the secrets: whichever pod starts next reads the current roster.
        this.log('no restart', { reason: 'the synced Secret does not exist' });
        return;
      }
      if (synced === digest) {
        const state = await rollout.state();
        if (state.templateDigest !== digest) {
          await rollout.restart(digest);
          this.log('weaviate restarting', { reason: 'a new roster' });
        }
        return;
      }
      if (this.now() >= deadline) {
        this.log('no restart yet', { reason: 'the synced Secret does not hold the new roster yet' });
        return;
      }
      await this.sleep(this.options.rolloutPollMs ?? 15_000);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private sleep(ms: number): Promise<void> {
    return (this.options.sleep ?? ((t) => new Promise((r) => setTimeout(r, t))))(ms);
  }

  private async createRoster(secret: string, token: string): Promise<void> {
    if ((await this.pending(secret, token)) !== undefined) return;
    await this.store.putPending(secret, token, JSON.stringify(await this.buildRoster()));
  }

  private async testRoster(secret: string, token: string): Promise<void> {
    const pending = parseRoster(await this.pending(secret, token), `version ${token} of ${secret}`);
    if (!pending) throw new RotationError(`version ${token} of ${secret} is not a roster`);
    const listed = new Set(pending.keys.split(','));
    for (const arn of this.options.userSecretArns) {
      const current = await this.current(arn);
      if (!listed.has(current.key))
        throw new RotationError(
          `version ${token} of ${secret} does not list the current key of ${current.user}`,
        );
    }
  }

  private async finish(secret: string, token: string): Promise<void> {
    const description = await this.store.describe(secret);
    const currentVersion = versionWithStage(description, AWSCURRENT);
    if (currentVersion !== token)
      await this.store.moveStage(secret, AWSCURRENT, { toVersionId: token, fromVersionId: currentVersion });
    await this.store.moveStage(secret, AWSPENDING, { fromVersionId: token });
    this.log('rotated', { secret, token });
  }

  private async buildRoster() {
    const versions: KeyVersion[] = [];
    for (const arn of this.options.userSecretArns) versions.push(await this.current(arn));
    return rosterOf(versions);
  }

  /** Writes the roster anew after a user's rotation; until every user's first rotation ran, there is none. */
  private async rebuildRoster(): Promise<void> {
    const roster = this.options.rosterSecretArn;
    let next;
    try {
      next = await this.buildRoster();
    } catch (error) {
      if (error instanceof InvalidKeyVersionError) {
        this.log('roster not rebuilt', { reason: error.message });
        return;
      }
      throw error;
    }
    const current = parseRoster(await this.store.value(roster, { stage: AWSCURRENT }), 'roster');
    if (current?.keys === next.keys && current.users === next.users) return;
    await this.store.putCurrent(roster, JSON.stringify(next));
    this.log('roster rebuilt', { users: next.users.split(',').length });
  }
}
