/** The database namespace denies every request not allowed explicitly (an ALLOW policy with no rules). */
import type { Inventory } from '../../inventory/model.js';
import { asList, namespaceResult } from '../k8s/objects.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import {
  databaseNamespaces,
  ISTIO_REFERENCES,
  isNamespaceWide,
  istioObjects,
  ROOT_NAMESPACE,
  spec,
} from './istio.js';

export const control: Control = {
  id: 'VF-MESH-003',
  area: 'mesh',
  title: 'A default-deny AuthorizationPolicy covers the database namespace',
  severity: 'high',
  rationale:
    'Istio allows every request to a workload that no ALLOW policy selects; a namespace-wide ALLOW policy without rules turns the namespace into allow-list only, so a missing rule fails closed.',
  remediation:
    'Apply an AuthorizationPolicy with an empty spec ({}) in the database namespace (or mesh-wide in istio-system), then allow each caller explicitly.',
  references: [
    ...ISTIO_REFERENCES,
    'https://istio.io/latest/docs/ops/best-practices/security/#use-default-deny-patterns',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05', 'PR.IR-01'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  appliesTo: ['AuthorizationPolicy', 'Namespace'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const policies = istioObjects(inventory, 'AuthorizationPolicy');
    return databaseNamespaces(inventory).map((name) => {
      const ns = inventory.k8s.find((o) => o.kind === 'Namespace' && o.name === name);
      const deny = policies.find((p) => {
        const s = spec(p);
        return (
          (p.namespace === name || p.namespace === ROOT_NAMESPACE) &&
          isNamespaceWide(p) &&
          (s.action ?? 'ALLOW') === 'ALLOW' &&
          asList(s.rules).length === 0 &&
          s.provider === undefined
        );
      });
      return deny
        ? namespaceResult(
            name,
            ns,
            'pass',
            `AuthorizationPolicy ${deny.namespace}/${deny.name} denies by default`,
          )
        : namespaceResult(name, ns, 'fail', `no default-deny AuthorizationPolicy covers namespace ${name}`);
    });
  },
};
