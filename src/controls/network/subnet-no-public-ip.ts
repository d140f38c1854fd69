/** EC2.15: no subnet assigns public IPv4 addresses on launch, not even the public tier. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from './cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-NETWORK-003',
  area: 'network',
  title: 'Subnets do not assign public IPv4 addresses on launch',
  severity: 'medium',
  rationale:
    'NAT gateways use Elastic IPs and load balancers bring their own addresses, so no subnet needs to hand out public IPs automatically; doing so exposes anything launched there by accident.',
  remediation:
    'Leave MapPublicIpOnLaunch unset or false on every AWS::EC2::Subnet (CDK: mapPublicIpOnLaunch: false).',
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15'],
  frameworks: {
    'aws-fsbp': ['EC2.15'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::Subnet'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::Subnet').map((s) => {
      const path = 'MapPublicIpOnLaunch';
      const maps = boolOf(prop(s, path), path);
      if (maps === undefined) return result(s, 'pass', 'not set: AWS assigns no public IPs by default', path);
      if (isUnknownValue(maps)) return result(s, 'unknown', `MapPublicIpOnLaunch: ${maps.reason}`, path);
      return maps
        ? result(s, 'fail', 'the subnet assigns public IPv4 addresses on launch', path)
        : result(s, 'pass', 'the subnet assigns no public IPs', path);
    });
  },
};
