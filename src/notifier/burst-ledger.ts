/**
 * Burst accounting: distinct events counted per kind and tier in fixed windows, and what a burst held back, so
 * that a closing summary accounts for every event that was not posted on its own.
 *
 * Fixed windows keep the counter one atomic increment. Events held back are counted (with the first titles)
 * on the window; the window is registered as open, and the first invocation after it has ended takes it (once,
 * across containers) and posts the closing summary. A closing summary that cannot be posted is put back.
 */
import type { EventKind, Tier } from './events.js';

/** Titles kept per window for the closing summary; the count covers the rest. */
export const HELD_TITLES_KEPT = 10;
/** How long an unreported window is kept, waiting for an invocation to report it. */
export const HELD_WINDOW_RETENTION_MS = 7 * 24 * 3600 * 1000;

export interface BurstWindow {
  readonly kind: EventKind;
  readonly tier: Tier;
  readonly start: Date;
  readonly windowMs: number;
}

export interface EndedBurst extends BurstWindow {
  /** Events held back in the window. */
  readonly held: number;
  /** The first titles held back (at most HELD_TITLES_KEPT). */
  readonly titles: readonly string[];
}

export interface BurstLedger {
  /** Counts one event towards its window; returns the count, this event included. */
  countInWindow(window: BurstWindow): Promise<number>;
  /** Records an event held back in its window, to be reported when the window has ended. */
  hold(window: BurstWindow, title: string): Promise<void>;
  /** Takes the ended windows with held-back events that nobody has reported yet. */
  takeEnded(now: Date): Promise<EndedBurst[]>;
  /** Puts a taken window back (its closing summary could not be posted). */
  putBack(burst: EndedBurst): Promise<void>;
}

/** The window's key: `<kind>:<tier>#<start ms>#<length ms>`. */
export function windowKey(w: BurstWindow): string {
  return `${w.kind}:${w.tier}#${w.start.getTime()}#${w.windowMs}`;
}

export function parseWindowKey(key: string): BurstWindow | undefined {
  const match = /^([a-z-]+):(critical|warning)#(\d+)#(\d+)$/.exec(key);
  if (!match) return undefined;
  return {
    kind: match[1] as EventKind,
    tier: match[2] as Tier,
    start: new Date(Number(match[3])),
    windowMs: Number(match[4]),
  };
}

export class MemoryBurstLedger implements BurstLedger {
  private readonly windows = new Map<
    string,
    { count: number; held: number; titles: string[]; reported: boolean; expiresAt: number }
  >();
  private readonly open = new Set<string>();

  async countInWindow(w: BurstWindow): Promise<number> {
    const entry = this.entry(w);
    entry.count += 1;
    return entry.count;
  }

  async hold(w: BurstWindow, title: string): Promise<void> {
    const entry = this.entry(w);
    entry.held += 1;
    entry.expiresAt = w.start.getTime() + HELD_WINDOW_RETENTION_MS;
    if (entry.titles.length < HELD_TITLES_KEPT) entry.titles.push(title);
    this.open.add(windowKey(w));
  }

  async takeEnded(now: Date): Promise<EndedBurst[]> {
    const t = now.getTime();
    for (const [k, v] of this.windows) if (v.expiresAt <= t) this.windows.delete(k);
    const ended: EndedBurst[] = [];
    for (const key of this.open) {
      const w = parseWindowKey(key);
      if (!w || w.start.getTime() + w.windowMs > t) continue;
      this.open.delete(key);
      const entry = this.windows.get(key);
      if (!entry || entry.reported) continue;
      entry.reported = true;
      ended.push({ ...w, held: entry.held, titles: [...entry.titles] });
    }
    return ended;
  }

  async putBack(burst: EndedBurst): Promise<void> {
    const entry = this.windows.get(windowKey(burst));
    if (entry) entry.reported = false;
    this.open.add(windowKey(burst));
  }

  private entry(w: BurstWindow) {
    const key = windowKey(w);
    let entry = this.windows.get(key);
    if (!entry) {
      entry = {
        count: 0,
        held: 0,
        titles: [],
        reported: false,
        expiresAt: w.start.getTime() + 2 * w.windowMs,
      };
      this.windows.set(key, entry);
    }
    return entry;
  }
}
