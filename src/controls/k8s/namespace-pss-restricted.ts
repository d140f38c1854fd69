/** Every namespace enforces the restricted Pod Security Standard at admission. */
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { labelUndetermined, namespaceResult, namespacesInScope } from './objects.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

export const control: Control = {
  id: 'VF-K8S-012',
  area: 'k8s',
  title: 'Namespaces enforce the restricted Pod Security Standard',
  severity: 'high',
  rationale:
    'Pod Security Admission only rejects non-compliant pods in namespaces labelled to enforce a level; without the label (privileged by default) a later change or an attacker with create-pod rights can run privileged pods.',
  remediation: `Label every namespace ${ENFORCE}: restricted (and ${ENFORCE}-version: latest or a pinned version).`,
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/'],
  frameworks: {
    'cis-eks-1.8': ['4.2.1', '4.2.5'],
    'nist-csf-2.0': ['PR.PS-01'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC6.8'],
  },
  appliesTo: ['Namespace'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return [...namespacesInScope(inventory)].map(([name, ns]) => {
      if (!ns)
        return namespaceResult(
          name,
          ns,
          'unknown',
          `workloads use namespace ${name}, whose Namespace object is not in the input`,
        );
      const level = ns.labels[ENFORCE];
      if (level === 'restricted') return namespaceResult(name, ns, 'pass', `${ENFORCE}=restricted`);
      if (labelUndetermined(ns, ENFORCE))
        return namespaceResult(name, ns, 'unknown', `the ${ENFORCE} label is undetermined`);
      return namespaceResult(
        name,
        ns,
        'fail',
        level === undefined ? `no ${ENFORCE} label: pods are admitted as privileged` : `${ENFORCE}=${level}`,
      );
    });
  },
};
