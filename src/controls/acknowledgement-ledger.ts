/**
 * Every acknowledgement read from the input, whether it was applied, and its status at the time of the run.
 * An acknowledgement past its expiry is not applied: the finding it would excuse fails again and names it.
 * One that applied to no failing finding is stale. Shared by vectorfort's own acknowledgements and cdk-nag's.
 */
import {
  expiryStatus,
  type AcknowledgementNote,
  type AcknowledgementRecord,
  type Finding,
  type ResourceLocator,
} from '../findings/index.js';

export interface LedgerEntry {
  readonly ruleId: string;
  readonly origin?: string;
  readonly note: AcknowledgementNote;
  /** First instant at which it no longer holds (epoch ms). @default - never */
  readonly lapsesAt?: number;
  readonly resources: ResourceLocator[];
  /** Failing findings it was matched with (applied or, lapsed, shown as lapsed). */
  matched: number;
}

/** What matching a failing finding with an acknowledgement does to the finding. */
export type AcknowledgementOutcome =
  | { readonly acknowledged: AcknowledgementNote }
  | { readonly lapsedAcknowledgement: AcknowledgementNote }
  | Record<string, never>;

export class AcknowledgementLedger {
  private readonly entries: LedgerEntry[] = [];

  constructor(readonly now: Date) {}

  add(entry: Omit<LedgerEntry, 'matched'>): LedgerEntry {
    const added: LedgerEntry = { ...entry, matched: 0 };
    this.entries.push(added);
    return added;
  }

  /** Records that `entry` matched a failing finding, and says whether it excuses it or has lapsed. */
  match(entry: LedgerEntry | undefined): AcknowledgementOutcome {
    if (entry === undefined) return {};
    entry.matched++;
    return expiryStatus(entry.lapsesAt, this.now) === 'lapsed'
      ? { lapsedAcknowledgement: entry.note }
      : { acknowledged: entry.note };
  }

  /**
   * Every entry with its status; `staleReason` says why an unmatched one applies to nothing. An entry on a
   * resource that could not be checked (`unchecked`) is never called stale: whether it applies is unknown.
   */
  records(
    staleReason: (entry: LedgerEntry) => string,
    unchecked: (entry: LedgerEntry) => boolean = () => false,
  ): AcknowledgementRecord[] {
    return this.entries.map((e) => ({
      ruleId: e.ruleId,
      ...(e.origin !== undefined ? { origin: e.origin } : {}),
      ...e.note,
      resources: e.resources,
      findings: e.matched,
      ...(e.matched === 0 && !unchecked(e)
        ? { status: 'stale' as const, staleReason: staleReason(e) }
        : { status: expiryStatus(e.lapsesAt, this.now) }),
    }));
  }
}

/** The finding with the outcome of its acknowledgement applied. */
export function withOutcome(finding: Finding, outcome: AcknowledgementOutcome): Finding {
  return 'acknowledged' in outcome || 'lapsedAcknowledgement' in outcome
    ? { ...finding, ...outcome }
    : finding;
}

/** The note a finding carries for an acknowledgement's terms. */
export function noteOf(reason: string, owner?: string, expires?: string): AcknowledgementNote {
  return {
    reason,
    ...(owner !== undefined ? { owner } : {}),
    ...(expires !== undefined ? { expires } : {}),
  };
}
