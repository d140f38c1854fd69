/** A PodDisruptionBudget keeps a Raft quorum of Weaviate pods through voluntary disruptions. */
import type { K8sObject } from '../../inventory/model.js';
import { selects } from '../k8s/selectors.js';
import { weaviateControl } from './control.js';
import { replicaCount } from './replicas.js';

/** Pods the budget guarantees, from minAvailable or maxUnavailable (percentages round up, as Kubernetes does). */
function guaranteed(pdb: K8sObject, replicas: number): number | undefined {
  const spec = pdb.object.spec as Record<string, unknown> | undefined;
  const scaled = (v: unknown): number | undefined =>
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\d+%$/.test(v)
        ? Math.ceil((replicas * Number(v.slice(0, -1))) / 100)
        : undefined;
  if (spec?.minAvailable !== undefined) return scaled(spec.minAvailable);
  if (spec?.maxUnavailable !== undefined) {
    const max = scaled(spec.maxUnavailable);
    return max === undefined ? undefined : replicas - max;
  }
  return undefined;
}

export const control = weaviateControl({
  id: 'VF-WEAVIATE-007',
  title: 'A PodDisruptionBudget protects the Weaviate quorum',
  severity: 'medium',
  rationale:
    'Node drains and upgrades evict pods in parallel; without a budget that keeps a majority running, a routine maintenance can stop the Raft quorum and make the database unavailable.',
  remediation:
    'Add a policy/v1 PodDisruptionBudget in the same namespace whose selector matches the Weaviate pods, with maxUnavailable: 1 (or minAvailable equal to the quorum).',
  frameworks: { 'nist-csf-2.0': ['PR.IR-03'], 'iso-27001-2022': ['A.8.14'], soc2: ['A1.2'] },
  references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
  evaluate(c, inventory) {
    const budgets = inventory.k8s.filter(
      (o) => o.kind === 'PodDisruptionBudget' && o.namespace === c.pod.namespace,
    );
    const matching = budgets.filter((b) => {
      const selector = (b.object.spec as Record<string, unknown> | undefined)?.selector;
      return selector !== undefined && selects(selector, c.pod.labels) === true;
    });
    if (matching.length === 0)
      return ['fail', `no PodDisruptionBudget in ${c.pod.namespace} selects the Weaviate pods`];
    const replicas = replicaCount(c.pod);
    if (replicas === undefined) return ['unknown', 'the replica count is not known'];
    const quorum = Math.floor(replicas / 2) + 1;
    for (const b of matching) {
      const kept = guaranteed(b, replicas);
      if (kept !== undefined && kept >= quorum)
        return ['pass', `PodDisruptionBudget ${b.name} keeps ${kept} of ${replicas}`];
    }
    return [
      'fail',
      `PodDisruptionBudget ${matching.map((b) => b.name).join(', ')} does not keep a quorum of ${quorum} of ${replicas} pods`,
    ];
  },
});
