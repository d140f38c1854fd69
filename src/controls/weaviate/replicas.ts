/** Weaviate runs at least three replicas, the smallest Raft quorum that survives losing one. */
import { getPath } from '../../inventory/values.js';
import type { PodTemplate } from '../../inventory/model.js';
import { weaviateControl } from './control.js';

export const MIN_REPLICAS = 3;

/** The replica count a workload declares: `spec.replicas` (default 1), 1 for a bare Pod; undefined when unknown. */
export function replicaCount(pod: PodTemplate): number | undefined {
  const kind = pod.owner.kind;
  if (kind === 'Pod') return 1;
  if (!['StatefulSet', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(kind)) return undefined;
  const value = getPath(pod.owner.object as never, 'spec.replicas');
  if (value === undefined || value === null) return 1;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export const control = weaviateControl({
  id: 'VF-WEAVIATE-005',
  title: 'Weaviate runs at least three replicas',
  severity: 'high',
  rationale:
    'Weaviate keeps its schema in Raft; with fewer than three voters the loss of one node stops writes, and a single replica means any restart is an outage.',
  remediation:
    'Set spec.replicas to 3 or more on the Weaviate StatefulSet (and a replication factor of 3 on collections).',
  frameworks: { 'nist-csf-2.0': ['PR.IR-03'], 'iso-27001-2022': ['A.8.14'], soc2: ['A1.1', 'A1.2'] },
  references: ['https://docs.weaviate.io/deploy/configuration/replication'],
  evaluate(c) {
    const n = replicaCount(c.pod);
    if (n === undefined)
      return ['unknown', `the replica count of ${c.pod.owner.kind} ${c.pod.owner.name} is not known`];
    return n >= MIN_REPLICAS
      ? ['pass', `${n} replicas`]
      : ['fail', `${n} replica(s); at least ${MIN_REPLICAS} are needed`];
  },
});
