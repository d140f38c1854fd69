/** The database namespace denies every request not allowed explicitly (an ALLOW policy with no rules). */
import type { Inventory, K8sObject } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { asList, asObj, namespaceResult } from '../k8s/objects.js';
import { allOf, type Maybe } from '../maybe.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import {
  databaseNamespaces,
  ISTIO_REFERENCES,
  isNamespaceWide,
  istioObjects,
  ROOT_NAMESPACE,
  spec,
  undeterminedSpec,
} from './istio.js';

/** Whether a policy is a namespace-wide ALLOW without rules or provider, which matches nothing. */
function deniesByDefault(p: K8sObject): Maybe {
  if (isSymbolic(p.object.spec)) return 'maybe';
  const s = spec(p);
  const selector = asObj(s.selector);
  const wide: Maybe = isNamespaceWide(p)
    ? 'yes'
    : isSymbolic(s.selector) || isSymbolic(selector?.matchLabels)
      ? 'maybe'
      : 'no';
  const is = (v: unknown, test: (v: unknown) => boolean): Maybe =>
    isSymbolic(v) ? 'maybe' : test(v) ? 'yes' : 'no';
  return allOf(
    wide,
    is(s.action, (a) => (a ?? 'ALLOW') === 'ALLOW'),
    is(s.rules, (r) => asList(r).length === 0),
    is(s.provider, (v) => v === undefined),
  );
}

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
      const covering = policies.filter((p) => p.namespace === name || p.namespace === ROOT_NAMESPACE);
      const deny = covering.find((p) => deniesByDefault(p) === 'yes');
      if (deny)
        return namespaceResult(
          name,
          ns,
          'pass',
          `AuthorizationPolicy ${deny.namespace}/${deny.name} denies by default`,
        );
      const possible = covering.find((p) => deniesByDefault(p) === 'maybe');
      if (possible)
        return namespaceResult(
          name,
          ns,
          'unknown',
          `AuthorizationPolicy ${possible.namespace}/${possible.name} may deny by default: its ${undeterminedSpec(possible)} is undetermined`,
        );
      return namespaceResult(
        name,
        ns,
        'fail',
        `no default-deny AuthorizationPolicy covers namespace ${name}`,
      );
    });
  },
};
