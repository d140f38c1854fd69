/** FSBP ELB.4 and ELB.12: ALBs drop invalid header fields and mitigate HTTP desync. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { applicationLoadBalancers, attributesOf } from './load-balancers.js';

const DROP = 'routing.http.drop_invalid_header_fields.enabled';
const DESYNC = 'routing.http.desync_mitigation_mode';

export const control: Control = {
  id: 'VF-EDGE-003',
  area: 'edge',
  title: 'Application load balancers drop invalid headers and mitigate HTTP desync',
  severity: 'medium',
  rationale:
    'Headers with invalid characters and ambiguous requests (conflicting Content-Length and Transfer-Encoding) are how request smuggling reaches the backend past the WAF. By default the ALB forwards invalid headers; monitor mode lets desync-prone requests through.',
  remediation:
    'Set the load balancer attributes routing.http.drop_invalid_header_fields.enabled=true and routing.http.desync_mitigation_mode=strictest (or defensive).',
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12',
  ],
  frameworks: {
    'aws-fsbp': ['ELB.4', 'ELB.12'],
    'nist-csf-2.0': ['PR.IR-01', 'PR.PS-01'],
    'iso-27001-2022': ['A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return applicationLoadBalancers(inventory).map((lb) => {
      const path = 'LoadBalancerAttributes';
      const attributes = attributesOf(lb);
      if (isUnknownValue(attributes))
        return result(lb, 'unknown', `LoadBalancerAttributes: ${attributes.reason}`, path);
      const drop = attributes.get(DROP) ?? 'false';
      const desync = attributes.get(DESYNC) ?? 'defensive';
      if (isUnknownValue(drop)) return result(lb, 'unknown', `${DROP}: ${drop.reason}`, path);
      if (isUnknownValue(desync)) return result(lb, 'unknown', `${DESYNC}: ${desync.reason}`, path);
      const problems = [
        ...(drop.toLowerCase() === 'true' ? [] : [`invalid header fields are forwarded (${DROP}=${drop})`]),
        ...(['defensive', 'strictest'].includes(desync) ? [] : [`desync mitigation is ${desync}`]),
      ];
      return problems.length
        ? result(lb, 'fail', problems.join('; '), path)
        : result(lb, 'pass', `invalid headers are dropped and desync mitigation is ${desync}`, path);
    });
  },
};
