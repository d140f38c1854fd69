/**
 * How the rotation makes Weaviate read a new roster, as a port (the Kubernetes adapter is kube-rollout.ts).
 *
 * Weaviate reads its API keys from its environment once, when it starts; the environment comes from the
 * Kubernetes Secret the Secrets Store CSI driver keeps in sync with the roster. So a roster reaches every pod
 * only through a restart that begins after the synced Secret holds it: the rotation names the roster's digest
 * in an annotation of the StatefulSet's pod template (the StatefulSet then replaces its pods one at a time), and
 * it counts the roster as running once every pod runs that template and is ready.
 */
import { createHash } from 'node:crypto';
import type { Roster } from './key-versions.js';

/** The pod-template annotation that names the roster the pods were started with. */
export const ROSTER_ANNOTATION = 'vectorfort.dev/api-key-roster';

export interface RolloutState {
  /** The roster digest the pod template names; undefined before the first restart by the rotation. */
  readonly templateDigest?: string;
  /** Every pod of the StatefulSet runs its current template and is ready. */
  readonly complete: boolean;
  /** What the StatefulSet reports (replicas updated and ready), for the log and the error message. */
  readonly detail: string;
}

export interface WeaviateRollout {
  /** The digest of the roster in the synced Kubernetes Secret; undefined when that Secret does not exist. */
  syncedRosterDigest(): Promise<string | undefined>;
  state(): Promise<RolloutState>;
  /** Names `digest` in the pod template, which starts a rolling restart. */
  restart(digest: string): Promise<void>;
}

/**
 * The digest that stands for a roster in the annotation: SHA-256 of the keys and users exactly as the synced
 * Secret holds them. The keys are 48 random letters and digits each, so the digest reveals nothing of them.
 */
export function rosterDigest(roster: Roster): string {
  return createHash('sha256').update(roster.keys).update('\n').update(roster.users).digest('hex');
}
