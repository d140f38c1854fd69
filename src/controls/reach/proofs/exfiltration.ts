/** The data tier has no path to the internet. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-004',
  title: 'The data tier has no path to the internet (no exfiltration route)',
  severity: 'critical',
  rationale:
    'A compromised Weaviate pod or node that can open connections to the internet can ship vectors and objects out; AWS APIs are reached through VPC endpoints, so the data tier needs no internet path at all.',
  remediation:
    'Remove the internet or NAT route from the data tier route tables and the 0.0.0.0/0 egress named on the witness path; reach AWS services through gateway or interface endpoints.',
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html'],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['5.4.3'] },
  check: specCheck('exfiltration'),
});
