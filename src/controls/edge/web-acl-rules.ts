/** FSBP WAF.10, refined: web ACLs run the AWS managed baseline groups and a blocking rate-based rule. */
import type { Inventory } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const REQUIRED_MANAGED_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
] as const;

/** Managed groups that run in effect (not overridden to count). */
function activeGroups(rules: readonly SymbolicValue[]): Set<string> {
  const groups = new Set<string>();
  for (const rule of rules) {
    if (!isObject(rule) || !isObject(rule.Statement)) continue;
    const statement = rule.Statement.ManagedRuleGroupStatement;
    if (!isObject(statement)) continue;
    const counting = isObject(rule.OverrideAction) && rule.OverrideAction.Count !== undefined;
    const name = stringOf(statement.Name, 'Name');
    if (typeof name === 'string' && !counting) groups.add(name);
  }
  return groups;
}

function hasBlockingRateRule(rules: readonly SymbolicValue[]): boolean {
  return rules.some(
    (r) =>
      isObject(r) &&
      isObject(r.Statement) &&
      isObject(r.Statement.RateBasedStatement) &&
      isObject(r.Action) &&
      r.Action.Block !== undefined,
  );
}

export const control: Control = {
  id: 'VF-EDGE-005',
  area: 'edge',
  title: 'Web ACLs run the AWS managed baseline rule groups and a blocking per-IP rate rule',
  severity: 'high',
  rationale:
    'An empty or count-only web ACL is attached but does nothing. The common, known-bad-inputs, SQL-injection and IP-reputation groups stop the bulk of automated attacks; a rate rule caps what one client can do to the database.',
  remediation:
    'Add the AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesSQLiRuleSet and AWSManagedRulesAmazonIpReputationList groups with OverrideAction None, and a RateBasedStatement rule with Action Block.',
  references: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html',
    'https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/waf-controls.html#waf-10',
  ],
  frameworks: {
    'aws-fsbp': ['WAF.10'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::WAFv2::WebACL'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::WAFv2::WebACL').map((acl) => {
      const rules = listOf(prop(acl, 'Rules'), 'Rules');
      if (isUnknownValue(rules)) return result(acl, 'unknown', `Rules: ${rules.reason}`, 'Rules');
      const active = activeGroups(rules ?? []);
      const missing = REQUIRED_MANAGED_GROUPS.filter((g) => !active.has(g));
      const problems = [
        ...(missing.length ? [`missing or count-only managed groups: ${missing.join(', ')}`] : []),
        ...(hasBlockingRateRule(rules ?? []) ? [] : ['no blocking rate-based rule']),
      ];
      return problems.length
        ? result(acl, 'fail', problems.join('; '), 'Rules')
        : result(acl, 'pass', 'the managed baseline groups and a blocking rate rule are in place', 'Rules');
    });
  },
};
