/**
 * The WeaviateRollout port over the Kubernetes API of the EKS cluster. The function's Kubernetes group may do
 * three things, each on one named object (the Role in src/k8s/weaviate/key-rollout-rbac.ts): read the synced
 * roster Secret, read the StatefulSet, and patch the StatefulSet (the pod-template annotation). Plain HTTPS
 * with the cluster's CA: the three calls do not need a Kubernetes client library in the bundle.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BoundedChunks, MAX_RESPONSE_BYTES, ResponseTooLargeError } from '../contract/response-limits.js';
import { ROSTER_ANNOTATION, rosterDigest, type RolloutState, type WeaviateRollout } from './rollout.js';

export interface KubeRolloutOptions {
  /** `https://…` of the cluster's API server (`http://` only for a local stand-in in tests). */
  readonly endpoint: string;
  /** The cluster's CA certificate (PEM). */
  readonly ca?: string;
  /** A fresh bearer token for each request. */
  readonly token: () => Promise<string>;
  readonly namespace: string;
  readonly statefulSet: string;
  /** The synced Secret and its two keys (the allowed keys and the users, as Weaviate reads them). */
  readonly secret: { readonly name: string; readonly keys: string; readonly users: string };
  /** @default 10000 */
  readonly timeoutMs?: number;
}

export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface StatefulSetView {
  metadata?: { generation?: number };
  spec?: { replicas?: number; template?: { metadata?: { annotations?: Record<string, string> } } };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
}

export class KubeRollout implements WeaviateRollout {
  constructor(private readonly options: KubeRolloutOptions) {}

  async syncedRosterDigest(): Promise<string | undefined> {
    const { namespace, secret } = this.options;
    const found = await this.call<{ data?: Record<string, string> }>(
      'GET',
      `/api/v1/namespaces/${namespace}/secrets/${secret.name}`,
      undefined,
      true,
    );
    if (!found) return undefined;
    const field = (key: string) => Buffer.from(found.data?.[key] ?? '', 'base64').toString('utf8');
    return rosterDigest({ keys: field(secret.keys), users: field(secret.users) });
  }

  async state(): Promise<RolloutState> {
    const sts = (await this.call<StatefulSetView>('GET', this.statefulSetPath()))!;
    const wanted = sts.spec?.replicas ?? 1;
    const s = sts.status ?? {};
    const observed = (s.observedGeneration ?? 0) >= (sts.metadata?.generation ?? 0);
    const complete =
      observed &&
      (s.replicas ?? 0) === wanted &&
      (s.updatedReplicas ?? 0) === wanted &&
      (s.readyReplicas ?? 0) === wanted &&
      s.currentRevision !== undefined &&
      s.currentRevision === s.updateRevision;
    return {
      templateDigest: sts.spec?.template?.metadata?.annotations?.[ROSTER_ANNOTATION],
      complete,
      detail: `${s.updatedReplicas ?? 0} of ${wanted} pods updated, ${s.readyReplicas ?? 0} ready${observed ? '' : ', change not yet observed'}`,
    };
  }

  async restart(digest: string): Promise<void> {
    await this.call('PATCH', this.statefulSetPath(), {
      spec: { template: { metadata: { annotations: { [ROSTER_ANNOTATION]: digest } } } },
    });
  }

  private statefulSetPath(): string {
    return `/apis/apps/v1/namespaces/${this.options.namespace}/statefulsets/${this.options.statefulSet}`;
  }

  private async call<T>(
    method: 'GET' | 'PATCH',
    path: string,
    body?: unknown,
    absentIsUndefined = false,
  ): Promise<T | undefined> {
    const url = new URL(path, this.options.endpoint);
    const token = await this.options.token();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          ca: this.options.ca,
          timeout: this.options.timeoutMs ?? 10_000,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(payload !== undefined
              ? {
                  'content-type': 'application/strategic-merge-patch+json',
                  'content-length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        (res) => {
          const chunks = new BoundedChunks(() =>
            req.destroy(
              new KubeApiError(new ResponseTooLargeError(`${method} ${path}`, MAX_RESPONSE_BYTES).message),
            ),
          );
          res.on('data', (c: Buffer) => chunks.add(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: chunks.text() }));
          res.on('error', reject);
        },
      );
      // The socket's idle timeout does not end an answer sent a byte at a time: the deadline bounds the whole call.
      const deadline = setTimeout(
        () => req.destroy(new KubeApiError(`${method} ${path} timed out`)),
        this.options.timeoutMs ?? 10_000,
      );
      req.on('close', () => clearTimeout(deadline));
      req.on('timeout', () => req.destroy(new KubeApiError(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
    if (status === 404 && absentIsUndefined) return undefined;
    if (status < 200 || status >= 300)
      // The body of an error is a Kubernetes Status: its message names the object and the reason, never a value.
      throw new KubeApiError(`${method} ${path}: HTTP ${status} ${statusMessage(text)}`, status);
    return JSON.parse(text) as T;
  }
}

function statusMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return typeof m === 'string' ? m : '';
  } catch {
    return '';
  }
}
