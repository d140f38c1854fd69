/**
 * Every intended flow is protected in transit as its spec declares: mutual TLS proved against the mesh's
 * policies, TLS against the load balancer's listeners and target groups (or held by a receiver that serves only
 * TLS), plaintext only with an acknowledged reason. Every flow crosses a pod, node or tier boundary (even the
 * Pod Identity agent is outside the pod), so none is exempt by position.
 */
import type { Inventory } from '../../../inventory/model.js';
import { analyse } from '../../../reach/engine/analyse.js';
import type { Status, TransitVerdict } from '../../../findings/index.js';
import type { CheckContext, ControlResult } from '../../types.js';
import { FLOW_RESOURCE_TYPE, flowId, proofControl } from './proof-control.js';

const STATUS: Record<TransitVerdict, Status> = {
  proved: 'pass',
  'by-receiver': 'pass',
  accepted: 'pass',
  refuted: 'fail',
  unknown: 'unknown',
};

function check(inventory: Inventory, context: CheckContext): ControlResult[] {
  if (!context.flowSpec) return [];
  return analyse(inventory, context.flowSpec)
    .checks.filter((c) => c.class === 'intended')
    .map((c) => {
      const f = c.result;
      const resource = { type: FLOW_RESOURCE_TYPE, id: flowId(f) };
      const p = f.protection;
      if (!p)
        return {
          status: 'unknown' as const,
          resource,
          message: `${flowId(f)} (${c.claim}): the flow spec declares no protection in transit for it`,
        };
      return {
        status: STATUS[p.verdict],
        resource,
        message: `${flowId(f)} (${c.claim}) declared ${p.kind} ended by ${p.terminatedBy}: ${p.verdict}, ${p.reason}`,
      };
    });
}

export const control = proofControl({
  id: 'VF-REACH-011',
  title: 'Every intended flow is encrypted in transit as declared, or its plaintext is acknowledged',
  severity: 'high',
  rationale:
    "Zero trust trusts no network position: a flow between pods, nodes or tiers in plaintext can be read or altered by anything on the path (a compromised node, a mirrored interface, a misrouted packet). Declaring each flow's protection in the flow spec and proving it against the mesh policies, listeners and target groups catches a PERMISSIVE mode, an excluded sidecar port or a plain-HTTP target group before deployment.",
  remediation:
    'Make the mesh enforce mutual TLS on the flow (a STRICT PeerAuthentication on the receiving side, or a DestinationRule with tls.mode ISTIO_MUTUAL on the sending side; do not exclude the port from the sidecar), use HTTPS on the listener or target group, or, where no encryption is possible, acknowledge the plaintext in the flow spec with the reason.',
  references: [
    'https://istio.io/latest/docs/concepts/security/#peer-authentication',
    'https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-routing-configuration',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-02'],
    'iso-27001-2022': ['A.8.20', 'A.8.24'],
    soc2: ['CC6.7'],
  },
  check,
});
