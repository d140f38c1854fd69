/**
 * The drill's scratch Weaviate in the cluster: a StatefulSet kept at zero replicas in its own namespace. The drill
 * writes a fresh API key into the scratch's Secret, scales the StatefulSet up, and scales it back to zero when
 * done (the StatefulSet deletes the volumes on scale-down), then blanks the key. Its Role allows exactly that:
 * `patch` on the one Secret and on the StatefulSet's scale subresource, `get` on the StatefulSet. Plain `fetch`
 * against the API server with the pod's own token; the cluster CA comes through NODE_EXTRA_CA_CERTS.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { boundedText } from '../contract/response-limits.js';
import type { Clock } from './clock.js';
import { SCRATCH_SECRET_KEY } from './env.js';
import type { ScratchWeaviate } from './restore-drill.js';
import { WeaviateApi } from './weaviate-api.js';

export const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface KubeScratchOptions {
  /** `https://<host>:<port>` of the API server. */
  readonly apiServer: string;
  readonly tokenFile: string;
  readonly namespace: string;
  readonly statefulSet: string;
  readonly secret: string;
  readonly replicas: number;
  /** The scratch's client Service URL. */
  readonly url: string;
  readonly clock: Clock;
  /** How long to wait for the pods to be gone after scaling down. @default 600000 */
  readonly removalTimeoutMs?: number;
}

export class KubeScratchWeaviate implements ScratchWeaviate {
  private key = randomBytes(32).toString('hex');
  readonly api: WeaviateApi;

  constructor(private readonly options: KubeScratchOptions) {
    this.api = new WeaviateApi({ baseUrl: options.url, apiKey: this.key });
  }

  async create(): Promise<void> {
    await this.patchSecret(this.key);
    await this.scale(this.options.replicas);
  }

  async remove(): Promise<void> {
    await this.scale(0);
    const deadline = this.options.clock.now().getTime() + (this.options.removalTimeoutMs ?? 600_000);
    for (;;) {
      const sts = await this.kube<{ status?: { replicas?: number } }>('GET', this.statefulSetPath());
      if ((sts.status?.replicas ?? 0) === 0) break;
      if (this.options.clock.now().getTime() > deadline)
        throw new Error(
          `the scratch StatefulSet still has ${sts.status?.replicas} pods after scaling to zero`,
        );
      await this.options.clock.sleep(5_000);
    }
    await this.patchSecret('');
  }

  private statefulSetPath(): string {
    return `/apis/apps/v1/namespaces/${this.options.namespace}/statefulsets/${this.options.statefulSet}`;
  }

  private scale(replicas: number): Promise<unknown> {
    return this.kube('PATCH', `${this.statefulSetPath()}/scale`, { spec: { replicas } });
  }

  private patchSecret(value: string): Promise<unknown> {
    return this.kube('PATCH', `/api/v1/namespaces/${this.options.namespace}/secrets/${this.options.secret}`, {
      stringData: { [SCRATCH_SECRET_KEY]: value },
    });
  }

  private async kube<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = (await readFile(this.options.tokenFile, 'utf8')).trim();
    const res = await fetch(`${this.options.apiServer}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/merge-patch+json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await boundedText(res, `Kubernetes API ${method} ${path}`);
    if (!res.ok)
      throw new Error(`Kubernetes API ${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}
