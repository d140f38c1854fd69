/** The Kubernetes API is reachable only from inside the VPC and the VPN. */
import { NETWORK_FRAMEWORKS, proofControl, specCheck } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-007',
  title: 'The EKS API is not reachable from outside the VPC and the VPN range',
  severity: 'critical',
  rationale:
    'A public Kubernetes API endpoint is exposed to credential stuffing and to vulnerabilities in the API server before any authorization takes place.',
  remediation:
    'Set EndpointPublicAccess false (private endpoint only) and reach the API over the Client VPN or site-to-site VPN; if public access is unavoidable, restrict PublicAccessCidrs.',
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
  frameworks: { ...NETWORK_FRAMEWORKS, 'cis-eks-1.8': ['5.4.1', '5.4.2'], 'aws-fsbp': ['EKS.1'] },
  check: specCheck('api-access'),
});
