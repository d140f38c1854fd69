/**
 * A stand-in for the Kubernetes API and the Weaviate StatefulSet behind it, for the cluster password's rotation,
 * because neither a Kubernetes API server nor Weaviate runs here. Over HTTP on 127.0.0.1 it serves the calls the
 * rotation function's Role allows for this (GET the synced Secret `weaviate-cluster-auth`, GET and
 * strategic-merge PATCH the StatefulSet, DELETE its pods by name), 403 for anything else and 401 without an EKS
 * token.
 *
 * Behind it, on a virtual clock (milliseconds, advanced by the function's sleeps):
 * - the Secrets Store CSI driver: `syncSecret()` copies the secret's AWSCURRENT from Secrets Manager (moto)
 *   into the Kubernetes Secret, as its poll does;
 * - the StatefulSet controller with `podManagementPolicy: Parallel` and `RollingUpdate`: a deleted pod
 *   terminates (`terminateMs`) and is recreated at once from the current template; a changed template makes
 *   the controller replace one outdated pod at a time (highest ordinal first), waiting for the one before to be
 *   ready;
 * - each Weaviate pod reads the Secret's password when its container starts (`startMs` later it is ready) and
 *   accepts calls on its data port only with that password (clusterapi/auth.go: exactly one pair).
 *
 * It measures, on the virtual clock, how long the cluster was not fully serving (a pod missing or not ready,
 * or ready pods holding different passwords) and how long ready pods held different passwords (the split in
 * which they refuse each other's replication and query calls).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CLUSTER_AUTH_ANNOTATION } from '../../src/rotation/cluster-auth-rollout.js';
import { validToken } from './kube-stand-in.js';

export const NAMESPACE = 'weaviate';
export const STATEFUL_SET = 'weaviate';
export const CLUSTER_AUTH_K8S_SECRET = 'weaviate-cluster-auth';

interface Pod {
  readonly name: string;
  revision: string;
  phase: 'ready' | 'starting' | 'terminating' | 'failed';
  /** The password its container read at start. */
  password?: string;
  /** Virtual time the current phase ends. */
  until: number;
}

export interface Timings {
  /** From delete to gone (Weaviate flushes and leaves the cluster). */
  readonly terminateMs: number;
  /** From container start to ready (loading the indexes). */
  readonly startMs: number;
}

export class ClusterAuthStandIn {
  private server?: Server;
  private secret?: { username: string; password: string };
  private annotations: Record<string, string> = {};
  private generation = 1;
  private observedGeneration = 1;
  readonly pods: Pod[];
  /** Virtual milliseconds. */
  now: number;
  /** Requests answered, by `METHOD path`; refused ones under `403 …`/`401 …`/`500 …`. */
  readonly requests: string[] = [];
  /** The CSI driver's poll reaches Secrets Manager (false: the sync never comes). */
  syncing = true;
  /** Pods whose deletion the API server fails with 500. */
  readonly failDeletes = new Set<string>();
  /** Containers that start next never become ready. */
  failStarts = false;
  /**
   * For a function run in real time, which nothing else moves: before each answer the CSI driver syncs and the
   * cluster lives this many virtual milliseconds. @default 0
   */
  autoAdvanceMs = 0;
  /** Virtual ms the cluster was not fully serving, and ready pods held different passwords. */
  readonly measured = { disruptedMs: 0, splitMs: 0, firstDisruption: undefined as number | undefined };

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    readonly timings: Timings,
    start: number,
    readonly replicas = 3,
  ) {
    this.now = start;
    this.pods = Array.from({ length: replicas }, (_, i) => ({
      name: `${STATEFUL_SET}-${i}`,
      revision: this.revision(),
      phase: 'ready' as const,
      until: start,
    }));
  }

  get endpoint(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('the stand-in is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  get podNames(): string[] {
    return this.pods.map((p) => p.name);
  }

  /** First start: the CSI mount syncs the Secret, every pod starts with its password and is ready. */
  async boot(): Promise<void> {
    await this.syncSecret();
    for (const pod of this.pods) Object.assign(pod, { phase: 'ready', password: this.secret?.password });
  }

  async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.settleForRequest().then(() => {
          const answer = this.answer(
            req.method ?? '',
            req.url ?? '',
            req.headers,
            Buffer.concat(chunks).toString(),
          );
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.body));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async settleForRequest(): Promise<void> {
    if (this.autoAdvanceMs <= 0) return;
    await this.syncSecret();
    this.advance(this.autoAdvanceMs);
  }

  /** The CSI driver's poll: the synced Secret takes the secret's AWSCURRENT. */
  async syncSecret(): Promise<void> {
    if (!this.syncing) return;
    const v = await this.client.send(
      new GetSecretValueCommand({ SecretId: this.secretId, VersionStage: 'AWSCURRENT' }),
    );
    const pair = JSON.parse(v.SecretString ?? '{}') as { username?: string; password?: string };
    if (typeof pair.username === 'string' && typeof pair.password === 'string')
      this.secret = { username: pair.username, password: pair.password };
  }

  /** Moves the virtual clock by `ms`, one second at a time: pods terminate, start, become ready; the controller rolls. */
  advance(ms: number): void {
    const end = this.now + ms;
    while (this.now < end) {
      const step = Math.min(1000, end - this.now);
      this.account(step);
      this.now += step;
      this.tick();
    }
  }

  /** The password every ready pod holds, when all pods are ready and agree; undefined otherwise. */
  get servingPassword(): string | undefined {
    const ready = this.pods.filter((p) => p.phase === 'ready');
    if (ready.length !== this.pods.length) return undefined;
    const passwords = new Set(ready.map((p) => p.password));
    return passwords.size === 1 ? ready[0]!.password : undefined;
  }

  /** Whether pod `from` may call pod `to`'s data port: both ready, the caller sending the password `to` holds. */
  dataPortAccepts(from: number, to: number): boolean {
    const a = this.pods[from]!;
    const b = this.pods[to]!;
    return a.phase === 'ready' && b.phase === 'ready' && a.password === b.password;
  }

  get syncedPassword(): string | undefined {
    return this.secret?.password;
  }

  get templateDigest(): string | undefined {
    return this.annotations[CLUSTER_AUTH_ANNOTATION];
  }

  private account(ms: number): void {
    const ready = this.pods.filter((p) => p.phase === 'ready');
    const split = new Set(ready.map((p) => p.password)).size > 1;
    if (split) this.measured.splitMs += ms;
    if (split || ready.length !== this.pods.length) {
      this.measured.disruptedMs += ms;
      this.measured.firstDisruption ??= this.now;
    }
  }

  private tick(): void {
    this.observedGeneration = this.generation;
    const current = this.revision();
    for (const pod of this.pods) {
      if (pod.phase === 'terminating' && this.now >= pod.until) this.create(pod, current);
      else if (pod.phase === 'starting' && this.now >= pod.until)
        pod.phase = this.failStarts ? 'failed' : 'ready';
    }
    // RollingUpdate: one outdated pod at a time, once every pod is ready.
    if (this.pods.every((p) => p.phase === 'ready'))
      for (let i = this.pods.length - 1; i >= 0; i--) {
        const pod = this.pods[i]!;
        if (pod.revision !== current) {
          this.terminate(pod);
          break;
        }
      }
  }

  private terminate(pod: Pod): void {
    if (pod.phase === 'terminating') return;
    pod.phase = 'terminating';
    pod.until = this.now + this.timings.terminateMs;
  }

  private create(pod: Pod, revision: string): void {
    // kubelet resolves the container's secretKeyRef when it starts the container: the Secret as it is now.
    Object.assign(pod, {
      revision,
      phase: 'starting',
      password: this.secret?.password,
      until: this.now + this.timings.startMs,
    });
  }

  private revision(): string {
    return `${STATEFUL_SET}-${createHash('sha256').update(JSON.stringify(this.annotations)).digest('hex').slice(0, 10)}`;
  }

  private answer(
    method: string,
    url: string,
    headers: Record<string, string | string[] | undefined>,
    body: string,
  ): { status: number; body: unknown } {
    const path = new URL(url, 'http://stand-in').pathname;
    if (!validToken(headers.authorization)) {
      this.requests.push(`401 ${method} ${path}`);
      return { status: 401, body: { kind: 'Status', message: 'Unauthorized' } };
    }
    const secretPath = `/api/v1/namespaces/${NAMESPACE}/secrets/${CLUSTER_AUTH_K8S_SECRET}`;
    const stsPath = `/apis/apps/v1/namespaces/${NAMESPACE}/statefulsets/${STATEFUL_SET}`;
    const podPrefix = `/api/v1/namespaces/${NAMESPACE}/pods/`;
    if (method === 'GET' && path === secretPath) {
      this.requests.push(`${method} ${path}`);
      if (!this.secret) return { status: 404, body: { kind: 'Status', message: 'secrets not found' } };
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      return {
        status: 200,
        body: {
          kind: 'Secret',
          data: { username: b64(this.secret.username), password: b64(this.secret.password) },
        },
      };
    }
    if (path === stsPath && (method === 'GET' || method === 'PATCH')) {
      this.requests.push(`${method} ${path}`);
      if (method === 'PATCH') {
        if (headers['content-type'] !== 'application/strategic-merge-patch+json')
          return { status: 415, body: { kind: 'Status', message: 'unsupported patch type' } };
        const patch = JSON.parse(body) as {
          spec?: { template?: { metadata?: { annotations?: Record<string, string> } } };
        };
        const next = { ...this.annotations, ...(patch.spec?.template?.metadata?.annotations ?? {}) };
        if (JSON.stringify(next) !== JSON.stringify(this.annotations)) {
          this.annotations = next;
          this.generation++;
        }
      }
      return { status: 200, body: this.statefulSet() };
    }
    const pod = this.pods.find((p) => path === `${podPrefix}${p.name}`);
    if (method === 'DELETE' && pod) {
      if (this.failDeletes.has(pod.name)) {
        this.requests.push(`500 ${method} ${path}`);
        return { status: 500, body: { kind: 'Status', message: 'etcdserver: request timed out' } };
      }
      this.requests.push(`${method} ${path}`);
      this.terminate(pod);
      return { status: 200, body: { kind: 'Pod', metadata: { name: pod.name } } };
    }
    this.requests.push(`403 ${method} ${path}`);
    return { status: 403, body: { kind: 'Status', message: `forbidden: ${method} ${path}` } };
  }

  private statefulSet(): unknown {
    const current = this.revision();
    const updated = this.pods.filter((p) => p.revision === current && p.phase !== 'terminating').length;
    const observed = this.observedGeneration === this.generation;
    const ready = this.pods.filter((p) => p.phase === 'ready').length;
    const allUpdated = observed && updated === this.pods.length;
    return {
      kind: 'StatefulSet',
      metadata: { name: STATEFUL_SET, namespace: NAMESPACE, generation: this.generation },
      spec: { replicas: this.pods.length, template: { metadata: { annotations: { ...this.annotations } } } },
      status: {
        observedGeneration: this.observedGeneration,
        replicas: this.pods.filter((p) => p.phase !== 'terminating').length,
        readyReplicas: ready,
        updatedReplicas: observed ? updated : 0,
        updateRevision: current,
        currentRevision: allUpdated && ready === this.pods.length ? current : this.pods[0]!.revision,
      },
    };
  }
}
