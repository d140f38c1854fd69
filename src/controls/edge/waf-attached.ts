/**
 * FSBP ELB.16 and CloudFront.6: what the internet reaches is behind AWS WAF. An internet-facing ALB passes with
 * its own web ACL, or when its security groups admit no address range at all (only prefix lists and groups,
 * e.g. CloudFront's origin-facing list), so that the WAF in front of it is the only way in.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isUnknownValue, listOf, prop, resourcesOfType, result, stringOf, target } from '../network/cfn.js';
import { fromAnywhere, securityGroupRules } from '../network/sg-rules.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { applicationLoadBalancers, schemeOf, wafAssociation } from './load-balancers.js';

function albResult(inventory: Inventory, lb: CfnResource): ControlResult {
  const scheme = schemeOf(lb);
  if (isUnknownValue(scheme)) return result(lb, 'unknown', `Scheme: ${scheme.reason}`, 'Scheme');
  if (scheme === 'internal') return result(lb, 'not-applicable', 'internal load balancer', 'Scheme');
  const association = wafAssociation(inventory, lb);
  if (association && !isUnknownValue(association))
    return result(lb, 'pass', `web ACL attached by ${association.logicalId}`);
  const groups = listOf(prop(lb, 'SecurityGroups'), 'SecurityGroups');
  if (isUnknownValue(groups))
    return result(lb, 'unknown', `SecurityGroups: ${groups.reason}`, 'SecurityGroups');
  const keys = (groups ?? []).map((g) => target(inventory, g)?.key);
  if (keys.length === 0 || keys.some((k) => k === undefined))
    return result(
      lb,
      isUnknownValue(association) ? 'unknown' : 'fail',
      'internet-facing with no web ACL, and its security groups are not all in the template',
      'SecurityGroups',
    );
  const open = securityGroupRules(inventory, 'ingress').filter(
    (r) => r.group && keys.includes(r.group.key) && (r.cidr !== undefined || fromAnywhere(r) === true),
  );
  if (open.length === 0)
    return result(
      lb,
      'pass',
      'no web ACL of its own, but its security groups admit only prefix lists and groups (the WAF in front of it is the way in)',
      'SecurityGroups',
    );
  return result(
    lb,
    isUnknownValue(association) ? 'unknown' : 'fail',
    `internet-facing, admits ${open.map((r) => r.peer).join(', ')}, and no web ACL is associated`,
  );
}

export const control: Control = {
  id: 'VF-EDGE-004',
  area: 'edge',
  title: 'Internet-facing load balancers and CloudFront distributions are behind AWS WAF',
  severity: 'high',
  rationale:
    "Weaviate's REST and GraphQL API is an attractive target for injection, scraping and floods. A web ACL drops known-bad sources and payloads and rate-limits clients before they reach the database.",
  remediation:
    'Associate a web ACL with the load balancer (AWS::WAFv2::WebACLAssociation) or set DistributionConfig.WebACLId; an ALB that is only a CloudFront origin must admit only the origin-facing prefix list.',
  references: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-16',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6',
  ],
  frameworks: {
    'aws-fsbp': ['ELB.16', 'CloudFront.6'],
    'nist-csf-2.0': ['PR.IR-01', 'DE.CM-01'],
    'iso-27001-2022': ['A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::CloudFront::Distribution'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const results = applicationLoadBalancers(inventory).map((lb) => albResult(inventory, lb));
    for (const d of resourcesOfType(inventory, 'AWS::CloudFront::Distribution')) {
      const path = 'DistributionConfig.WebACLId';
      const acl = prop(d, path);
      const text = stringOf(acl, 'WebACLId');
      if (acl == null || text === '') results.push(result(d, 'fail', 'no web ACL on the distribution', path));
      else if (isUnknownValue(text) && !target(inventory, acl))
        results.push(result(d, 'unknown', `WebACLId: ${text.reason}`, path));
      else results.push(result(d, 'pass', 'a web ACL protects the distribution', path));
    }
    return results;
  },
};
