/**
 * The four steps of Secrets Manager's rotation protocol for Weaviate's cluster password (the basic auth of the
 * intra-cluster data port), which Weaviate reads once at start and compares as exactly one pair: there is no
 * second credential that would let old and new overlap (cluster-auth-rollout.ts). The rotation therefore
 * changes it on every pod together, in the blueprint's maintenance window, and never leaves pods on different
 * passwords behind:
 *
 * - createSecret writes a new password as AWSPENDING (the same username). Retried, it keeps what it wrote.
 * - setSecret checks that the rotation may go on: inside the maintenance window with time for the restart
 *   left, and the cluster healthy (every pod updated and ready, the synced Secret and the pod template naming
 *   the current password). Otherwise it fails and nothing changes; the pending version waits for the next
 *   window, when Secrets Manager retries the same rotation.
 * - testSecret checks the pending version (same username, a new password of the expected form). It cannot try
 *   the password against Weaviate: no pod accepts it before it restarts with it.
 * - finishSecret checks window and health again, moves AWSCURRENT to the new version, and waits for the
 *   Secrets Store CSI driver to sync it into the Kubernetes Secret the pods read. If the sync does not come, it
 *   moves AWSCURRENT back and fails: no pod restarted, every pod keeps the old password. Once synced, it names
 *   the new password's digest in the pod template and deletes every pod at once, then waits for all of them to
 *   be ready on that template. If they are not ready in time the step fails (the alarm fires); every pod the
 *   StatefulSet creates from then on reads the new password, so the pods converge on it, and a retry of the
 *   step waits again. A retry after the promotion (the token already AWSCURRENT) completes the sync, the
 *   restart and the wait it may have missed.
 *
 * Every step refuses a token that is not the secret's AWSPENDING version (or already AWSCURRENT).
 */
import { clusterAuthDigest, type ClusterAuthRollout } from './cluster-auth-rollout.js';
import { describeWindow, windowAround, type MaintenanceWindow } from './maintenance-window.js';
import { checkRotationStep, RotationError, type RotationEvent } from './rotation-step.js';
import { AWSCURRENT, AWSPENDING, versionWithStage, type SecretsStore } from './secrets-store.js';

export interface ClusterAuthPair {
  readonly username: string;
  readonly password: string;
}

const PASSWORD = /^[A-Za-z0-9]{32,}$/;
const USERNAME = /^[A-Za-z0-9._-]+$/;

export interface ClusterAuthRotatorOptions {
  readonly store: SecretsStore;
  /** ARN of the cluster password secret. */
  readonly secretArn: string;
  readonly rollout: ClusterAuthRollout;
  readonly window: MaintenanceWindow;
  /**
   * How long one step may take in all (the sync, the restart and the wait for the pods); the window must have
   * this much left when a step that restarts Weaviate begins. @default 840000 (14 minutes, within the
   * function's 15-minute limit)
   */
  readonly stepBudgetMs?: number;
  /** How long finishSecret waits for the CSI driver's sync before it undoes the promotion. @default 300000 */
  readonly syncWaitMs?: number;
  /** @default 15000 */
  readonly pollMs?: number;
  /** @default - setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default - Date.now */
  readonly now?: () => number;
  /** @default - no log */
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

export class ClusterAuthRotator {
  private readonly store: SecretsStore;
  private readonly log: NonNullable<ClusterAuthRotatorOptions['log']>;

  constructor(private readonly options: ClusterAuthRotatorOptions) {
    this.store = options.store;
    this.log = options.log ?? (() => {});
  }

  /** Whether this rotator handles `secretId`. */
  handles(secretId: string): boolean {
    return secretId === this.options.secretArn;
  }

  async handle(event: RotationEvent): Promise<void> {
    const { step, secret, token, description, alreadyCurrent } = await checkRotationStep(
      event,
      this.store,
      (id) => {
        if (!this.handles(id)) throw new RotationError(`${id} is not the cluster password secret`);
      },
    );
    if (alreadyCurrent) {
      this.log('version already current', { secret, token, step });
      // A finishSecret retried after the promotion: complete the sync, the restart and the wait.
      if (step === 'finishSecret') await this.converge(await this.current(), this.deadline(), false);
      return;
    }
    this.log('step', { secret, token, step, kind: 'cluster-auth' });
    switch (step) {
      case 'createSecret':
        return this.create(token);
      case 'setSecret':
        this.checkWindow();
        await this.pending(token);
        return this.checkHealthy(await this.current());
      case 'testSecret':
        await this.pending(token);
        return;
      case 'finishSecret':
        return this.finish(token, versionWithStage(description, AWSCURRENT));
    }
  }

  private async create(token: string): Promise<void> {
    const current = await this.current();
    const existing = await this.store.value(this.options.secretArn, { versionId: token, stage: AWSPENDING });
    if (existing !== undefined) {
      await this.pending(token);
      return;
    }
    const next: ClusterAuthPair = { username: current.username, password: await this.store.randomKey() };
    parsePair(JSON.stringify(next), 'the generated password');
    await this.store.putPending(this.options.secretArn, token, JSON.stringify(next));
  }

  private async finish(token: string, previousVersion: string | undefined): Promise<void> {
    this.checkWindow();
    const deadline = this.deadline();
    const current = await this.current();
    const next = await this.pending(token);
    await this.checkHealthy(current);
    const secret = this.options.secretArn;
    await this.store.moveStage(secret, AWSCURRENT, { toVersionId: token, fromVersionId: previousVersion });
    await this.store.moveStage(secret, AWSPENDING, { fromVersionId: token });
    this.log('promoted', { secret, token });
    const syncDeadline = Math.min(deadline, this.now() + (this.options.syncWaitMs ?? 300_000));
    if (!(await this.awaitSync(clusterAuthDigest(next), syncDeadline))) {
      // No pod has restarted: undo the promotion so the Secret the pods read goes back to the old password.
      if (previousVersion !== undefined)
        await this.store.moveStage(secret, AWSCURRENT, {
          toVersionId: previousVersion,
          fromVersionId: token,
        });
      const back = await this.awaitSync(clusterAuthDigest(current), deadline);
      this.log('rotation undone', { secret, token, syncedBack: back });
      throw new RotationError(
        `the new cluster password did not reach the Kubernetes Secret Weaviate reads in time; the rotation was undone (AWSCURRENT is the previous password again) and no pod restarted, so every pod keeps the previous password`,
      );
    }
    await this.converge(next, deadline, true);
  }

  /**
   * Brings every pod onto `pair`: once the synced Secret holds it, names it in the pod template and deletes
   * every pod (when the template does not name it yet, or `restart` says so), then waits until every pod is
   * ready on that template.
   */
  private async converge(pair: ClusterAuthPair, deadline: number, restart: boolean): Promise<void> {
    const digest = clusterAuthDigest(pair);
    const rollout = this.options.rollout;
    const before = await rollout.state();
    if (restart || before.templateDigest !== digest) {
      if (!(await this.awaitSync(digest, deadline)))
        throw new RotationError(
          'the Kubernetes Secret Weaviate reads does not hold the current cluster password yet; Weaviate was not restarted, the next attempt of this rotation restarts it',
        );
      const started = this.now();
      const { deleted, failed } = await rollout.restartTogether(digest);
      this.log('weaviate restarting together', { deleted, failed, at: new Date(started).toISOString() });
    }
    const started = this.now();
    for (;;) {
      const state = await rollout.state();
      if (state.templateDigest === digest && state.complete) {
        this.log('weaviate runs the new cluster password', {
          rollSeconds: Math.round((this.now() - started) / 1000),
          detail: state.detail,
        });
        return;
      }
      if (this.now() >= deadline)
        throw new RotationError(
          `Weaviate is not back on the new cluster password yet (${state.detail}); every pod the StatefulSet starts reads it, so the pods converge on it; the next attempt of this rotation waits again`,
        );
      await this.sleep(this.options.pollMs ?? 15_000);
    }
  }

  /** Polls until the synced Secret holds `digest`; false when the deadline passes first. */
  private async awaitSync(digest: string, deadline: number): Promise<boolean> {
    for (;;) {
      if ((await this.options.rollout.syncedPasswordDigest()) === digest) return true;
      if (this.now() >= deadline) return false;
      await this.sleep(this.options.pollMs ?? 15_000);
    }
  }

  private checkWindow(): void {
    const w = this.options.window;
    const now = new Date(this.now());
    const around = windowAround(w, now);
    const budget = this.options.stepBudgetMs ?? 840_000;
    if (!around || around.closes.getTime() - now.getTime() < budget)
      throw new RotationError(
        `the cluster password rotates only in the maintenance window (${describeWindow(w)}), with ${Math.round(budget / 60_000)} minutes left for the restart; it is ${now.toISOString()}. Nothing changed; the rotation waits for the window`,
      );
  }

  /** Every pod updated and ready, and both the synced Secret and the pod template on the current password. */
  private async checkHealthy(current: ClusterAuthPair): Promise<void> {
    const digest = clusterAuthDigest(current);
    const state = await this.options.rollout.state();
    if (!state.complete)
      throw new RotationError(
        `Weaviate is not healthy (${state.detail}); the cluster password is not rotated while pods are missing or restarting. Nothing changed`,
      );
    if (state.templateDigest !== undefined && state.templateDigest !== digest)
      throw new RotationError(
        'the pod template names a cluster password other than the current one (it was changed outside the rotation); nothing changed',
      );
    const synced = await this.options.rollout.syncedPasswordDigest();
    if (synced !== digest)
      throw new RotationError(
        synced === undefined
          ? 'the Kubernetes Secret Weaviate reads does not exist (no pod mounts the secrets); nothing changed'
          : 'the Kubernetes Secret Weaviate reads does not hold the current cluster password; nothing changed',
      );
  }

  private deadline(): number {
    return this.now() + (this.options.stepBudgetMs ?? 840_000);
  }

  private async current(): Promise<ClusterAuthPair> {
    return parsePair(
      await this.store.value(this.options.secretArn, { stage: AWSCURRENT }),
      `the AWSCURRENT version of ${this.options.secretArn}`,
    );
  }

  /** The pending version, checked against the current one. */
  private async pending(token: string): Promise<ClusterAuthPair> {
    const what = `version ${token} of ${this.options.secretArn}`;
    const pending = parsePair(
      await this.store.value(this.options.secretArn, { versionId: token, stage: AWSPENDING }),
      what,
    );
    const current = await this.current();
    if (pending.username !== current.username || pending.password === current.password)
      throw new RotationError(
        `${what} does not follow the current version (another username, or the same password)`,
      );
    return pending;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private sleep(ms: number): Promise<void> {
    return (this.options.sleep ?? ((t) => new Promise((r) => setTimeout(r, t))))(ms);
  }
}

/** Parses `{"username", "password"}`; refuses anything else rather than guess. */
export function parsePair(text: string | undefined, what: string): ClusterAuthPair {
  let v: unknown;
  try {
    v = JSON.parse(text ?? '');
  } catch {
    throw new RotationError(`${what} is not JSON`);
  }
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  if (typeof o.username !== 'string' || !USERNAME.test(o.username))
    throw new RotationError(`${what}: username is missing or not of the expected form`);
  if (typeof o.password !== 'string' || !PASSWORD.test(o.password))
    throw new RotationError(`${what}: password is missing or not of the expected form`);
  return { username: o.username, password: o.password };
}
