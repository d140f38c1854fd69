/** Security groups reach the internet only on the ports the flow spec intends for their component. */
import { COMPONENT_TAG, type Flow } from '../../flows/types.js';
import type { Inventory } from '../../inventory/model.js';
import { isAnywhere, isUnknownValue, resourcesOfType, result, tagOf } from './cfn.js';
import { fromAnywhere, rulesOfUndeterminedGroup, securityGroupRules, type SgRule } from './sg-rules.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

function intendedBy(rule: SgRule, flows: readonly Flow[]): boolean {
  if (isUnknownValue(rule.protocol) || isUnknownValue(rule.ports) || rule.protocol === 'all') return false;
  const [from, to] = rule.ports;
  return flows.some((f) => f.protocol === rule.protocol && f.port <= from && to <= (f.toPort ?? f.port));
}

export const control: Control = {
  id: 'VF-NETWORK-013',
  area: 'network',
  title: 'Security groups allow internet egress only where the flow spec intends it',
  severity: 'high',
  rationale:
    'Open egress is how stolen data and command-and-control traffic leave. When the flow spec says a component talks to nothing on the internet (or only to 443), its security group must not allow more; a security group without any egress rule keeps the AWS default of all traffic to 0.0.0.0/0.',
  remediation:
    "Generate the group's egress from the flow spec (one rule per intended flow), or, for a group with no intended egress, keep a rule that matches no traffic (CDK: allowAllOutbound: false).",
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.IR-01', 'ID.AM-03'],
    'iso-27001-2022': ['A.8.20', 'A.8.12'],
    soc2: ['CC6.6', 'CC6.7'],
  },
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupEgress'],
  since: '0.1.0',
  check(inventory: Inventory, context: CheckContext): ControlResult[] {
    const spec = context.flowSpec;
    const rulesByGroup = new Map<string, SgRule[]>();
    const all = securityGroupRules(inventory, 'egress');
    const floating = rulesOfUndeterminedGroup(all).filter((rule) => fromAnywhere(rule) !== false);
    for (const rule of all) {
      if (!rule.group) continue;
      const list = rulesByGroup.get(rule.group.key);
      if (list) list.push(rule);
      else rulesByGroup.set(rule.group.key, [rule]);
    }
    return resourcesOfType(inventory, 'AWS::EC2::SecurityGroup').map((g) => {
      const tag = tagOf(g, COMPONENT_TAG);
      if (!spec) return result(g, 'not-applicable', 'no flow spec to compare the egress with');
      const component = spec.components.find((c) => c.awsTag !== undefined && c.awsTag === tag);
      if (!component) return result(g, 'not-applicable', 'the group plays no component of the flow spec');
      const internet = new Set(
        spec.components.filter((c) => c.tier === 'internet' || c.cidrs?.some(isAnywhere)).map((c) => c.id),
      );
      const intended = spec.flows.filter((f) => f.from === component.id && internet.has(f.to));
      const own = rulesByGroup.get(g.key) ?? [];
      if (own.length === 0)
        return intended.length > 0
          ? result(
              g,
              'fail',
              `no egress rule: the AWS default allows all traffic, the flow spec only ${intended.map((f) => f.id).join(', ')}`,
            )
          : result(
              g,
              'fail',
              `no egress rule: the AWS default allows all traffic, and ${component.id} has no intended internet flow`,
            );
      const failures: string[] = [];
      const unknowns: string[] = [];
      for (const rule of own) {
        const open = fromAnywhere(rule);
        if (isUnknownValue(open)) unknowns.push(`${rule.declaredBy.key}: destination ${open.reason}`);
        else if (open && rule.invalid) unknowns.push(`${rule.declaredBy.key}: ${rule.invalid}`);
        else if (open && !intendedBy(rule, intended))
          failures.push(
            `${rule.declaredBy.key}${rule.path ? ` ${rule.path}` : ''} allows ${String(rule.protocol)} ${isUnknownValue(rule.ports) ? '?' : rule.ports.join('-')} to ${rule.peer}`,
          );
      }
      for (const rule of floating)
        unknowns.push(
          `${rule.declaredBy.key} may allow egress to ${rule.peer} here: its GroupId is undetermined`,
        );
      if (failures.length > 0)
        return result(g, 'fail', `${failures.join('; ')} (not an intended flow of ${component.id})`);
      if (unknowns.length > 0) return result(g, 'unknown', unknowns.join('; '));
      return result(
        g,
        'pass',
        intended.length > 0
          ? `internet egress only for ${intended.map((f) => f.id).join(', ')}`
          : 'no internet egress',
      );
    });
  },
};
