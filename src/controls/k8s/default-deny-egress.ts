/** Every namespace denies all egress by default. */
import type { Inventory } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { defaultDenyResults } from './default-deny.js';

export const control: Control = {
  id: 'VF-K8S-007',
  area: 'k8s',
  title: 'Every namespace has a default-deny Egress NetworkPolicy',
  severity: 'high',
  rationale:
    'Kubernetes allows all traffic to and from a pod that no NetworkPolicy selects; a default-deny policy per namespace turns the allow-list of intended flows into the only paths, limiting exfiltration and command-and-control from a compromised pod, and calls to the instance metadata service.',
  remediation:
    'Add to every namespace a NetworkPolicy with podSelector: {}, policyTypes: [Egress] and no egress rules, then allow each intended flow explicitly.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    'https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html',
  ],
  frameworks: {
    'cis-eks-1.8': ['4.3.2'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['Namespace', 'NetworkPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return defaultDenyResults(inventory, 'Egress');
  },
};
