/**
 * State for deduplication and burst summaries.
 *
 * SNS invokes the notifier once per message, and a burst is spread over many concurrent containers, so state
 * in one container's memory would let every container post its own copy. The state lives in a DynamoDB table
 * instead (DynamoDbDedupStore): conditional writes make "first in the window" atomic across containers, and
 * TTL removes expired items. MemoryDedupStore has the same semantics for a single process.
 */

import type { Tier } from './events.js';

export type ClaimResult =
  /** First occurrence in a new window; `previousDuplicates` were collapsed in the window before it. */
  | { readonly first: true; readonly previousDuplicates: number }
  /**
   * Another occurrence within the live window (now counted as collapsed). `escalated` when it is critical and
   * the claim was a warning: the claim becomes critical, and the caller pages without posting to chat again.
   */
  | { readonly first: false; readonly escalated: boolean };

export interface DedupStore {
  /** Claims `fingerprint` at `tier` for `windowMs` from `now`, unless a claim is still live. */
  claim(fingerprint: string, now: Date, windowMs: number, tier: Tier): Promise<ClaimResult>;
  /**
   * Counts one event towards `key` in the fixed window that starts at `windowStart`; returns the count,
   * this event included.
   */
  countInWindow(key: string, windowStart: Date, windowMs: number): Promise<number>;
  /** Gives up a claim (its event could not be delivered), so the next occurrence is posted, not collapsed. */
  release(fingerprint: string): Promise<void>;
}

export class MemoryDedupStore implements DedupStore {
  private readonly claims = new Map<string, { expiresAt: number; duplicates: number; tier: Tier }>();
  private readonly counters = new Map<string, { expiresAt: number; count: number }>();

  async claim(fingerprint: string, now: Date, windowMs: number, tier: Tier): Promise<ClaimResult> {
    const t = now.getTime();
    for (const [k, v] of this.claims) if (v.expiresAt + windowMs <= t) this.claims.delete(k);
    const existing = this.claims.get(fingerprint);
    if (existing && existing.expiresAt > t) {
      existing.duplicates += 1;
      const escalated = tier === 'critical' && existing.tier === 'warning';
      if (escalated) existing.tier = 'critical';
      return { first: false, escalated };
    }
    this.claims.set(fingerprint, { expiresAt: t + windowMs, duplicates: 0, tier });
    return { first: true, previousDuplicates: existing?.duplicates ?? 0 };
  }

  async release(fingerprint: string): Promise<void> {
    this.claims.delete(fingerprint);
  }

  async countInWindow(key: string, windowStart: Date, windowMs: number): Promise<number> {
    const id = `${key}@${windowStart.getTime()}`;
    for (const [k, v] of this.counters) if (v.expiresAt <= windowStart.getTime()) this.counters.delete(k);
    const entry = this.counters.get(id) ?? { expiresAt: windowStart.getTime() + windowMs, count: 0 };
    entry.count += 1;
    this.counters.set(id, entry);
    return entry.count;
  }
}
