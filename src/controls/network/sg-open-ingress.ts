/**
 * EC2.18: no ingress from 0.0.0.0/0 or ::/0, except HTTPS on an internet-facing load balancer's group (and HTTP
 * there when its listeners only redirect to HTTPS).
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isUnknownValue, result } from './cfn.js';
import {
  fromAnywhere,
  internetFacingLoadBalancerGroups,
  onlyRedirectsToHttps,
  rulesOfUndeterminedGroup,
  securityGroupRules,
  type SgRule,
} from './sg-rules.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

function isSinglePort(rule: SgRule, port: number): boolean {
  return (
    rule.protocol === 'tcp' && !isUnknownValue(rule.ports) && rule.ports[0] === port && rule.ports[1] === port
  );
}

/** HTTPS, or HTTP on a port whose listeners only redirect to HTTPS. */
function isAdmitted(inventory: Inventory, rule: SgRule, lb: CfnResource): boolean {
  return isSinglePort(rule, 443) || (isSinglePort(rule, 80) && onlyRedirectsToHttps(inventory, lb, 80));
}

export const control: Control = {
  id: 'VF-NETWORK-006',
  area: 'network',
  title: 'Security groups admit the internet only on HTTPS to an internet-facing load balancer',
  severity: 'high',
  rationale:
    'In a zero-trust layout exactly one thing faces the internet: the public load balancer on 443. Any other rule from 0.0.0.0/0 or ::/0 exposes a service directly, bypassing the WAF, TLS termination and authentication in front of it.',
  remediation:
    "Replace 0.0.0.0/0 and ::/0 sources with the security group or prefix list of the actual client; keep open ingress only on TCP 443 of the internet-facing load balancer's group.",
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.18'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20', 'A.8.21'],
    soc2: ['CC6.6', 'CC6.1'],
  },
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const lbGroups = internetFacingLoadBalancerGroups(inventory);
    const byOwner = new Map<CfnResource, SgRule[]>();
    for (const g of inventory.cfn.filter((r) => r.type === 'AWS::EC2::SecurityGroup')) byOwner.set(g, []);
    for (const rule of securityGroupRules(inventory, 'ingress')) {
      const owner = rule.group ?? rule.declaredBy;
      const list = byOwner.get(owner);
      if (list) list.push(rule);
      else byOwner.set(owner, [rule]);
    }
    const results: ControlResult[] = [];
    const floating = rulesOfUndeterminedGroup([...byOwner.values()].flat()).filter(
      (rule) => fromAnywhere(rule) !== false,
    );
    for (const [owner, rules] of byOwner) {
      const lb = lbGroups.get(owner.key);
      const failures: string[] = [];
      const unknowns: string[] = [];
      for (const rule of rules) {
        const open = fromAnywhere(rule);
        const where = rule.path ? `${rule.declaredBy.key} ${rule.path}` : rule.declaredBy.key;
        if (isUnknownValue(open)) unknowns.push(`${where}: source ${open.reason}`);
        else if (open && rule.invalid) unknowns.push(`${where}: ${rule.invalid}`);
        else if (open && !(lb && isAdmitted(inventory, rule, lb)))
          failures.push(
            `${where} admits ${rule.peer} on ${String(rule.protocol)} ${isUnknownValue(rule.ports) ? '?' : rule.ports.join('-')}`,
          );
      }
      if (owner.type === 'AWS::EC2::SecurityGroup')
        for (const rule of floating)
          unknowns.push(`${rule.declaredBy.key} may admit ${rule.peer} here: its GroupId is undetermined`);
      if (failures.length > 0) results.push(result(owner, 'fail', failures.join('; ')));
      else if (unknowns.length > 0) results.push(result(owner, 'unknown', unknowns.join('; ')));
      else
        results.push(
          result(
            owner,
            'pass',
            lb
              ? `open only on HTTPS (and an HTTP-to-HTTPS redirect) for internet-facing ${lb.key}`
              : 'no ingress from the internet',
          ),
        );
    }
    return results;
  },
};
