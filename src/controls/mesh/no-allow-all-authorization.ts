/** No AuthorizationPolicy allows every request: an ALLOW rule that is empty, or has no from, to or when. */
import type { Inventory } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { asList, asObj, objectResult } from '../k8s/objects.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { ISTIO_REFERENCES, istioObjects, spec, undeterminedSpec } from './istio.js';

export const control: Control = {
  id: 'VF-MESH-002',
  area: 'mesh',
  title: 'No Istio AuthorizationPolicy allows all requests',
  severity: 'high',
  rationale:
    'An ALLOW policy with an empty rule matches every request from every source; it silently overrides the default deny and every narrower rule for the workloads it selects.',
  remediation:
    'Give every ALLOW rule a from (principals or namespaces), a to (ports, methods, paths) or a when condition; delete rules: [{}].',
  references: [
    ...ISTIO_REFERENCES,
    'https://istio.io/latest/docs/reference/config/security/authorization-policy/',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05', 'PR.IR-01'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  appliesTo: ['AuthorizationPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return istioObjects(inventory, 'AuthorizationPolicy').map((ap) => {
      const s = spec(ap);
      const action = s.action ?? 'ALLOW';
      if (!isSymbolic(action) && action !== 'ALLOW')
        return objectResult(ap, 'pass', `action ${String(action)}`);
      const rules = asList(s.rules);
      if (!isSymbolic(action))
        for (const [i, r] of rules.entries()) {
          const rule = asObj(r);
          // A list the input leaves open is not known to be empty; it makes the result unknown below.
          const empty = (k: string) => !isSymbolic(rule?.[k]) && asList(rule?.[k]).length === 0;
          if (!isSymbolic(r) && (!rule || (empty('from') && empty('to') && empty('when'))))
            return objectResult(ap, 'fail', `rules[${i}] has no from, to or when: it allows every request`);
        }
      const open = undeterminedSpec(ap);
      if (open)
        return objectResult(ap, 'unknown', `${open} is undetermined: the policy may allow every request`);
      return objectResult(
        ap,
        'pass',
        rules.length === 0 ? 'ALLOW without rules matches nothing' : 'every rule constrains the request',
      );
    });
  },
};
