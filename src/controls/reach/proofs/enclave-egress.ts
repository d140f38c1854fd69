/** In an enclave, the only internet destination is the control plane, over IPv6; there is no IPv4 egress. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-031',
  title: 'The enclave reaches the control plane and nothing else on the internet, over IPv4 or IPv6',
  severity: 'critical',
  rationale:
    "An enclave holds the tenant's data in the tenant's account; any egress beyond the control plane channel (another IPv6 address, an IPv4 path through NAT or an internet gateway) is a way to carry that data out.",
  remediation:
    "Limit IPv6 security group egress and network ACL entries to the control plane's ranges, and remove NAT gateways, internet gateway routes and 0.0.0.0/0 egress named on the witness path.",
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html',
  ],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['5.4.3'] },
  check: specCheck('enclave-egress'),
});
