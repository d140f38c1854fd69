/** EC2.2: the VPC's default security group allows no traffic. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isUnknown, ResourceRef } from '../../inventory/values.js';
import { passIfCertain, prop, resourcesOfType, result } from './cfn.js';
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
    // One pass over the rules and custom resources, keyed by the VPC whose default group they name.
    const added = new Map<string, CfnResource[]>();
    // Rules and custom resources that name a group the input does not determine: it may be the default group.
    const addedToAnyGroup: CfnResource[] = [];
    const mayRestrict: CfnResource[] = [];
    for (const r of resourcesOfType(
      inventory,
      'AWS::EC2::SecurityGroupIngress',
      'AWS::EC2::SecurityGroupEgress',
    )) {
      const group = prop(r, 'GroupId');
      if (group instanceof ResourceRef && group.attribute === 'DefaultSecurityGroup')
        added.set(group.target, [...(added.get(group.target) ?? []), r]);
      else if (isUnknown(group)) addedToAnyGroup.push(r);
    }
    // CDK's restrictDefaultSecurityGroup (and equivalents) is a custom resource given the default group's id.
    const restrictors = new Map<string, CfnResource>();
    for (const r of inventory.cfn) {
      if (!r.type.startsWith('Custom::') && r.type !== 'AWS::CloudFormation::CustomResource') continue;
      for (const v of Object.values(r.properties))
        if (v instanceof ResourceRef && v.attribute === 'DefaultSecurityGroup' && !restrictors.has(v.target))
          restrictors.set(v.target, r);
      if (Object.values(r.properties).some(isUnknown)) mayRestrict.push(r);
    }
    return resourcesOfType(inventory, 'AWS::EC2::VPC').map((vpc) => {
      const rules = added.get(vpc.key) ?? [];
      if (rules.length > 0)
        return result(
          vpc,
          'fail',
          `rules are added to the default security group: ${rules.map((r) => r.key).join(', ')}`,
        );
      const restrictor = restrictors.get(vpc.key);
      if (restrictor && addedToAnyGroup.length > 0)
        return result(
          vpc,
          'unknown',
          `the group of ${addedToAnyGroup.map((r) => r.key).join(', ')} is undetermined: it may be the default security group`,
        );
      if (restrictor)
        return passIfCertain(vpc, restrictor, `${restrictor.key} removes the default security group's rules`);
      if (mayRestrict.length > 0)
        return result(
          vpc,
          'unknown',
          `${mayRestrict.map((r) => r.key).join(', ')} may remove the default security group's rules: a property is undetermined`,
        );
      return result(
        vpc,
        'fail',
        "nothing removes the default security group's rules: it allows all egress and all traffic among its members",
      );
    });
  },
};
