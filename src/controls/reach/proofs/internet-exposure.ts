/**
 * Foreign inputs (no flow spec): every resource and port reachable from the internet, for review. HTTP(S) on a
 * load balancer is the usual way in, so it is `unknown` (review it); anything else reachable from the internet
 * (administration ports, databases, nodes, a public API endpoint) fails.
 */
import type { FlowResult } from '../../../findings/index.js';
import { analyse } from '../../../reach/engine/analyse.js';
import { FLOW_RESOURCE_TYPE, flowId, NETWORK_FRAMEWORKS, proofControl, witness } from './proof-control.js';

/** What an unknown verdict depends on (a parameter, an object outside the input), as the analysis names it. */
function undetermined(f: FlowResult): string {
  const at = f.verdict === 'unknown' ? (f.reason?.indexOf('not determined: ') ?? -1) : -1;
  return at < 0 ? '' : `${f.reason!.slice(at)}; `;
}

export const control = proofControl({
  id: 'VF-REACH-008',
  title: 'Resources reachable from the internet (inputs without a flow spec)',
  severity: 'high',
  rationale:
    'Without a flow spec the intent is not known, so every path from the internet is listed. Web ports on load balancers are usually intended and are left for review; any other internet path is an exposure.',
  remediation:
    'Remove the public address, internet route or 0.0.0.0/0 rule named on the witness path, or put the resource behind a load balancer with WAF.',
  references: ['https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html'],
  frameworks: { ...NETWORK_FRAMEWORKS, 'aws-fsbp': ['EC2.18', 'EC2.19'] },
  check(inventory, context) {
    if (context.flowSpec) return [];
    const { checks, model } = analyse(inventory, undefined);
    const exposures = checks.filter((c) => c.class === 'internet-exposure');
    const exposed = new Set(exposures.map((c) => c.claim));
    const closed = [...model.attachments.values()]
      .filter((a) => !exposed.has(a.key))
      .map((a) => ({
        status: 'pass' as const,
        resource: { type: FLOW_RESOURCE_TYPE, id: `internet->${a.key}` },
        message: `${a.key}: no path from the internet`,
      }));
    return [
      ...closed,
      ...exposures.map((c) => {
        const f = c.result;
        const kind = model.attachments.get(c.claim)?.kind;
        const web = kind === 'load-balancer' && (f.port === 80 || f.port === 443);
        return {
          status: f.verdict === 'unknown' || web ? ('unknown' as const) : ('fail' as const),
          resource: { type: FLOW_RESOURCE_TYPE, id: flowId(f) },
          message: `${c.claim} is ${f.verdict === 'unknown' ? 'possibly ' : ''}reachable from the internet on ${f.protocol}/${f.port}${web ? ' (web port on a load balancer: review)' : ''}; ${undetermined(f)}${witness(f)}`,
        };
      }),
    ];
  },
});
