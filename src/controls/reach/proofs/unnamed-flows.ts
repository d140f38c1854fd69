/** Flows between modelled components that the spec does not name are impossible (default deny). */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-002',
  title: 'No flow between components that the flow spec does not name is possible',
  severity: 'high',
  rationale:
    'Zero trust means default deny: a component may talk only to the peers and ports the spec names. Any other path between modelled components (on the ports the destination listens on) is lateral movement waiting to happen.',
  remediation:
    'Remove the rule on the witness path that admits the flow (an open egress, a broad ipBlock, a security group rule to a whole tier), or add the flow to the spec if it is intended.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    'NIST SP 800-207, section 2.1',
  ],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['4.3.2'] },
  check: specCheck('unnamed'),
});
