/** What a proof obligation checks and how its answer becomes a report flow. */
import type { DenialClass } from '../../flows/types.js';
import type { FlowResult, FlowVerdict } from '../../findings/index.js';
import type { ReachAnswer } from './query.js';

/** Why a flow is checked; each class has its own control (a denial claim names its class). */
export type CheckClass =
  'intended' | 'unnamed' | DenialClass | 'internet-exposure' | 'internet-egress' | 'defense-in-depth';

export interface FlowCheck {
  readonly class: CheckClass;
  /** The flow id, denial id or exposure being proved. */
  readonly claim: string;
  readonly result: FlowResult;
  /** For an unknown result: the subnets outside the input that alone leave it open (ReachAnswer.outsideSubnets). */
  readonly outsideSubnets?: readonly string[];
}

/** The FlowCheck fields an answer adds besides its result. */
export function outsideOf(answer: ReachAnswer): Pick<FlowCheck, 'outsideSubnets'> {
  return answer.verdict === 'unknown' && answer.outsideSubnets
    ? { outsideSubnets: answer.outsideSubnets }
    : {};
}

/** The report flow of one checked probe: the verdict with its witness path or blocking rules. */
export function toResult(
  from: string,
  to: string,
  port: number,
  protocol: 'tcp' | 'udp',
  expected: FlowVerdict,
  answer: ReachAnswer,
  reason: string,
): FlowResult {
  return {
    from,
    to,
    port,
    protocol,
    expected,
    verdict: answer.verdict,
    reason:
      answer.verdict === 'unknown' ? `${reason}; not determined: ${answer.reason ?? 'unknown'}` : reason,
    ...(answer.verdict === 'allowed' || (answer.verdict === 'unknown' && answer.path)
      ? { path: answer.path ?? [] }
      : {}),
    ...(answer.verdict === 'denied' ? { blockedBy: answer.blockedBy ?? [] } : {}),
  };
}
