/** In an enclave, nothing on the IPv6 internet reaches any tier: the egress-only gateway admits no inbound connection. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-030',
  title: 'The IPv6 internet reaches nothing in the enclave',
  severity: 'critical',
  rationale:
    'Hosts with global IPv6 addresses are addressable from anywhere; only an egress-only internet gateway (no internet gateway route for IPv6) and the absence of IPv6 ingress rules keep the enclave closed to connections from outside.',
  remediation:
    'Route ::/0 to an egress-only internet gateway, never to an internet gateway, and remove the IPv6 ingress rule or network ACL entry named on the witness path.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html'],
  frameworks: { ...NETWORK_FRAMEWORKS, 'aws-fsbp': ['EC2.18', 'EC2.19'] },
  check: specCheck('ipv6-internet-isolation'),
});
