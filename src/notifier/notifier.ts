/**
 * The notifier's logic, free of Lambda: for each SNS message, parse the events it carries, tier them, collapse
 * duplicates and bursts, post what remains to chat (and critical events to the pager), and dead-letter what
 * cannot be delivered.
 *
 * What it guarantees: a critical event reaches chat and the pager, or the dead-letter queue for the
 * destination that did not take it (never a burst summary, never "not configured, skipped"). Every event a
 * burst held back is counted in a summary. Each message and each item of a batch stands alone: one that fails
 * the schema is logged (and dead-lettered when it came through the critical topic), the others are delivered.
 * `process` throws only when something could be neither delivered nor dead-lettered, so that Lambda retries.
 */
import type { BurstLedger, BurstWindow } from './burst-ledger.js';
import type { DeadLetter } from './dead-letter.js';
import type { DedupStore, Settlement } from './dedup-store.js';
import { Delivery, type DeliveryConfig, type DeliveryDependencies, type Destination } from './delivery.js';
import { MalformedEventError, maxTier, type SecurityEvent } from './events.js';
import { parseMessage, type ParsedMessage } from './parse.js';
import { renderBurstSummary, renderEvent, renderHeldBackSummary, type ChatMessage } from './render.js';

export interface NotifierConfig extends DeliveryConfig {
  /** Every event from this topic is critical, whatever its source says. @default - tier from the event alone */
  readonly criticalTopicArn?: string;
  /** Identical events within this window are posted once. */
  readonly dedupWindowMs: number;
  /** More distinct warnings of one kind than this within the window become one summary. */
  readonly burstThreshold: number;
  /**
   * How long a claim being delivered keeps other copies away; longer than one invocation can run (the function's
   * timeout is 90 seconds), so a live delivery is never taken over.
   * @default 120_000
   */
  readonly claimLeaseMs?: number;
}

export interface NotifierDependencies extends DeliveryDependencies {
  readonly dedup: DedupStore;
  readonly bursts: BurstLedger;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

/** One SNS message as the notifier needs it. */
export interface IncomingMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly message: string;
}

export type EventOutcome =
  | 'posted'
  | 'summarised'
  /** A critical copy of an event chat already had: paged, not posted to chat again. */
  | 'escalated'
  | 'duplicate'
  /** Held back by a burst; reported by the closing summary of its window. */
  | 'burst-suppressed'
  | 'dead-lettered';

export interface BatchReport {
  readonly received: number;
  /** Messages not understood as a whole. */
  readonly malformed: number;
  /** Items of otherwise understood batches (Security Hub findings) that failed the schema. */
  readonly rejected: number;
  /** Closing summaries of ended bursts posted by this invocation. */
  readonly heldBackReported: number;
  readonly events: Readonly<Record<EventOutcome, number>>;
}

type Decision =
  | { readonly action: 'post'; readonly claimed: boolean; readonly previousDuplicates: number }
  | { readonly action: 'summarise'; readonly count: number; readonly window: BurstWindow }
  | { readonly action: 'hold'; readonly window: BurstWindow }
  | { readonly action: 'escalate'; readonly inChat: boolean }
  | { readonly action: 'duplicate' };

export class Notifier {
  private readonly clock: () => Date;
  private readonly delivery: Delivery;

  constructor(
    private readonly config: NotifierConfig,
    private readonly deps: NotifierDependencies,
  ) {
    this.clock = deps.clock ?? (() => new Date());
    this.delivery = new Delivery(config, deps);
  }

  /** Processes every message; each one, and each event in it, independently of the others. */
  async process(messages: readonly IncomingMessage[]): Promise<BatchReport> {
    const events: Record<EventOutcome, number> = {
      posted: 0,
      summarised: 0,
      escalated: 0,
      duplicate: 0,
      'burst-suppressed': 0,
      'dead-lettered': 0,
    };
    let malformed = 0;
    let rejected = 0;
    const undeliverable: unknown[] = [];
    const heldBackReported = await this.reportEndedBursts();
    for (const message of messages) {
      const parsed = await this.parse(message).catch((error: unknown) => {
        undeliverable.push(error);
        return undefined;
      });
      if (!parsed) {
        malformed += 1;
        continue;
      }
      rejected += parsed.rejected.length;
      for (const event of parsed.events) {
        try {
          events[await this.handleSafely(event, message)] += 1;
        } catch (error) {
          undeliverable.push(error);
        }
      }
    }
    const report = { received: messages.length, malformed, rejected, heldBackReported, events };
    this.deps.logger.info('batch processed', { ...report });
    if (undeliverable.length)
      throw new AggregateError(
        undeliverable,
        `${undeliverable.length} event(s) could not be delivered or dead-lettered`,
      );
    return report;
  }

  /**
   * The message's events; undefined when it is not understood at all. What is not understood is logged by
   * path, never by content, and dead-lettered when it came through the critical topic (nothing sent to be
   * paged on is dropped) or when parsing failed in an unexpected way.
   */
  private async parse(message: IncomingMessage): Promise<ParsedMessage | undefined> {
    const about = { snsMessageId: message.messageId, topicArn: message.topicArn };
    const critical = this.fromCriticalTopic(message);
    let parsed: ParsedMessage;
    try {
      parsed = parseMessage(message.message, {
        topicRegion: message.topicArn.split(':')[3] ?? '',
        topicAccount: message.topicArn.split(':')[4],
      });
    } catch (error) {
      const expected = error instanceof MalformedEventError;
      const reason = expected ? error.reason : `the parser failed (${errorName(error)})`;
      this.deps.logger.warn('dropped a malformed message', {
        ...about,
        bytes: Buffer.byteLength(message.message),
        reason,
      });
      if (critical || !expected)
        await this.delivery.deadLetter(this.letter('notifier', reason, message), about);
      return undefined;
    }
    for (const reason of parsed.rejected)
      this.deps.logger.warn('dropped a malformed item of a batch', { ...about, reason });
    if (parsed.rejected.length && critical)
      await this.delivery.deadLetter(this.letter('notifier', parsed.rejected.join('; '), message), about);
    return parsed;
  }

  /** handle(), with a failure of the notifier itself dead-lettered instead of losing the event. */
  private async handleSafely(event: SecurityEvent, message: IncomingMessage): Promise<EventOutcome> {
    try {
      return await this.handle(event, message);
    } catch (error) {
      const about = { snsMessageId: message.messageId, fingerprint: event.fingerprint };
      this.deps.logger.error('the notifier failed on an event', { ...about, error });
      await this.delivery.deadLetter(
        this.letter('notifier', `the notifier failed (${errorName(error)})`, message, event.fingerprint),
        about,
      );
      return 'dead-lettered';
    }
  }

  private async handle(raw: SecurityEvent, message: IncomingMessage): Promise<EventOutcome> {
    const event: SecurityEvent = {
      ...raw,
      tier: maxTier(raw.tier, this.fromCriticalTopic(message) ? 'critical' : 'warning'),
    };
    const about = {
      snsMessageId: message.messageId,
      kind: event.kind,
      tier: event.tier,
      fingerprint: event.fingerprint,
    };
    const decision = await this.decide(event, message.messageId);
    switch (decision.action) {
      case 'duplicate':
        this.deps.logger.info('suppressed (duplicate)', about);
        return 'duplicate';
      case 'escalate': {
        // Chat has the event when its warning copy was posted on its own; otherwise (held back by a burst, or
        // still being delivered) chat gets it now too.
        const legs: Destination[] = decision.inChat ? ['paging'] : ['chat', 'paging'];
        const taken = await this.deliver(legs, renderEvent(event), message, about);
        if (!legs.every((leg) => taken.has(leg))) return 'dead-lettered';
        return decision.inChat ? 'escalated' : 'posted';
      }
      case 'hold':
        try {
          await this.deps.bursts.hold(decision.window, event.title);
          await this.settle(event, message.messageId, { state: 'held', tier: 'warning' }, about);
          this.deps.logger.info('held back by a burst', about);
          return 'burst-suppressed';
        } catch (error) {
          this.deps.logger.warn('could not hold the event back; posting it', { ...about, error });
          return this.post(event, message, about, true, 0);
        }
      case 'summarise': {
        const body = renderBurstSummary({
          kind: event.kind,
          tier: event.tier,
          count: decision.count,
          threshold: this.config.burstThreshold,
          windowEnd: new Date(decision.window.start.getTime() + decision.window.windowMs),
          sample: event,
        });
        const taken = await this.deliver(['chat'], body, message, about);
        if (!taken.has('chat')) {
          await this.release(event, message.messageId, about);
          return 'dead-lettered';
        }
        await this.settle(event, message.messageId, { state: 'held', tier: 'warning' }, about);
        return 'summarised';
      }
      case 'post':
        return this.post(event, message, about, decision.claimed, decision.previousDuplicates);
    }
  }

  private async post(
    event: SecurityEvent,
    message: IncomingMessage,
    about: Record<string, unknown>,
    claimed: boolean,
    previousDuplicates: number,
  ): Promise<EventOutcome> {
    const legs: Destination[] = event.tier === 'critical' ? ['chat', 'paging'] : ['chat'];
    const taken = await this.deliver(legs, renderEvent(event, { previousDuplicates }), message, about);
    if (claimed) {
      // Only an event chat has keeps its claim. One the pager did not take keeps it as a warning, so a
      // critical copy arriving later still pages.
      if (!taken.has('chat')) await this.release(event, message.messageId, about);
      else
        await this.settle(
          event,
          message.messageId,
          { state: 'posted', tier: taken.has('paging') ? 'critical' : 'warning' },
          about,
        );
    }
    return legs.every((leg) => taken.has(leg)) ? 'posted' : 'dead-lettered';
  }

  private async decide(event: SecurityEvent, owner: string): Promise<Decision> {
    const now = this.clock();
    const windowMs = this.config.dedupWindowMs;
    let claim;
    try {
      claim = await this.deps.dedup.claim({
        fingerprint: event.fingerprint,
        tier: event.tier,
        owner,
        now,
        windowMs,
        leaseMs: this.config.claimLeaseMs ?? 120_000,
      });
    } catch (error) {
      // Fail open: a duplicate message is better than a lost alert.
      this.deps.logger.warn('dedup state unavailable; posting without deduplication', {
        fingerprint: event.fingerprint,
        error,
      });
      return { action: 'post', claimed: false, previousDuplicates: 0 };
    }
    if (!claim.first)
      return claim.escalated ? { action: 'escalate', inChat: claim.inChat } : { action: 'duplicate' };
    const post = { action: 'post', claimed: true, previousDuplicates: claim.previousDuplicates } as const;
    // A critical event is never held back: it goes to chat and the pager on its own, whatever the burst.
    if (event.tier === 'critical') return post;
    const window: BurstWindow = {
      kind: event.kind,
      tier: event.tier,
      start: new Date(Math.floor(now.getTime() / windowMs) * windowMs),
      windowMs,
    };
    let count: number;
    try {
      count = await this.deps.bursts.countInWindow(window);
    } catch (error) {
      this.deps.logger.warn('burst counter unavailable; posting', { fingerprint: event.fingerprint, error });
      return post;
    }
    const threshold = this.config.burstThreshold;
    if (count <= threshold) return post;
    if (count === threshold + 1) return { action: 'summarise', count, window };
    return { action: 'hold', window };
  }

  /** Posts `body` to each destination; dead-letters each that did not take it. Returns those that did. */
  private async deliver(
    legs: readonly Destination[],
    body: ChatMessage,
    message: IncomingMessage,
    about: Record<string, unknown>,
  ): Promise<Set<Destination>> {
    const taken = new Set<Destination>();
    for (const leg of legs) {
      const result = await this.delivery.send(leg, body, about);
      if (result.ok) taken.add(leg);
      else
        await this.delivery.deadLetter(
          {
            ...this.letter(leg, result.reason, message, about.fingerprint as string),
            attempts: result.attempts,
            status: result.status,
          },
          about,
        );
    }
    return taken;
  }

  /** Posts the closing summary of every ended burst nobody has reported yet. */
  private async reportEndedBursts(): Promise<number> {
    let ended;
    try {
      ended = await this.deps.bursts.takeEnded(this.clock());
    } catch (error) {
      this.deps.logger.warn('burst ledger unavailable; ended bursts are reported later', { error });
      return 0;
    }
    let reported = 0;
    for (const burst of ended) {
      const about = { kind: burst.kind, tier: burst.tier, windowStart: burst.start.toISOString() };
      const body = renderHeldBackSummary({
        kind: burst.kind,
        tier: burst.tier,
        windowStart: burst.start,
        windowEnd: new Date(burst.start.getTime() + burst.windowMs),
        held: burst.held,
        titles: burst.titles,
      });
      const result = await this.delivery.send('chat', body, about);
      if (result.ok) {
        reported += 1;
        continue;
      }
      await this.deps.bursts
        .putBack(burst)
        .catch((error: unknown) =>
          this.deps.logger.error('could not put an unreported burst back', { ...about, error }),
        );
    }
    return reported;
  }

  private async settle(
    event: SecurityEvent,
    owner: string,
    s: Pick<Settlement, 'state' | 'tier'>,
    about: Record<string, unknown>,
  ): Promise<void> {
    await this.deps.dedup
      .settle(event.fingerprint, owner, { ...s, now: this.clock(), windowMs: this.config.dedupWindowMs })
      .catch((error: unknown) =>
        // The lease runs out instead: at worst a later copy is posted again.
        this.deps.logger.warn('could not settle the dedup claim', { ...about, error }),
      );
  }

  /** An undelivered event must not hold its claim: the next occurrence (or the retried invocation) posts. */
  private async release(event: SecurityEvent, owner: string, about: Record<string, unknown>): Promise<void> {
    await this.deps.dedup
      .release(event.fingerprint, owner)
      .catch((error: unknown) =>
        this.deps.logger.warn('could not release the dedup claim', { ...about, error }),
      );
  }

  private fromCriticalTopic(message: IncomingMessage): boolean {
    return this.config.criticalTopicArn !== undefined && message.topicArn === this.config.criticalTopicArn;
  }

  private letter(
    destination: DeadLetter['destination'],
    reason: string,
    message: IncomingMessage,
    fingerprint?: string,
  ): DeadLetter {
    return {
      destination,
      reason,
      attempts: 0,
      fingerprint,
      snsMessageId: message.messageId,
      topicArn: message.topicArn,
      message: message.message,
    };
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'error';
}
