/** CIS 5.4.1: when the public endpoint is on, it is restricted to named CIDR ranges. */
import type { Inventory } from '../../inventory/model.js';
import {
  boolOf,
  isAnywhere,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  result,
  show,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-002',
  area: 'eks',
  title: 'EKS public endpoint, when enabled, is restricted to named CIDR ranges',
  severity: 'high',
  rationale:
    "If a public endpoint is needed at all, limiting it to the operators' address ranges removes the API server from internet-wide scanning and credential stuffing. EKS allows 0.0.0.0/0 unless PublicAccessCidrs says otherwise.",
  remediation:
    "Turn the public endpoint off (preferred), or set ResourcesVpcConfig.PublicAccessCidrs to the operators' ranges, never 0.0.0.0/0.",
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    'https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html',
    'CIS Amazon EKS Benchmark v1.8.0, 5.4.1',
  ],
  frameworks: {
    'cis-eks-1.8': ['5.4.1'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const base = 'ResourcesVpcConfig';
      const pub = boolOf(prop(r, `${base}.EndpointPublicAccess`), 'EndpointPublicAccess') ?? true;
      if (pub === false)
        return result(r, 'pass', 'the public endpoint is off', `${base}.EndpointPublicAccess`);
      if (isUnknownValue(pub))
        return result(r, 'unknown', `EndpointPublicAccess: ${pub.reason}`, `${base}.EndpointPublicAccess`);
      const cidrs = listOf(prop(r, `${base}.PublicAccessCidrs`), 'PublicAccessCidrs');
      const path = `${base}.PublicAccessCidrs`;
      if (cidrs === undefined || (Array.isArray(cidrs) && cidrs.length === 0))
        return result(
          r,
          'fail',
          'the public endpoint is on and PublicAccessCidrs is not set: EKS allows 0.0.0.0/0',
          path,
        );
      if (isUnknownValue(cidrs)) return result(r, 'unknown', `PublicAccessCidrs: ${cidrs.reason}`, path);
      const open = cidrs.filter((c) => typeof c === 'string' && isAnywhere(c));
      if (open.length > 0) return result(r, 'fail', `the public endpoint admits ${open.join(', ')}`, path);
      const symbolic = cidrs.filter((c) => typeof c !== 'string');
      if (symbolic.length > 0)
        return result(r, 'unknown', `PublicAccessCidrs contains ${symbolic.map(show).join(', ')}`, path);
      return result(r, 'pass', `the public endpoint is restricted to ${cidrs.join(', ')}`, path);
    });
  },
};
