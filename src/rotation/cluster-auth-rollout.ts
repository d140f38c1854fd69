/**
 * How the rotation makes Weaviate use a new cluster password, as a port (the Kubernetes adapter is
 * kube-cluster-auth-rollout.ts).
 *
 * Weaviate reads CLUSTER_BASIC_AUTH_USERNAME/PASSWORD from its environment once, at start, and its data port
 * accepts exactly that one pair (adapters/handlers/rest/clusterapi/auth.go; the internal gRPC server the same):
 * a pod started with the new password and one still running with the old refuse each other's replication,
 * query fan-out and schema calls. So the pods must change password together: once the synced Kubernetes Secret
 * holds the new password, the rotation names its digest in the StatefulSet's pod template (any pod the
 * controller creates from then on is on the new revision) and deletes every pod at once; with the `Parallel`
 * pod management policy the StatefulSet recreates them together, each reading the new password at start.
 */
import { createHash } from 'node:crypto';
import type { RolloutState } from './rollout.js';

/** The pod-template annotation that names the cluster password the pods were started with. */
export const CLUSTER_AUTH_ANNOTATION = 'vectorfort.dev/cluster-auth';

export interface ClusterAuthRollout {
  /** The digest of the pair in the synced Kubernetes Secret; undefined when that Secret does not exist. */
  syncedPasswordDigest(): Promise<string | undefined>;
  /** The StatefulSet's roll, with the digest its pod template names. */
  state(): Promise<RolloutState>;
  /**
   * Names `digest` in the pod template, then deletes every pod so the StatefulSet recreates them together.
   * Returns the pods it deleted and those whose deletion failed (the controller replaces those itself, as a
   * rolling update of the new template).
   */
  restartTogether(digest: string): Promise<{ readonly deleted: string[]; readonly failed: string[] }>;
}

/** The digest that stands for a username and password: SHA-256, which reveals nothing of a 48-character password. */
export function clusterAuthDigest(pair: { readonly username: string; readonly password: string }): string {
  return createHash('sha256').update(pair.username).update('\n').update(pair.password).digest('hex');
}
