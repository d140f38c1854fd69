/** The result of one reachability check: a flow, what the spec expects of it and what was proved. */

export type FlowVerdict = 'allowed' | 'denied' | 'unknown';

/** One hop of a witness path: the element crossed and the rule that admits the packet there. */
export interface PathHop {
  readonly node: string;
  readonly rule: string;
}

/** A blocking element for a denied flow. */
export interface BlockingRule {
  readonly node: string;
  readonly rule: string;
}

export interface FlowResult {
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  readonly expected: FlowVerdict;
  readonly verdict: FlowVerdict;
  /** Why the flow is checked: an intended flow of the spec, or a named denial class. */
  readonly reason?: string;
  readonly path?: readonly PathHop[];
  readonly blockedBy?: readonly BlockingRule[];
}

/**
 * Whether a flow's verdict contradicts its intent. A flow with no expected verdict (an input without a flow
 * spec: an exposure listed for review) has no intent to contradict, so it is never "not as intended".
 */
export function isNotAsIntended(flow: FlowResult): boolean {
  return flow.expected !== 'unknown' && flow.verdict !== flow.expected;
}

/** Whether the flow is listed for review rather than compared with an intent (an input without a flow spec). */
export function isForReview(flow: FlowResult): boolean {
  return flow.expected === 'unknown';
}
