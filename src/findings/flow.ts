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
