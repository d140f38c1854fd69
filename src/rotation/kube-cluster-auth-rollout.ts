/**
 * The ClusterAuthRollout port over the Kubernetes API. The rotation function's Kubernetes group may, for this,
 * read the synced Secret `weaviate-cluster-auth`, read and patch the Weaviate StatefulSet, and delete its pods,
 * each by name (the Role in src/k8s/weaviate/key-rollout-rbac.ts).
 */
import {
  CLUSTER_AUTH_ANNOTATION,
  clusterAuthDigest,
  type ClusterAuthRollout,
} from './cluster-auth-rollout.js';
import { KubeApi, KubeApiError, type KubeApiOptions } from './kube-api.js';
import { rolloutStateOf, type StatefulSetView } from './kube-rollout.js';
import type { RolloutState } from './rollout.js';

export interface KubeClusterAuthRolloutOptions extends KubeApiOptions {
  readonly namespace: string;
  readonly statefulSet: string;
  /** The synced Secret and its two keys. */
  readonly secret: { readonly name: string; readonly username: string; readonly password: string };
  /** The StatefulSet's pods by name (`<statefulSet>-0` …), the ones the Role lets the function delete. */
  readonly pods: readonly string[];
}

export class KubeClusterAuthRollout implements ClusterAuthRollout {
  private readonly api: KubeApi;

  constructor(private readonly options: KubeClusterAuthRolloutOptions) {
    this.api = new KubeApi(options);
  }

  async syncedPasswordDigest(): Promise<string | undefined> {
    const { namespace, secret } = this.options;
    const synced = await this.api.secretText(namespace, secret.name, [secret.username, secret.password]);
    if (!synced) return undefined;
    return clusterAuthDigest({ username: synced[secret.username]!, password: synced[secret.password]! });
  }

  async state(): Promise<RolloutState> {
    const sts = await this.api.call<StatefulSetView>('GET', this.statefulSetPath());
    return rolloutStateOf(sts!, CLUSTER_AUTH_ANNOTATION);
  }

  async restartTogether(digest: string): Promise<{ deleted: string[]; failed: string[] }> {
    await this.api.call('PATCH', this.statefulSetPath(), {
      spec: { template: { metadata: { annotations: { [CLUSTER_AUTH_ANNOTATION]: digest } } } },
    });
    // One request per pod, all at once: the pods go down together rather than one after another.
    const results = await Promise.allSettled(
      this.options.pods.map((pod) =>
        this.api.call('DELETE', `/api/v1/namespaces/${this.options.namespace}/pods/${pod}`, undefined, true),
      ),
    );
    const deleted: string[] = [];
    const failed: string[] = [];
    results.forEach((r, i) => {
      const pod = this.options.pods[i]!;
      if (r.status === 'fulfilled') deleted.push(pod);
      else failed.push(`${pod}: ${r.reason instanceof KubeApiError ? r.reason.message : 'request failed'}`);
    });
    return { deleted, failed };
  }

  private statefulSetPath(): string {
    return `/apis/apps/v1/namespaces/${this.options.namespace}/statefulsets/${this.options.statefulSet}`;
  }
}
