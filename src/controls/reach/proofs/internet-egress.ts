/** Foreign inputs (no flow spec): every path from a private resource to the internet, for review. */
import { analyse } from '../../../reach/engine/analyse.js';
import { FLOW_RESOURCE_TYPE, flowId, NETWORK_FRAMEWORKS, proofControl, witness } from './proof-control.js';

export const control = proofControl({
  id: 'VF-REACH-009',
  title: 'Private resources with a path to the internet (inputs without a flow spec)',
  severity: 'medium',
  rationale:
    'Outbound internet access from private subnets is often needed (NAT for package downloads) but it is also the exfiltration route; without a flow spec each such path is listed for a reviewer to confirm.',
  remediation:
    'Reach AWS services through VPC endpoints and remove NAT routes and 0.0.0.0/0 egress where nothing needs the internet; otherwise acknowledge the finding with the reason.',
  references: ['https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html'],
  frameworks: NETWORK_FRAMEWORKS,
  check(inventory, context) {
    if (context.flowSpec) return [];
    const { checks, model } = analyse(inventory, undefined);
    const paths = checks.filter((c) => c.class === 'internet-egress');
    const open = new Set(paths.map((c) => c.claim));
    const closed = [...model.attachments.values()]
      .filter(
        (a) => !a.publicAddress && a.kind !== 'load-balancer' && a.kind !== 'cluster' && !open.has(a.key),
      )
      .map((a) => ({
        status: 'pass' as const,
        resource: { type: FLOW_RESOURCE_TYPE, id: `${a.key}->internet` },
        message: `${a.key}: no path to the internet`,
      }));
    return [
      ...closed,
      // A path out is a finding (zero trust names every flow); where it is needed, acknowledge it with the
      // reason. A path the input does not determine stays unknown.
      ...paths.map((c) => ({
        status: c.result.verdict === 'unknown' ? ('unknown' as const) : ('fail' as const),
        resource: { type: FLOW_RESOURCE_TYPE, id: flowId(c.result) },
        message: `${c.claim} ${c.result.verdict === 'unknown' ? 'may reach' : 'reaches'} the internet on ${c.result.protocol}/${c.result.port}: review; ${witness(c.result)}`,
      })),
    ];
  },
});
