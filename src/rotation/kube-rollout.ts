/**
 * The WeaviateRollout port over the Kubernetes API of the EKS cluster. The function's Kubernetes group may do
 * three things, each on one named object (the Role in src/k8s/weaviate/key-rollout-rbac.ts): read the synced
 * roster Secret, read the StatefulSet, and patch the StatefulSet (the pod-template annotation). Plain HTTPS
 * with the cluster's CA: the three calls do not need a Kubernetes client library in the bundle.
 */
import { KubeApi } from './kube-api.js';
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

export { KubeApiError } from './kube-api.js';

/** The fields of a StatefulSet the rotation reads. */
export interface StatefulSetView {
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
  private readonly api: KubeApi;

  constructor(private readonly options: KubeRolloutOptions) {
    this.api = new KubeApi(options);
  }

  async syncedRosterDigest(): Promise<string | undefined> {
    const { namespace, secret } = this.options;
    const synced = await this.api.secretText(namespace, secret.name, [secret.keys, secret.users]);
    if (!synced) return undefined;
    return rosterDigest({ keys: synced[secret.keys]!, users: synced[secret.users]! });
  }

  async state(): Promise<RolloutState> {
    return rolloutStateOf(
      (await this.call<StatefulSetView>('GET', this.statefulSetPath()))!,
      ROSTER_ANNOTATION,
    );
  }

  async restart(digest: string): Promise<void> {
    await this.call('PATCH', this.statefulSetPath(), {
      spec: { template: { metadata: { annotations: { [ROSTER_ANNOTATION]: digest } } } },
    });
  }

  private statefulSetPath(): string {
    return `/apis/apps/v1/namespaces/${this.options.namespace}/statefulsets/${this.options.statefulSet}`;
  }

  private call<T>(
    method: 'GET' | 'PATCH',
    path: string,
    body?: unknown,
    absentIsUndefined = false,
  ): Promise<T | undefined> {
    return this.api.call<T>(method, path, body, absentIsUndefined);
  }
}

/**
 * Where a StatefulSet's roll stands: the value of `annotation` in its pod template, and whether every pod runs
 * the current template and is ready (observedGeneration, replicas, updatedReplicas, readyReplicas, and
 * currentRevision = updateRevision, as `kubectl rollout status` judges it).
 */
export function rolloutStateOf(sts: StatefulSetView, annotation: string): RolloutState {
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
    templateDigest: sts.spec?.template?.metadata?.annotations?.[annotation],
    complete,
    detail: `${s.updatedReplicas ?? 0} of ${wanted} pods updated, ${s.readyReplicas ?? 0} ready${observed ? '' : ', change not yet observed'}`,
  };
}
