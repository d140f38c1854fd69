/**
 * Acknowledgements as the reports show them: who owns an exception, until when it holds, and whether it still
 * applies to anything. Time is always passed in, never read here.
 */
import type { AcknowledgementNote } from './acknowledgement-note.js';
import type { ResourceLocator } from './finding.js';

export type { AcknowledgementNote } from './acknowledgement-note.js';

/**
 * `active`: holds, and applies to a failing finding. `expiring`: the same, but lapses within
 * `EXPIRING_WITHIN_DAYS`. `lapsed`: past its expiry, so the finding fails again. `stale`: applies to no failing
 * finding any more (the control passes, the finding or the control is gone): remove it.
 */
export type AcknowledgementStatus = 'active' | 'expiring' | 'lapsed' | 'stale';

export const ACKNOWLEDGEMENT_STATUSES: readonly AcknowledgementStatus[] = [
  'lapsed',
  'expiring',
  'stale',
  'active',
];

/** How close to its expiry an acknowledgement is reported as `expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;

/** One acknowledgement found in the input, with its status at the time of the run. */
export interface AcknowledgementRecord extends AcknowledgementNote {
  /** The control (`VF-DATA-013`) or cdk-nag rule (`AwsSolutions-IAM4`, with `[finding]` when narrowed). */
  readonly ruleId: string;
  /** `cdk-nag` for cdk-nag's acknowledgements (`Metadata.cdk_nag.rules_to_suppress`). @default - vectorfort */
  readonly origin?: string;
  /** The resources that carry it (cdk-nag copies one acknowledgement to every resource below a construct). */
  readonly resources: readonly ResourceLocator[];
  readonly status: AcknowledgementStatus;
  /** Failing findings it applies to (or, lapsed, would apply to). */
  readonly findings: number;
  /** Why it is stale. @default - not stale */
  readonly staleReason?: string;
}

/** `lapsed`, `expiring` or `active` for an acknowledgement that lapses at `lapsesAt` (epoch ms), at `now`. */
export function expiryStatus(
  lapsesAt: number | undefined,
  now: Date,
): Exclude<AcknowledgementStatus, 'stale'> {
  if (lapsesAt === undefined) return 'active';
  const left = lapsesAt - now.getTime();
  if (left <= 0) return 'lapsed';
  return left <= EXPIRING_WITHIN_DAYS * 86_400_000 ? 'expiring' : 'active';
}
