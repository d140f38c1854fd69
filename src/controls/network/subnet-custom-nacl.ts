/** Every subnet has its own network ACL instead of the VPC default (which allows everything). */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, passIfCertain, related, resourcesOfType, result } from './cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-NETWORK-009',
  area: 'network',
  title: 'Every subnet is associated with a dedicated network ACL',
  severity: 'medium',
  rationale:
    "A subnet without an explicit association uses the VPC's default network ACL, which allows all inbound and outbound traffic; the subnet then has no stateless backstop behind its security groups.",
  remediation:
    "Create an AWS::EC2::NetworkAcl per tier with entries for the tier's flows and associate each subnet with it (AWS::EC2::SubnetNetworkAclAssociation).",
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/network-acls.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.22', 'A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::Subnet', 'AWS::EC2::SubnetNetworkAclAssociation'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::Subnet').map((s) => {
      let undetermined: string | undefined;
      for (const [a, same] of related(inventory, 'AWS::EC2::SubnetNetworkAclAssociation', 'SubnetId', s)) {
        if (same === true) return passIfCertain(s, a, `${a.key} associates a dedicated network ACL`);
        if (isUnknownValue(same)) undetermined = `${a.key}: ${same.reason}`;
      }
      if (undetermined) return result(s, 'unknown', undetermined);
      return result(s, 'fail', 'no network ACL association: the VPC default ACL (allow all) applies');
    });
  },
};
