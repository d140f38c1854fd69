/** EKS.1 / CIS 5.4.2: the API server endpoint is private only. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-001',
  area: 'eks',
  title: 'EKS cluster endpoint is private: public access off, private access on',
  severity: 'high',
  rationale:
    'A public API server endpoint exposes the Kubernetes API (and every credential or CVE it accepts) to the whole internet. With public access off and private access on, the API is reachable only from inside the VPC and its connected networks (VPN, peering).',
  remediation:
    'Set ResourcesVpcConfig.EndpointPublicAccess to false and EndpointPrivateAccess to true on the AWS::EKS::Cluster (CDK: endpointAccess: EndpointAccess.PRIVATE); reach the API through a VPN or a bastion in the VPC.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1',
    'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    'CIS Amazon EKS Benchmark v1.8.0, 5.4.2',
  ],
  frameworks: {
    'aws-fsbp': ['EKS.1'],
    'cis-eks-1.8': ['5.4.2'],
    'nist-csf-2.0': ['PR.IR-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const path = 'ResourcesVpcConfig';
      // AWS defaults: public access on, private access off.
      const pub = boolOf(prop(r, `${path}.EndpointPublicAccess`), 'EndpointPublicAccess') ?? true;
      const priv = boolOf(prop(r, `${path}.EndpointPrivateAccess`), 'EndpointPrivateAccess') ?? false;
      if (pub === true)
        return result(
          r,
          'fail',
          prop(r, `${path}.EndpointPublicAccess`) === undefined
            ? 'EndpointPublicAccess is not set: EKS makes the endpoint public by default'
            : 'EndpointPublicAccess is true: the API server is reachable from the internet',
          `${path}.EndpointPublicAccess`,
        );
      if (isUnknownValue(pub))
        return result(r, 'unknown', `EndpointPublicAccess: ${pub.reason}`, `${path}.EndpointPublicAccess`);
      if (priv === false)
        return result(
          r,
          'fail',
          'EndpointPrivateAccess is off (the default): nodes and operators reach the API through the public endpoint path',
          `${path}.EndpointPrivateAccess`,
        );
      if (isUnknownValue(priv))
        return result(r, 'unknown', `EndpointPrivateAccess: ${priv.reason}`, `${path}.EndpointPrivateAccess`);
      return result(r, 'pass', 'the endpoint is private: public access off, private access on', path);
    });
  },
};
