/**
 * Names of the log collector the stack installs (the aws-for-fluent-bit chart): its release, the pods' labels
 * the flow spec selects them by and its service account, shared by the flow spec, the chart's values and the
 * collector's Pod Identity role so they cannot drift apart; and the log groups it writes to.
 */
import type { Blueprint } from '../blueprint/index.js';

export interface LogCollectionNames {
  readonly namespace: string;
  /** The Helm release, and the chart's `fullnameOverride`. */
  readonly release: string;
  readonly serviceAccount: string;
  /** The chart's selector labels (`app.kubernetes.io/name` is the chart's name). */
  readonly labels: Readonly<Record<string, string>>;
  /** Log groups, created encrypted before the collector starts (it never creates one itself). */
  readonly logGroups: {
    /** Every container's standard output and error, except Weaviate's. */
    readonly containers: string;
    /** Weaviate's own logs, in a group of their own. */
    readonly weaviate: string;
    /** The nodes' journal: kubelet, container runtime, the kernel. */
    readonly nodes: string;
  };
}

export function logCollectionNames(bp: Blueprint): LogCollectionNames {
  const prefix = `/vectorfort/${bp.name}`;
  return {
    namespace: bp.logs.collection.namespace,
    release: 'fluent-bit',
    serviceAccount: 'fluent-bit',
    labels: { 'app.kubernetes.io/name': 'aws-for-fluent-bit', 'app.kubernetes.io/instance': 'fluent-bit' },
    logGroups: {
      containers: `${prefix}/containers`,
      weaviate: `${prefix}/weaviate`,
      nodes: `${prefix}/nodes`,
    },
  };
}
