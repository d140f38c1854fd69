/** Pods cannot reach the instance metadata service. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-005',
  title: 'Pods cannot reach the instance metadata service (169.254.169.254)',
  severity: 'high',
  rationale:
    "A pod that reaches the node's metadata service obtains the node role's credentials, which can pull every image, describe the cluster and more; pods get their own credentials from Pod Identity instead.",
  remediation:
    'Keep HttpPutResponseHopLimit at 1 in the node launch templates, avoid hostNetwork, and keep an egress NetworkPolicy that excludes 169.254.169.254/32.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node',
  ],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['4.3.2'] },
  check: specCheck('instance-metadata'),
});
