/** The denial claims the AWS network can enforce hold even without the Kubernetes layers. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-010',
  title: 'Internet isolation, exfiltration, metadata and API claims hold at the network layer alone',
  severity: 'medium',
  rationale:
    'NetworkPolicies and mesh policies are one layer; a deleted policy, a disabled policy engine or a host-network pod removes it. The claims the VPC can enforce (routes, security groups, ACLs, the metadata hop limit, the API endpoint settings) should hold without it, so that one mistake does not open a path.',
  remediation:
    'Restore the AWS-side rule on the witness path (hop limit 1, no internet or NAT route for the data tier, no 0.0.0.0/0 rule, private API endpoint) so the claim no longer depends on Kubernetes policies alone.',
  references: ['https://docs.aws.amazon.com/eks/latest/best-practices/network-security.html'],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['5.4.3'] },
  check: specCheck('defense-in-depth'),
});
