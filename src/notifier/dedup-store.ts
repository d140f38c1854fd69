/**
 * Deduplication claims, in two phases.
 *
 * SNS invokes the notifier once per message, and a burst is spread over many concurrent containers, so state
 * in one container's memory would let every container post its own copy. The state lives in a DynamoDB table
 * instead (DynamoDbDedupStore): conditional writes make "first in the window" atomic across containers, and
 * TTL removes expired items. MemoryDedupStore has the same semantics for a single process.
 *
 * A claim starts `pending`, held by its owner (the SNS message id) for a lease. Only after the event was
 * delivered does it become `posted` (or `held`, when a burst held it back) for the dedup window; an owner that
 * fails releases it. An owner that dies mid-delivery (a Lambda timeout) cannot release it, so the claim is
 * taken over by the retry of the same message at once, and by any copy once the lease has run out: a retried
 * event is never dropped as a duplicate of its own failed attempt.
 */

import type { Tier } from './events.js';

/** `pending`: being delivered; `posted`: in chat; `held`: held back by a burst, not in chat on its own. */
export type ClaimState = 'pending' | 'posted' | 'held';

export interface ClaimRequest {
  readonly fingerprint: string;
  readonly tier: Tier;
  /** Who claims: the SNS message id, the same for Lambda's retries of one message. */
  readonly owner: string;
  readonly now: Date;
  /** How long a settled claim collapses identical events. */
  readonly windowMs: number;
  /** How long a pending claim may stay unsettled before another copy takes it over. */
  readonly leaseMs: number;
}

export type ClaimResult =
  /** This owner holds the claim; `previousDuplicates` were collapsed in the window before it. */
  | { readonly first: true; readonly previousDuplicates: number }
  /** Another live claim exists (this occurrence is counted as collapsed). */
  | { readonly first: false; readonly escalated: false }
  /**
   * The occurrence is critical and the live claim was a warning: the claim is now critical (exactly one copy
   * sees this), and this copy must page, and post to chat too unless the claim's event is already there.
   */
  | { readonly first: false; readonly escalated: true; readonly inChat: boolean };

export interface Settlement {
  readonly state: 'posted' | 'held';
  /** What was achieved: `critical` once chat and the pager have it, `warning` when only chat (or nothing) has. */
  readonly tier: Tier;
  readonly now: Date;
  readonly windowMs: number;
}

export interface DedupStore {
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /** Turns the owner's pending claim into a settled one for the window (no-op when it was taken over). */
  settle(fingerprint: string, owner: string, settlement: Settlement): Promise<void>;
  /** Gives the owner's claim up (its event could not be delivered), so the next occurrence is posted. */
  release(fingerprint: string, owner: string): Promise<void>;
}

interface MemoryClaim {
  state: ClaimState;
  tier: Tier;
  owner: string;
  leaseUntil: number;
  liveUntil: number;
  duplicates: number;
}

export class MemoryDedupStore implements DedupStore {
  private readonly claims = new Map<string, MemoryClaim>();

  async claim(r: ClaimRequest): Promise<ClaimResult> {
    const t = r.now.getTime();
    for (const [k, v] of this.claims) if (v.liveUntil + r.windowMs <= t) this.claims.delete(k);
    const existing = this.claims.get(r.fingerprint);
    const ownRetry = existing?.state === 'pending' && existing.owner === r.owner;
    if (existing && isLive(existing, t) && !ownRetry) {
      existing.duplicates += 1;
      if (r.tier === 'critical' && existing.tier === 'warning') {
        existing.tier = 'critical';
        return { first: false, escalated: true, inChat: existing.state === 'posted' };
      }
      return { first: false, escalated: false };
    }
    this.claims.set(r.fingerprint, {
      state: 'pending',
      tier: r.tier,
      owner: r.owner,
      leaseUntil: t + r.leaseMs,
      liveUntil: t + Math.max(r.windowMs, r.leaseMs),
      duplicates: 0,
    });
    // A retry taking over its own pending claim reports nothing collapsed "before" it.
    return {
      first: true,
      previousDuplicates: existing?.state === 'pending' ? 0 : (existing?.duplicates ?? 0),
    };
  }

  async settle(fingerprint: string, owner: string, s: Settlement): Promise<void> {
    const claim = this.claims.get(fingerprint);
    if (claim?.owner !== owner || claim.state !== 'pending') return;
    claim.state = s.state;
    claim.tier = s.tier;
    claim.liveUntil = s.now.getTime() + s.windowMs;
  }

  async release(fingerprint: string, owner: string): Promise<void> {
    const claim = this.claims.get(fingerprint);
    if (claim?.owner === owner && claim.state === 'pending') this.claims.delete(fingerprint);
  }
}

function isLive(claim: MemoryClaim, t: number): boolean {
  return claim.state === 'pending' ? claim.leaseUntil > t : claim.liveUntil > t;
}
