/** No LoadBalancer or NodePort Service selects the database pods. */
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { asObj, isDatabasePod, objectResult } from './objects.js';
import { selects } from './selectors.js';

export const control: Control = {
  id: 'VF-K8S-011',
  area: 'k8s',
  title: 'The database is not exposed through a LoadBalancer or NodePort Service',
  severity: 'critical',
  rationale:
    'A LoadBalancer or NodePort Service publishes the database outside the cluster network, bypassing the edge (WAF, TLS, authentication at the load balancer) and NetworkPolicy-aware paths.',
  remediation:
    'Make Services that select the database ClusterIP (or headless); expose it only through the intended ingress path.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.IR-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['Service'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const databases = inventory.pods.filter(isDatabasePod);
    const results: ControlResult[] = [];
    for (const svc of inventory.k8s.filter((o) => o.kind === 'Service' && o.apiVersion === 'v1')) {
      const spec = asObj(svc.object.spec) ?? {};
      const selector = spec.selector;
      // Without a selector (or with an empty one) Kubernetes creates no endpoints: they are managed elsewhere.
      if (selector === undefined || selector === null) continue;
      if (asObj(selector) && Object.keys(asObj(selector)!).length === 0) continue;
      const hits = databases.filter(
        (pod) =>
          pod.namespace === svc.namespace &&
          (asObj(selector) ? selects({ matchLabels: selector }, pod.labels) !== false : true),
      );
      if (hits.length === 0) continue;
      const type = spec.type ?? 'ClusterIP';
      const names = hits.map((p) => p.owner.name).join(', ');
      if (type === 'LoadBalancer' || type === 'NodePort')
        results.push(objectResult(svc, 'fail', `type ${String(type)} exposes database workload ${names}`));
      else if (typeof type !== 'string')
        results.push(objectResult(svc, 'unknown', 'the Service type is not known'));
      else results.push(objectResult(svc, 'pass', `type ${type} for database workload ${names}`));
    }
    return results;
  },
};
