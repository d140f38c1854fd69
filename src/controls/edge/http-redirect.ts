/** FSBP ELB.1: plain-HTTP listeners of application load balancers only redirect to HTTPS. */
import type { Inventory } from '../../inventory/model.js';
import { identifies, isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { notRedirect } from './load-balancers.js';

export const control: Control = {
  id: 'VF-EDGE-002',
  area: 'edge',
  title: 'Plain-HTTP load balancer listeners only redirect to HTTPS',
  severity: 'high',
  rationale:
    'An HTTP listener that forwards sends API keys and vectors in clear text; one that only redirects lets old links work while every request that carries data uses TLS.',
  remediation:
    "Make the HTTP listener's only default action a redirect with Protocol HTTPS (port 443, HTTP_301), and attach no forwarding rules to it, or remove the listener.",
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1',
  ],
  frameworks: {
    'aws-fsbp': ['ELB.1'],
    'nist-csf-2.0': ['PR.DS-02'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.7'],
  },
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const results: ControlResult[] = [];
    const rules = resourcesOfType(inventory, 'AWS::ElasticLoadBalancingV2::ListenerRule');
    for (const l of resourcesOfType(inventory, 'AWS::ElasticLoadBalancingV2::Listener')) {
      const protocol = stringOf(prop(l, 'Protocol'), 'Protocol');
      if (isUnknownValue(protocol)) {
        results.push(result(l, 'unknown', `Protocol: ${protocol.reason}`, 'Protocol'));
        continue;
      }
      if (protocol !== 'HTTP') continue;
      const problem = notRedirect(prop(l, 'DefaultActions'), 'DefaultActions');
      if (problem) {
        results.push(result(l, problem.status, problem.message, 'DefaultActions'));
        continue;
      }
      const forwarding = rules.filter(
        (r) => identifies(prop(r, 'ListenerArn'), l) === true && notRedirect(prop(r, 'Actions'), 'Actions'),
      );
      results.push(
        forwarding.length
          ? result(
              l,
              'fail',
              `listener rules ${forwarding.map((r) => r.logicalId).join(', ')} act on plain HTTP`,
            )
          : result(l, 'pass', 'plain HTTP is only redirected to HTTPS', 'DefaultActions'),
      );
    }
    return results;
  },
};
