/** Nothing on the internet reaches the private tiers, or Weaviate except through WAF and the load balancer. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-003',
  title:
    'The internet reaches no data, endpoint or monitoring resource and Weaviate only through the load balancer',
  severity: 'critical',
  rationale:
    'Weaviate, its nodes, the interface endpoints and monitoring hold or expose data; a direct path from the internet bypasses WAF, TLS termination and authentication at the edge.',
  remediation:
    'Remove the internet route, public address, 0.0.0.0/0 rule or internet-facing Service named on the witness path; expose Weaviate only through the WAF-protected load balancer.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html'],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['5.4.3'], 'aws-fsbp': ['EC2.18', 'EC2.19'] },
  check: specCheck('internet-isolation'),
});
