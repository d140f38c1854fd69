/** Only the public tier may map public IPv4 addresses on launch. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from './cfn.js';
import { declaredTier, routedTier } from './topology.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-NETWORK-002',
  area: 'network',
  title: 'No subnet outside the public tier assigns public IP addresses',
  severity: 'high',
  rationale:
    'A private or isolated subnet that maps public IPs puts every instance and node launched there one route change away from the internet, and makes the tier boundary a matter of routing alone.',
  remediation:
    'Set MapPublicIpOnLaunch to false (the default) on every AWS::EC2::Subnet that is not in the public tier.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.15'],
    'cis-eks-1.8': ['5.4.3'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.22'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::Subnet'],
  since: '0.1.0',
  check(inventory: Inventory, context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::Subnet').map((s) => {
      const path = 'MapPublicIpOnLaunch';
      const maps = boolOf(prop(s, path), path) ?? false;
      if (maps === false) return result(s, 'pass', 'the subnet assigns no public IPs', path);
      if (isUnknownValue(maps)) return result(s, 'unknown', `MapPublicIpOnLaunch: ${maps.reason}`, path);
      const declared = declaredTier(s, context.flowSpec);
      const tier = declared?.tier ?? routedTier(inventory, s).tier;
      if (tier === 'public') return result(s, 'pass', 'public IPs are assigned, in the public tier', path);
      if (isUnknownValue(tier))
        return result(
          s,
          'unknown',
          `public IPs are assigned and the tier is undetermined: ${tier.reason}`,
          path,
        );
      return result(
        s,
        'fail',
        `public IPs are assigned in a ${declared ? `${declared.name} (${declared.source})` : tier} subnet`,
        path,
      );
    });
  },
};
