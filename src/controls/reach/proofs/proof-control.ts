/**
 * Turns the reachability analysis into control results: one result per checked flow of the control's class,
 * `pass` when the verdict is the expected one, `fail` when it is the opposite (a counterexample path or a
 * broken intended flow), `unknown` when the inputs do not determine it. The analysis runs once per inventory
 * and spec (memoized), however many controls read it.
 */
import type { Inventory } from '../../../inventory/model.js';
import { analyse, type CheckClass, type FlowCheck } from '../../../reach/engine/analyse.js';
import type { FlowResult, Status } from '../../../findings/index.js';
import type { FlowSpec } from '../../../flows/types.js';
import type { CheckContext, Control, ControlResult } from '../../types.js';

/** Resource type of a flow in findings: the id is `from->to:port/protocol`. */
export const FLOW_RESOURCE_TYPE = 'vectorfort/Flow';

export function flowId(f: FlowResult): string {
  return `${f.from}->${f.to}:${f.port}/${f.protocol}`;
}

export function witness(f: FlowResult): string {
  if (f.path?.length) return `path: ${f.path.map((h) => `${h.node} [${h.rule}]`).join(' → ')}`;
  if (f.blockedBy?.length) return `blocked by: ${f.blockedBy.map((b) => `${b.node} [${b.rule}]`).join('; ')}`;
  return '';
}

export function proofStatus(f: FlowResult): Status {
  if (f.verdict === f.expected) return 'pass';
  return f.verdict === 'unknown' ? 'unknown' : 'fail';
}

function messageOf(c: FlowCheck): string {
  const f = c.result;
  const head =
    f.verdict === f.expected
      ? `${f.expected} as intended`
      : f.verdict === 'unknown'
        ? `expected ${f.expected}, not determined`
        : f.expected === 'allowed'
          ? 'expected allowed, but denied'
          : 'expected denied, but allowed (counterexample)';
  return `${flowId(f)} ${head} (${f.reason ?? c.claim}); ${witness(f)}`;
}

/** The check of a control over one class of flows proved against the flow spec. */
export function specCheck(cls: CheckClass) {
  return (inventory: Inventory, context: CheckContext): ControlResult[] => {
    if (!context.flowSpec) return [];
    return analyse(inventory, context.flowSpec)
      .checks.filter((c) => c.class === cls)
      .map((c) => ({
        status: proofStatus(c.result),
        resource: { type: FLOW_RESOURCE_TYPE, id: flowId(c.result) },
        message: messageOf(c),
        ...externalNetworkAcknowledgement(c, context.flowSpec),
      }));
  };
}

/**
 * An unknown that only subnets of the acknowledged external network leave open carries that acknowledgement:
 * their routes and ACLs are outside the input, and the team said who answers for them. It stays unknown.
 */
function externalNetworkAcknowledgement(
  c: FlowCheck,
  spec: FlowSpec | undefined,
): Pick<ControlResult, 'acknowledged'> {
  const network = spec?.externalNetwork;
  if (proofStatus(c.result) !== 'unknown' || !network?.acknowledged || !c.outsideSubnets) return {};
  const acknowledged = new Set(network.subnets);
  if (!c.outsideSubnets.every((s) => acknowledged.has(s))) return {};
  return {
    acknowledged: {
      reason: `the routes, network ACLs and gateways of ${network.vpcId} (${c.outsideSubnets.join(', ')}) are outside the input: ${network.acknowledged}`,
    },
  };
}

export type ProofControl = Omit<Control, 'area' | 'since' | 'appliesTo' | 'check'> & {
  readonly check: Control['check'];
};

export function proofControl(c: ProofControl): Control {
  return {
    ...c,
    area: 'reach',
    since: '0.1.0',
    appliesTo: [
      'AWS::EC2::SecurityGroup',
      'AWS::EC2::NetworkAcl',
      'AWS::EC2::Route',
      'NetworkPolicy',
      'AuthorizationPolicy',
    ],
  };
}

export const NETWORK_FRAMEWORKS = {
  'nist-csf-2.0': ['PR.IR-01', 'PR.AA-05'],
  'iso-27001-2022': ['A.8.20', 'A.8.22'],
  soc2: ['CC6.6', 'CC6.1'],
} as const;
