/** Pods in other namespaces cannot reach Weaviate. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-006',
  title: 'Pods in other namespaces cannot reach Weaviate',
  severity: 'high',
  rationale:
    'Any workload in the cluster (a compromised add-on, a debugging pod) that reaches Weaviate directly bypasses the ingress gateway and its authorization policy.',
  remediation:
    'Keep a default-deny ingress NetworkPolicy in the Weaviate namespace and peers that pair a namespaceSelector with a podSelector in the same entry.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
  ],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['4.3.2', '5.4.4'] },
  check: specCheck('namespace-isolation'),
});
