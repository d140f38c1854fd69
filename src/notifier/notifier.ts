/**
 * The notifier's logic, free of Lambda: for each SNS message, parse the events it carries, tier them, collapse
 * duplicates and bursts, post what remains to chat (and critical events to the pager), and dead-letter what
 * cannot be delivered. A malformed message is logged and dropped; it never fails the other messages.
 */
import { MalformedEventError, maxTier, type SecurityEvent, type Tier } from './events.js';
import type { DeadLetter, DeadLetterQueue } from './dead-letter.js';
import type { DedupStore } from './dedup-store.js';
import type { Logger } from './log.js';
import { parseMessage } from './parse.js';
import { renderBurstSummary, renderEvent, type ChatMessage } from './render.js';
import type { WebhookSecrets } from './secrets.js';
import { postJson, type PostDependencies, type RetryPolicy } from './webhook.js';

export interface NotifierConfig {
  /** Secrets Manager id (name or ARN) of the chat webhook URL. */
  readonly chatSecretId: string;
  /** Secrets Manager id of the paging webhook URL; critical events are posted there too. @default - no paging webhook */
  readonly pagingSecretId?: string;
  /** Every event from this topic is critical, whatever its source says. @default - tier from the event alone */
  readonly criticalTopicArn?: string;
  /** Identical events within this window are posted once. */
  readonly dedupWindowMs: number;
  /** More distinct events of one kind and tier than this within the window become one summary. */
  readonly burstThreshold: number;
  /** @default the defaults of RetryPolicy */
  readonly retry?: RetryPolicy;
}

export interface NotifierDependencies {
  readonly secrets: WebhookSecrets;
  readonly dedup: DedupStore;
  readonly deadLetters: DeadLetterQueue;
  readonly logger: Logger;
  /** fetch, sleep and randomness of the webhook client. @default the runtime's */
  readonly http?: PostDependencies;
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
  /** A duplicate that arrived critical after a warning copy: paged, not posted to chat again. */
  | 'escalated'
  | 'duplicate'
  | 'burst-suppressed'
  | 'dead-lettered';

export interface BatchReport {
  readonly received: number;
  readonly malformed: number;
  readonly events: Readonly<Record<EventOutcome, number>>;
}

type Decision =
  | { readonly action: 'post'; readonly previousDuplicates: number }
  | { readonly action: 'summarise'; readonly count: number; readonly windowEnd: Date }
  | { readonly action: 'escalate' }
  | { readonly action: 'suppress'; readonly outcome: 'duplicate' | 'burst-suppressed' };

export class Notifier {
  private readonly clock: () => Date;

  constructor(
    private readonly config: NotifierConfig,
    private readonly deps: NotifierDependencies,
  ) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Processes every message. Throws only when an event could be neither delivered nor dead-lettered, so the
   * invocation is retried (and finally lands in the function's own dead-letter queue) instead of being lost.
   */
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
    const undeliverable: unknown[] = [];
    for (const message of messages) {
      let parsed: SecurityEvent[];
      try {
        parsed = parseMessage(message.message, { topicRegion: message.topicArn.split(':')[3] ?? '' });
      } catch (error) {
        if (!(error instanceof MalformedEventError)) throw error;
        malformed += 1;
        // The reason names a path and an expectation, never the content: messages are not logged whole.
        this.deps.logger.warn('dropped a malformed message', {
          snsMessageId: message.messageId,
          topicArn: message.topicArn,
          bytes: Buffer.byteLength(message.message),
          reason: error.reason,
        });
        continue;
      }
      for (const event of parsed) {
        try {
          events[await this.handle(event, message)] += 1;
        } catch (error) {
          undeliverable.push(error);
        }
      }
    }
    const report = { received: messages.length, malformed, events };
    this.deps.logger.info('batch processed', { ...report });
    if (undeliverable.length)
      throw new AggregateError(
        undeliverable,
        `${undeliverable.length} event(s) could not be delivered or dead-lettered`,
      );
    return report;
  }

  private async handle(raw: SecurityEvent, message: IncomingMessage): Promise<EventOutcome> {
    const fromCriticalTopic =
      this.config.criticalTopicArn !== undefined && message.topicArn === this.config.criticalTopicArn;
    const event: SecurityEvent = {
      ...raw,
      tier: maxTier(raw.tier, fromCriticalTopic ? 'critical' : 'warning'),
    };
    const about = {
      snsMessageId: message.messageId,
      kind: event.kind,
      tier: event.tier,
      fingerprint: event.fingerprint,
    };
    const decision = await this.decide(event);
    if (decision.action === 'suppress') {
      this.deps.logger.info(`suppressed (${decision.outcome})`, about);
      return decision.outcome;
    }
    if (decision.action === 'escalate') return this.escalate(event, message, about);
    const chat =
      decision.action === 'post'
        ? renderEvent(event, { previousDuplicates: decision.previousDuplicates })
        : renderBurstSummary({
            kind: event.kind,
            tier: event.tier,
            count: decision.count,
            threshold: this.config.burstThreshold,
            windowEnd: decision.windowEnd,
            sample: event,
          });
    let delivered = false;
    try {
      delivered = await this.deliver(event.tier, chat, message, about);
    } finally {
      // An undelivered event must not hold its claim: the next occurrence (or the retried invocation) posts.
      if (!delivered)
        await this.deps.dedup
          .release(event.fingerprint)
          .catch((error: unknown) =>
            this.deps.logger.warn('could not release the dedup claim', { ...about, error }),
          );
    }
    if (!delivered) return 'dead-lettered';
    return decision.action === 'post' ? 'posted' : 'summarised';
  }

  /**
   * The same event arrived critical after a warning copy (a rule that publishes to both topics, with the
   * warning copy first): chat has it already, so only the pager is told.
   */
  private async escalate(
    event: SecurityEvent,
    message: IncomingMessage,
    about: Record<string, unknown>,
  ): Promise<EventOutcome> {
    if (!this.config.pagingSecretId) {
      this.deps.logger.info('suppressed (duplicate; no paging webhook to escalate to)', about);
      return 'duplicate';
    }
    const delivered = await this.post(
      'paging',
      this.config.pagingSecretId,
      renderEvent(event),
      message,
      about,
      false,
    );
    return delivered ? 'escalated' : 'dead-lettered';
  }

  private async decide(event: SecurityEvent): Promise<Decision> {
    const now = this.clock();
    const windowMs = this.config.dedupWindowMs;
    try {
      const claim = await this.deps.dedup.claim(event.fingerprint, now, windowMs, event.tier);
      if (!claim.first)
        return claim.escalated ? { action: 'escalate' } : { action: 'suppress', outcome: 'duplicate' };
      // Fixed windows keep the counter one atomic increment; a burst straddling two windows is summarised once
      // per window.
      const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
      const count = await this.deps.dedup.countInWindow(`${event.kind}:${event.tier}`, windowStart, windowMs);
      const threshold = this.config.burstThreshold;
      if (count <= threshold) return { action: 'post', previousDuplicates: claim.previousDuplicates };
      if (count === threshold + 1)
        return { action: 'summarise', count, windowEnd: new Date(windowStart.getTime() + windowMs) };
      return { action: 'suppress', outcome: 'burst-suppressed' };
    } catch (error) {
      // Fail open: a duplicate message is better than a lost alert.
      this.deps.logger.warn('dedup state unavailable; posting without deduplication', {
        fingerprint: event.fingerprint,
        error,
      });
      return { action: 'post', previousDuplicates: 0 };
    }
  }

  /** Posts to chat, and to the pager when critical. True when every required destination took it. */
  private async deliver(
    tier: Tier,
    body: ChatMessage,
    message: IncomingMessage,
    about: Record<string, unknown>,
  ): Promise<boolean> {
    let delivered = await this.post('chat', this.config.chatSecretId, body, message, about, true);
    if (tier === 'critical' && this.config.pagingSecretId)
      delivered =
        (await this.post('paging', this.config.pagingSecretId, body, message, about, false)) && delivered;
    return delivered;
  }

  private async post(
    destination: 'chat' | 'paging',
    secretId: string,
    body: ChatMessage,
    message: IncomingMessage,
    about: Record<string, unknown>,
    required: boolean,
  ): Promise<boolean> {
    const letter = (reason: string, attempts: number, status?: number): DeadLetter => ({
      destination,
      reason,
      attempts,
      status,
      fingerprint: about.fingerprint as string,
      snsMessageId: message.messageId,
      topicArn: message.topicArn,
      message: message.message,
    });
    let url: string | undefined;
    try {
      url = await this.deps.secrets.url(secretId);
    } catch (error) {
      const reason = `could not read the ${destination} webhook secret (${error instanceof Error ? error.name : 'error'})`;
      this.deps.logger.error(reason, { ...about, destination });
      await this.deadLetter(letter(reason, 0), about);
      return false;
    }
    if (!url) {
      if (!required) {
        this.deps.logger.warn(`the ${destination} webhook is not configured; not paged`, {
          ...about,
          destination,
        });
        return true;
      }
      const reason = `the ${destination} webhook secret holds no URL yet`;
      this.deps.logger.error(reason, { ...about, destination });
      await this.deadLetter(letter(reason, 0), about);
      return false;
    }
    const outcome = await postJson(url, body, this.config.retry, this.deps.http, (attempt, delayMs, reason) =>
      this.deps.logger.warn('webhook post failed; retrying', {
        ...about,
        destination,
        attempt,
        delayMs,
        reason,
      }),
    );
    if (outcome.ok) {
      this.deps.logger.info('posted', {
        ...about,
        destination,
        attempts: outcome.attempts,
        status: outcome.status,
      });
      return true;
    }
    // A rejected URL may have been rotated since it was cached.
    if (!outcome.retryable) this.deps.secrets.forget(secretId);
    this.deps.logger.error('webhook post failed; dead-lettering', {
      ...about,
      destination,
      attempts: outcome.attempts,
      status: outcome.status,
      reason: outcome.reason,
    });
    await this.deadLetter(letter(outcome.reason, outcome.attempts, outcome.status), about);
    return false;
  }

  private async deadLetter(letter: DeadLetter, about: Record<string, unknown>): Promise<void> {
    try {
      await this.deps.deadLetters.send(letter);
    } catch (error) {
      this.deps.logger.error('could not dead-letter an event', {
        ...about,
        destination: letter.destination,
        error,
      });
      throw error;
    }
    this.deps.logger.warn('dead-lettered', {
      ...about,
      destination: letter.destination,
      reason: letter.reason,
    });
  }
}
