/** EC2.2: the VPC's default security group allows no traffic. */
import type { Inventory } from '../../inventory/model.js';
import { prop, resourcesOfType, result } from './cfn.js';
import { namesDefaultGroup } from './sg-rules.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-NETWORK-005',
  area: 'network',
  title: 'The VPC default security group is stripped of all rules',
  severity: 'medium',
  rationale:
    "Every VPC's default security group allows all outbound traffic and all traffic between its members. Anything launched without an explicit group (an ENI, an endpoint, a test instance) lands in it and can reach every other member.",
  remediation:
    "Remove the default group's rules at deployment (CDK: restrictDefaultSecurityGroup: true, the default for new VPCs with recommended flags) and never add rules to it.",
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2',
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.2'],
    'nist-csf-2.0': ['PR.IR-01', 'PR.PS-01'],
    'iso-27001-2022': ['A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::VPC').map((vpc) => {
      const added = resourcesOfType(
        inventory,
        'AWS::EC2::SecurityGroupIngress',
        'AWS::EC2::SecurityGroupEgress',
      ).filter((r) => namesDefaultGroup(prop(r, 'GroupId'), vpc));
      if (added.length > 0)
        return result(
          vpc,
          'fail',
          `rules are added to the default security group: ${added.map((r) => r.key).join(', ')}`,
        );
      // CDK's restrictDefaultSecurityGroup (and equivalents) is a custom resource given the default group's id.
      const restrictor = inventory.cfn.find(
        (r) =>
          (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource') &&
          Object.values(r.properties).some((v) => namesDefaultGroup(v, vpc)),
      );
      if (restrictor)
        return result(vpc, 'pass', `${restrictor.key} removes the default security group's rules`);
      return result(
        vpc,
        'fail',
        "nothing removes the default security group's rules: it allows all egress and all traffic among its members",
      );
    });
  },
};
