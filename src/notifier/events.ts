/**
 * The notifier's model of a security event: what every source (GuardDuty, Security Hub, AWS Config, CloudWatch
 * alarms) is normalised to before it is deduplicated, tiered and rendered.
 */

/** `critical` pages people (and goes to chat); `warning` goes to chat only. */
export type Tier = 'critical' | 'warning';

export const EVENT_KINDS = [
  'guardduty',
  'security-hub',
  'config',
  'alarm',
  'prometheus',
  'inspector',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const KIND_LABELS: Readonly<Record<EventKind, string>> = {
  guardduty: 'GuardDuty finding',
  'security-hub': 'Security Hub finding',
  config: 'AWS Config compliance change',
  alarm: 'CloudWatch alarm',
  prometheus: 'Prometheus alert',
  inspector: 'Inspector finding',
};

export interface EventField {
  readonly name: string;
  readonly value: string;
}

export interface SecurityEvent {
  readonly kind: EventKind;
  readonly tier: Tier;
  /** One line: what happened. */
  readonly title: string;
  /** Longer explanation, when the source has one. */
  readonly description?: string;
  /** The source's own severity wording: `HIGH (8.0)`, `CRITICAL`, `NON_COMPLIANT`, `ALARM`. */
  readonly severity: string;
  readonly account: string;
  readonly region: string;
  /** The affected resource (an ARN or the source's description of it). */
  readonly resource: string;
  /** Where to look at it in the AWS console; absent when the region is not an AWS region. */
  readonly consoleUrl?: string;
  /** A remediation page on an AWS documentation or console host (never any other host). */
  readonly remediationUrl?: string;
  /** Source-specific facts worth reading before clicking through. */
  readonly fields: readonly EventField[];
  /** When the source says it happened (ISO 8601). */
  readonly time: string;
  /**
   * Identity for deduplication: equal fingerprints are the same event seen again. Built from identifiers and
   * times the source service assigns (an ARN, a finding id, the moment of a transition), so that a forged
   * message cannot claim the fingerprint of a real event before that event exists.
   */
  readonly fingerprint: string;
  /** True when the event reports a recovery (alarm back to OK, rule compliant again). */
  readonly resolved: boolean;
}

/** An SNS message that is not a security event the notifier understands. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
  constructor(
    /** Why it was rejected: a path inside the message and what was expected (never the message's content). */
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The higher of two tiers. */
export function maxTier(a: Tier, b: Tier): Tier {
  return a === 'critical' || b === 'critical' ? 'critical' : 'warning';
}
