/** Weaviate replicas are spread across availability zones with a hard topology spread constraint. */
import { isPlainObject } from '../../inventory/values.js';
import { selects } from '../k8s/selectors.js';
import { weaviateControl } from './control.js';

const ZONE_KEY = 'topology.kubernetes.io/zone';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-006',
  title: 'Weaviate replicas are spread across zones',
  severity: 'medium',
  rationale:
    'Replicas packed into one availability zone are lost together with it, taking the Raft quorum and every copy of the data; only a DoNotSchedule constraint guarantees the spread.',
  remediation: `Add a topologySpreadConstraint with topologyKey ${ZONE_KEY}, maxSkew 1, whenUnsatisfiable DoNotSchedule and a labelSelector matching the Weaviate pods.`,
  frameworks: { 'nist-csf-2.0': ['PR.IR-03'], 'iso-27001-2022': ['A.8.14'], soc2: ['A1.2'] },
  references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
  evaluate(c) {
    const constraints = c.pod.spec.topologySpreadConstraints;
    if (constraints !== undefined && !Array.isArray(constraints))
      return ['unknown', 'topologySpreadConstraints is not a list'];
    const zone = (constraints ?? []).filter((t) => isPlainObject(t) && t.topologyKey === ZONE_KEY);
    if (zone.length === 0) return ['fail', `no topologySpreadConstraint on ${ZONE_KEY}`];
    let soft = false;
    for (const t of zone) {
      if (!isPlainObject(t)) continue;
      const matches = selects(t.labelSelector, c.pod.labels);
      if (t.labelSelector === undefined || t.labelSelector === null || matches === false) continue;
      if (matches === undefined) return ['unknown', 'the zone constraint labelSelector cannot be read'];
      if ((t.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule')
        return ['pass', `spread on ${ZONE_KEY} with maxSkew ${String(t.maxSkew)}`];
      soft = true;
    }
    return [
      'fail',
      soft
        ? `the ${ZONE_KEY} constraint is ScheduleAnyway: replicas may still share a zone`
        : `the ${ZONE_KEY} constraint's labelSelector does not select the Weaviate pods`,
    ];
  },
});
