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
 *   and the roster's current version lists it. Otherwise the step fails and the rotation stops with every
 *   current and previous key still valid.
 * - finishSecret moves AWSCURRENT to the new version (Secrets Manager labels the old one AWSPREVIOUS), removes
 *   AWSPENDING, and rebuilds the roster so that it announces the next key for the next rotation.
 *
 * Roster: its own rotation rebuilds it from every user's current version, the same way finishSecret does.
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
import { AWSCURRENT, AWSPENDING, versionWithStage, type SecretsStore } from './secrets-store.js';

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
export const ROTATION_STEPS: readonly RotationStep[] = [
  'createSecret',
  'setSecret',
  'testSecret',
  'finishSecret',
];

export interface RotationEvent {
  readonly Step: string;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
}

/** The rotation cannot proceed (a wrong token, a secret not ours, a check that failed). */
export class RotationError extends Error {
  override readonly name = 'RotationError';
}

export interface RotatorOptions {
  readonly store: SecretsStore;
  /** ARN of the roster secret. */
  readonly rosterSecretArn: string;
  /** ARNs of the user key secrets, in roster order. */
  readonly userSecretArns: readonly string[];
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
    const step = event.Step as RotationStep;
    if (!ROTATION_STEPS.includes(step)) throw new RotationError(`unknown step ${JSON.stringify(event.Step)}`);
    const secret = event.SecretId;
    const token = event.ClientRequestToken;
    const kind = this.kindOf(secret);
    const description = await this.store.describe(secret);
    if (!description.rotationEnabled) throw new RotationError(`${secret} does not have rotation enabled`);
    // Secrets Manager labels the token's version AWSPENDING before createSecret; createSecret also accepts a
    // token with no version yet (it writes it).
    const stages = description.versions[token] ?? [];
    if (!description.versions[token] && step !== 'createSecret')
      throw new RotationError(`${secret} has no version ${token}`);
    if (stages.includes(AWSCURRENT)) {
      this.log('version already current', { secret, token, step });
      return;
    }
    if (!stages.includes(AWSPENDING) && step !== 'createSecret')
      throw new RotationError(`version ${token} of ${secret} is not AWSPENDING`);
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
        if (kind === 'user') await this.rebuildRoster();
        return;
    }
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
      const pending = parseKeyVersion(existing, `version ${token} of ${secret}`);
      if (!announcedBy(current, pending) || pending.user !== current.user)
        throw new RotationError(`version ${token} of ${secret} does not follow the current version`);
      return;
    }
    const next = nextVersion(current, await this.store.randomKey());
    await this.store.putPending(secret, token, JSON.stringify(next));
  }

  private async testKey(secret: string, token: string): Promise<void> {
    const current = await this.current(secret);
    const pending = parseKeyVersion(await this.pending(secret, token), `version ${token} of ${secret}`);
    if (pending.nextKey === undefined || pending.user !== current.user || !announcedBy(current, pending))
      throw new RotationError(`version ${token} of ${secret} does not follow the current version`);
    // The first rotation keeps the key; every later one hands out a key Weaviate must already accept.
    if (pending.key === current.key) return;
    const roster = parseRoster(
      await this.store.value(this.options.rosterSecretArn, { stage: AWSCURRENT }),
      'roster',
    );
    const listed = new Set(roster?.keys.split(',') ?? []);
    if (!listed.has(pending.key) || !listed.has(current.key))
      throw new RotationError(
        `the roster Weaviate reads does not list the new key of ${current.user} yet; the rotation waits, every current key stays valid`,
      );
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
