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

/**
 * Whether the artefacts deliver a flow's declared protection: `proved` (mutual TLS enforced by a STRICT
 * PeerAuthentication or an ISTIO_MUTUAL DestinationRule; HTTPS listeners or target groups), `by-receiver` (the
 * receiver serves nothing but TLS), `accepted` (plaintext acknowledged with a reason), `refuted`, `unknown`.
 */
export type TransitVerdict = 'proved' | 'refuted' | 'unknown' | 'by-receiver' | 'accepted';

/** A flow's declared protection in transit and its proof. */
export interface FlowProtectionResult {
  readonly kind: 'mtls' | 'tls' | 'none';
  /** Who ends the encrypted session on the receiving side. */
  readonly terminatedBy: string;
  /** Why a plaintext flow is accepted. */
  readonly acknowledged?: string;
  readonly verdict: TransitVerdict;
  readonly reason: string;
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
  /** The intended flow's protection in transit, as declared in the flow spec and proved. */
  readonly protection?: FlowProtectionResult;
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
