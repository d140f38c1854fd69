/** Every intended flow of the spec is possible: a broken application is a failure too. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-001',
  title: 'Every intended flow of the flow spec is possible',
  severity: 'high',
  rationale:
    'The flow spec lists the communications the system needs. A security group, network ACL, route, NetworkPolicy or mesh policy that blocks one of them breaks the application (backups stop, nodes cannot join, clients are refused) and tempts operators into hand-made exceptions.',
  remediation:
    'Follow the blocking rule named in the finding and generate the missing rule from the flow spec (never by hand); if the flow is no longer needed, remove it from the spec.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  ],
  frameworks: { ...NETWORK_FRAMEWORKS, 'nist-csf-2.0': ['PR.IR-01', 'PR.PS-01'] },
  check: specCheck('intended'),
});
