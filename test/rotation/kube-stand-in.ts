/**
 * A stand-in for the EKS cluster's Kubernetes API and what runs behind it, because no Kubernetes API server runs
 * here. It serves, over HTTP on 127.0.0.1, the three calls the rotation function's Role allows (GET the synced
 * roster Secret, GET and strategic-merge PATCH the Weaviate StatefulSet) and answers 403 to anything else, as
 * RBAC would; a request without an EKS token (`k8s-aws-v1.` + a pre-signed STS GetCallerIdentity URL bound to
 * the cluster's name) gets 401.
 *
 * Behind the API it models what the rotation relies on:
 * - the Secrets Store CSI driver: `syncSecret()` copies the roster's AWSCURRENT from Secrets Manager (moto) into
 *   the Kubernetes Secret, as the driver's poll does, while a pod mounts it;
 * - the StatefulSet controller: a PATCH of the pod template raises the generation; each `step()` replaces one
 *   pod not on the current template (highest ordinal first, as RollingUpdate does), and the new pod starts a
 *   Weaviate stand-in with the Secret's values at that moment; a pod that fails to start stays not ready and
 *   halts the roll, as RollingUpdate does; status fields follow (observedGeneration, updatedReplicas,
 *   readyReplicas, currentRevision, updateRevision).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ROSTER_ANNOTATION } from '../../src/rotation/rollout.js';
import { WeaviatePod, WeaviateStartupError } from './weaviate-stand-in.js';

export const NAMESPACE = 'weaviate';
export const STATEFUL_SET = 'weaviate';
export const ROSTER_K8S_SECRET = 'weaviate-api-keys';
export const CLUSTER_NAME = 'vectorfort-test';

interface Pod {
  revision: string;
  weaviate?: WeaviatePod;
  failure?: string;
}

export class KubeStandIn {
  private server?: Server;
  private secret?: { keys: string; users: string };
  private annotations: Record<string, string> = {};
  private generation = 1;
  private observedGeneration = 1;
  private readonly pods: Pod[];
  /** Requests answered, by `METHOD path`; refused ones under `403 …`/`401 …`. */
  readonly requests: string[] = [];
  /** A pod that starts next fails (as a pod whose container crashes or whose mount fails). */
  failStarts = false;
  /**
   * The cluster keeps up with every request: the Secret is synced before each answer and a roll completes
   * right after the PATCH that starts it (for a function run in real time, which nothing else moves).
   */
  autoSettle = false;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly rosterSecretId: string,
    readonly replicas = 3,
  ) {
    this.pods = Array.from({ length: replicas }, () => ({ revision: this.revision() }));
  }

  get endpoint(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('the stand-in is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          if (this.autoSettle) await this.syncSecret();
          const answer = this.answer(
            req.method ?? '',
            req.url ?? '',
            req.headers,
            Buffer.concat(chunks).toString('utf8'),
          );
          if (this.autoSettle && req.method === 'PATCH')
            for (let i = 0; i <= this.pods.length; i++) this.step();
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.body));
        })();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The CSI driver's poll: the synced Secret takes the roster's AWSCURRENT (when it has keys). */
  async syncSecret(): Promise<void> {
    const v = await this.client.send(
      new GetSecretValueCommand({ SecretId: this.rosterSecretId, VersionStage: 'AWSCURRENT' }),
    );
    const roster = JSON.parse(v.SecretString ?? '{}') as { keys?: unknown; users?: unknown };
    if (typeof roster.keys === 'string' && typeof roster.users === 'string')
      this.secret = { keys: roster.keys, users: roster.users };
  }

  /** The StatefulSet controller's next move: observe the template, then replace one outdated pod. */
  step(): void {
    this.observedGeneration = this.generation;
    const current = this.revision();
    const broken = this.pods.findIndex((p) => p.weaviate === undefined && p.revision === current);
    // RollingUpdate waits for the pod it replaced to be ready before it touches the next one.
    if (broken >= 0) return this.start(this.pods[broken]!);
    for (let i = this.pods.length - 1; i >= 0; i--)
      if (this.pods[i]!.revision !== current) return this.start(this.pods[i]!);
  }

  /** Syncs and steps until the roll is done (or stuck): what the cluster does while the function waits. */
  async settle(): Promise<void> {
    await this.syncSecret();
    for (let i = 0; i <= this.pods.length; i++) this.step();
  }

  /** `kubectl rollout restart`: any restart, such as a node replacement; pods read the Secret as it is now. */
  async restartAll(): Promise<void> {
    await this.syncSecret();
    for (const pod of this.pods) this.start(pod, pod.revision);
  }

  /**
   * The user a key authenticates as at every pod (a client's request may reach any of them); undefined when
   * any pod answers 401 or is not running.
   */
  authenticate(key: string | undefined): string | undefined {
    const users = this.pods.map((p) => p.weaviate?.authenticate(key));
    const running = users.filter((u, i) => this.pods[i]!.weaviate !== undefined);
    if (running.length === 0 || running.some((u) => u === undefined || u !== running[0])) return undefined;
    return running[0];
  }

  /** The user a key authenticates as at each running pod (pods that failed to start are left out). */
  authenticateEach(key: string | undefined): (string | undefined)[] {
    return this.pods.filter((p) => p.weaviate).map((p) => p.weaviate!.authenticate(key));
  }

  get podsRunning(): number {
    return this.pods.filter((p) => p.weaviate).length;
  }

  get templateDigest(): string | undefined {
    return this.annotations[ROSTER_ANNOTATION];
  }

  private start(pod: Pod, revision = this.revision()): void {
    pod.revision = revision;
    try {
      if (this.failStarts) throw new WeaviateStartupError('injected: the pod does not start');
      pod.weaviate = new WeaviatePod(this.secret?.keys, this.secret?.users);
      pod.failure = undefined;
    } catch (error) {
      pod.weaviate = undefined;
      pod.failure = (error as Error).message;
    }
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
    const secretPath = `/api/v1/namespaces/${NAMESPACE}/secrets/${ROSTER_K8S_SECRET}`;
    const stsPath = `/apis/apps/v1/namespaces/${NAMESPACE}/statefulsets/${STATEFUL_SET}`;
    if (method === 'GET' && path === secretPath) {
      this.requests.push(`${method} ${path}`);
      if (!this.secret) return { status: 404, body: { kind: 'Status', message: 'secrets not found' } };
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      return {
        status: 200,
        body: {
          kind: 'Secret',
          data: { 'allowed-keys': b64(this.secret.keys), users: b64(this.secret.users) },
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
    this.requests.push(`403 ${method} ${path}`);
    return { status: 403, body: { kind: 'Status', message: `forbidden: ${method} ${path}` } };
  }

  private statefulSet(): unknown {
    const current = this.revision();
    const updated = this.pods.filter((p) => p.revision === current).length;
    const observed = this.observedGeneration === this.generation;
    const allUpdated = observed && updated === this.pods.length;
    return {
      kind: 'StatefulSet',
      metadata: { name: STATEFUL_SET, namespace: NAMESPACE, generation: this.generation },
      spec: { replicas: this.pods.length, template: { metadata: { annotations: { ...this.annotations } } } },
      status: {
        observedGeneration: this.observedGeneration,
        replicas: this.pods.length,
        readyReplicas: this.pods.filter((p) => p.weaviate).length,
        updatedReplicas: observed ? updated : 0,
        updateRevision: current,
        currentRevision: allUpdated ? current : this.pods[0]!.revision,
      },
    };
  }
}

/** An EKS token: `k8s-aws-v1.` and the base64url of a pre-signed GetCallerIdentity URL bound to the cluster. */
export function validToken(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const prefix = 'Bearer k8s-aws-v1.';
  if (!value?.startsWith(prefix)) return false;
  const url = new URL(Buffer.from(value.slice(prefix.length), 'base64url').toString('utf8'));
  return (
    url.protocol === 'https:' &&
    /^sts\.[a-z0-9-]+\.amazonaws\.com$/.test(url.hostname) &&
    url.searchParams.get('Action') === 'GetCallerIdentity' &&
    url.searchParams.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' &&
    (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';').includes('x-k8s-aws-id') &&
    Number(url.searchParams.get('X-Amz-Expires')) <= 900 &&
    /^[0-9a-f]{64}$/.test(url.searchParams.get('X-Amz-Signature') ?? '')
  );
}
