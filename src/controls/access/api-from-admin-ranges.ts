/**
 * The cluster API's security groups admit HTTPS only from security groups and from the address ranges meant for
 * it: with the flow spec, the VPC and the administrators' ranges (the VPN client range, on-premises ranges);
 * without it, private (RFC 1918) ranges. Any other port from an address range, a public range or a prefix list
 * fails or stays unknown.
 */
import { cidrContains, parseCidr } from '../../contract/cidr.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, target } from '../network/cfn.js';
import { securityGroupRules, type SgRule } from '../network/sg-rules.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** RFC 1918 private ranges. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** Whether `inner` lies entirely inside `outer` (false for anything that does not parse). */
function cidrWithin(inner: string, outer: string): boolean {
  const i = parseCidr(inner.trim(), { hostBits: 'mask' });
  const o = parseCidr(outer.trim(), { hostBits: 'mask' });
  return i !== undefined && o !== undefined && cidrContains(o, i);
}

function allowedRanges(context: CheckContext): { ranges: readonly string[]; source: string } {
  const spec = context.flowSpec;
  if (!spec) return { ranges: PRIVATE_RANGES, source: 'private (RFC 1918) ranges' };
  const admin = spec.components.filter((c) => c.tier === 'admin').flatMap((c) => c.cidrs ?? []);
  return {
    ranges: [spec.vpcCidr, ...admin],
    source: `the VPC and the administrators' ranges (${[spec.vpcCidr, ...admin].join(', ')})`,
  };
}

function judge(rule: SgRule, allowed: readonly string[]): 'ok' | 'bad' | 'unknown' {
  if (rule.cidr === undefined) {
    // A security group peer stays inside the VPC; a prefix list could hold any address.
    const raw = rule.path ? prop(rule.declaredBy, rule.path) : rule.declaredBy.properties;
    return isObject(raw) && raw.SourcePrefixListId !== undefined ? 'unknown' : 'ok';
  }
  if (isUnknownValue(rule.cidr) || isUnknownValue(rule.ports)) return 'unknown';
  if (rule.ports[0] !== 443 || rule.ports[1] !== 443) return 'bad';
  const cidr = rule.cidr;
  return allowed.some((range) => cidrWithin(cidr, range)) ? 'ok' : 'bad';
}

function clusterResult(inventory: Inventory, cluster: CfnResource, context: CheckContext): ControlResult {
  const path = 'ResourcesVpcConfig.SecurityGroupIds';
  const groups = listOf(prop(cluster, path), 'SecurityGroupIds');
  if (isUnknownValue(groups)) return result(cluster, 'unknown', `SecurityGroupIds: ${groups.reason}`, path);
  if (!groups || groups.length === 0)
    return result(
      cluster,
      'pass',
      'only the EKS-managed cluster security group (its members only) guards the API',
      path,
    );
  const keys = groups.map((g) => target(inventory, g)?.key);
  if (keys.some((k) => k === undefined))
    return result(cluster, 'unknown', 'a security group of the API is not in the template', path);
  const { ranges, source } = allowedRanges(context);
  const rules = securityGroupRules(inventory, 'ingress').filter((r) => r.group && keys.includes(r.group.key));
  const verdicts = rules.map((r) => [r, judge(r, ranges)] as const);
  const bad = verdicts.filter(([, v]) => v === 'bad').map(([r]) => r);
  if (bad.length)
    return result(
      cluster,
      'fail',
      `the API admits ${bad.map((r) => `${r.peer} on ${isUnknownValue(r.ports) ? '?' : r.ports.join('-')}`).join(', ')}; allowed: HTTPS from ${source}`,
      path,
    );
  if (verdicts.some(([, v]) => v === 'unknown'))
    return result(
      cluster,
      'unknown',
      'a rule of the API security group has an undetermined peer or port range',
      path,
    );
  const cidrs = rules.filter((r) => typeof r.cidr === 'string').map((r) => r.cidr);
  return result(
    cluster,
    'pass',
    `HTTPS only, from security groups${cidrs.length ? ` and ${cidrs.join(', ')}` : ''} (within ${source})`,
    path,
  );
}

export const control: Control = {
  id: 'VF-ACCESS-004',
  area: 'access',
  title: 'The cluster API admits HTTPS only from the VPN, the VPC and named administrator ranges',
  severity: 'high',
  rationale:
    'A private endpoint is only private if its security group is narrow: a rule from a public range or on other ports exposes the API server to anything routed into the VPC (peering, transit, VPN). Administrators come through the VPN; workloads and the deployment come from their own security groups.',
  remediation:
    'Limit the ingress rules of ResourcesVpcConfig.SecurityGroupIds to TCP 443 from security groups (nodes, kubectl handler, VPN endpoint) and from the VPN client range; remove other CIDRs and ports.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html',
    'https://docs.aws.amazon.com/eks/latest/best-practices/protecting-the-infrastructure.html',
    'CIS Amazon EKS Benchmark v1.8.0, 5.4.1',
  ],
  frameworks: {
    'cis-eks-1.8': ['5.4.1'],
    'nist-csf-2.0': ['PR.IR-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EKS::Cluster', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  since: '0.1.0',
  check(inventory: Inventory, context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((c) => clusterResult(inventory, c, context));
  },
};
