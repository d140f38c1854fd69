/** EC2.10 / EC2.55 / EC2.56: VPCs hosting private EKS nodes have the endpoints the nodes need. */
import type { Inventory } from '../../inventory/model.js';
import { certain, resourcesOfType, result } from './cfn.js';
import { eksVpcs, endpointService, endpointsIn, endpointType } from './endpoints.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** Interface endpoints a node without internet egress needs to join the cluster, pull images and ship logs. */
export const NODE_INTERFACE_ENDPOINTS = ['ecr.api', 'ecr.dkr', 'sts', 'logs', 'ec2'] as const;

export const control: Control = {
  id: 'VF-NETWORK-010',
  area: 'network',
  title: 'VPCs hosting EKS have the endpoints private nodes need (ECR, STS, logs, EC2, S3)',
  severity: 'medium',
  rationale:
    'Private nodes pull images from ECR (API, registry and S3 layers), obtain credentials from STS, ship logs to CloudWatch and call EC2 for networking. Without VPC endpoints that traffic needs a NAT path to the internet, widening egress; in isolated subnets the nodes cannot work at all. With Pod Identity, eks-auth is needed as well.',
  remediation:
    "Add AWS::EC2::VPCEndpoint resources of type Interface for ecr.api, ecr.dkr, sts, logs and ec2 (plus eks-auth with Pod Identity) in the node subnets' VPC, and a Gateway endpoint for s3 on the node route tables.",
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-55',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.10', 'EC2.55', 'EC2.56'],
    'cis-eks-1.8': ['5.4.3'],
    'nist-csf-2.0': ['PR.IR-01', 'PR.DS-02'],
    'iso-27001-2022': ['A.8.21', 'A.8.22'],
    soc2: ['CC6.6', 'CC6.7'],
  },
  appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::VPCEndpoint'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const eks = eksVpcs(inventory);
    const podIdentity = resourcesOfType(inventory, 'AWS::EKS::Addon').some(
      (a) => a.properties.AddonName === 'eks-pod-identity-agent',
    );
    return resourcesOfType(inventory, 'AWS::EC2::VPC').map((vpc) => {
      const hosted = eks.get(vpc.key);
      if (!hosted) return result(vpc, 'not-applicable', 'no EKS cluster or node group in this VPC');
      const all = endpointsIn(inventory, vpc);
      // Endpoints whose Condition cannot be evaluated may not exist: they cannot make a required one present.
      const endpoints = all.filter(certain);
      const iface = new Set(endpoints.filter((e) => endpointType(e) === 'Interface').map(endpointService));
      const any = new Set(endpoints.map(endpointService));
      const required = [...NODE_INTERFACE_ENDPOINTS, ...(podIdentity ? ['eks-auth'] : [])];
      const missing = required.filter((s) => !iface.has(s));
      if (!any.has('s3')) missing.push('s3 (gateway or interface)');
      const undetermined = all
        .filter((e) => !certain(e) || endpointService(e) === undefined)
        .map((e) => e.key);
      if (missing.length > 0 && undetermined.length > 0)
        return result(
          vpc,
          'unknown',
          `missing ${missing.join(', ')} unless one of ${undetermined.join(', ')} serves it (service or Condition undetermined)`,
        );
      if (missing.length > 0)
        return result(
          vpc,
          'fail',
          `no VPC endpoint for ${missing.join(', ')} (EKS in ${hosted.hosts.join(', ')})`,
        );
      return result(vpc, 'pass', `endpoints for ${[...required, 's3'].join(', ')} are present`);
    });
  },
};
