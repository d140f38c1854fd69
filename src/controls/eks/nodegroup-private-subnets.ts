/** CIS 5.4.3: node groups run in private subnets (no internet gateway route, no public IPs). */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import { declaredTier, routedTier, subnetsIn, tierTagUndetermined } from '../network/topology.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-009',
  area: 'eks',
  title: 'EKS node groups run in private subnets',
  severity: 'high',
  rationale:
    'Nodes in a subnet routed to an internet gateway get public addresses or can be given them, and every port a security group mistake opens is then on the internet. Private subnets keep nodes reachable only from inside the VPC.',
  remediation:
    'Place the AWS::EKS::Nodegroup in subnets without a 0.0.0.0/0 route to an internet gateway and with MapPublicIpOnLaunch false; use NAT or VPC endpoints for egress.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html',
    'https://docs.aws.amazon.com/eks/latest/best-practices/subnets.html',
    'CIS Amazon EKS Benchmark v1.8.0, 5.4.3',
  ],
  frameworks: {
    'cis-eks-1.8': ['5.4.3'],
    'aws-fsbp': ['EC2.9'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EKS::Nodegroup'],
  since: '0.1.0',
  check(inventory: Inventory, context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Nodegroup').map((r) => {
      const { subnets, unresolved } = subnetsIn(inventory, prop(r, 'Subnets'));
      if (subnets.length === 0 && unresolved.length === 0)
        return result(r, 'unknown', 'the node group names no subnets', 'Subnets');
      const failures: string[] = [];
      const unknowns: string[] = unresolved.map((s) => `subnet ${s} is not in the inventory`);
      for (const s of subnets) {
        const declared = declaredTier(s, context.flowSpec);
        if (declared?.tier === 'public')
          failures.push(`${s.key} is in the ${declared.name} tier (${declared.source})`);
        else if (tierTagUndetermined(s))
          unknowns.push(`${s.key}: a tag that declares its tier is undetermined`);
        const routed = routedTier(inventory, s);
        if (routed.tier === 'public') failures.push(`${s.key} routes to an internet gateway (${routed.why})`);
        else if (isUnknownValue(routed.tier)) unknowns.push(`${s.key}: ${routed.tier.reason}`);
        const mapsPublic = boolOf(prop(s, 'MapPublicIpOnLaunch'), 'MapPublicIpOnLaunch') ?? false;
        if (mapsPublic === true) failures.push(`${s.key} assigns public IPs on launch`);
        else if (isUnknownValue(mapsPublic))
          unknowns.push(`${s.key}: MapPublicIpOnLaunch ${mapsPublic.reason}`);
      }
      if (failures.length > 0) return result(r, 'fail', failures.join('; '), 'Subnets');
      if (unknowns.length > 0) return result(r, 'unknown', unknowns.join('; '), 'Subnets');
      return result(r, 'pass', `all ${subnets.length} subnets are private`, 'Subnets');
    });
  },
};
