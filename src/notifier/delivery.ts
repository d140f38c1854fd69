/**
 * Delivery to one destination (the chat or the paging webhook) and dead-lettering of what could not be
 * delivered. A destination without a URL is a failure like any other: a critical event whose pager is not
 * configured yet is dead-lettered for the pager, not silently skipped.
 */
import type { DeadLetter, DeadLetterQueue } from './dead-letter.js';
import type { Logger } from './log.js';
import type { ChatMessage } from './render.js';
import type { WebhookSecrets } from './secrets.js';
import { postJson, type PostDependencies, type RetryPolicy } from './webhook.js';

export type Destination = 'chat' | 'paging';

export type SendResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly attempts: number; readonly status?: number };

export interface DeliveryConfig {
  readonly chatSecretId: string;
  /** @default - none: every paging attempt fails and is dead-lettered */
  readonly pagingSecretId?: string;
  /** @default the defaults of RetryPolicy */
  readonly retry?: RetryPolicy;
}

export interface DeliveryDependencies {
  readonly secrets: WebhookSecrets;
  readonly deadLetters: DeadLetterQueue;
  readonly logger: Logger;
  /** fetch, sleep and randomness of the webhook client. @default the runtime's */
  readonly http?: PostDependencies;
}

export class Delivery {
  constructor(
    private readonly config: DeliveryConfig,
    private readonly deps: DeliveryDependencies,
  ) {}

  /** Posts `body` to `destination`, retrying what may succeed later. Never throws. */
  async send(
    destination: Destination,
    body: ChatMessage,
    about: Record<string, unknown>,
  ): Promise<SendResult> {
    const log = { ...about, destination };
    const secretId = destination === 'chat' ? this.config.chatSecretId : this.config.pagingSecretId;
    const fail = (reason: string, attempts = 0, status?: number): SendResult => {
      this.deps.logger.error(reason, { ...log, attempts, status });
      return { ok: false, reason, attempts, status };
    };
    if (!secretId) return fail(`no ${destination} webhook is configured`);
    let url: string | undefined;
    try {
      url = await this.deps.secrets.url(secretId);
    } catch (error) {
      return fail(
        `could not read the ${destination} webhook secret (${error instanceof Error ? error.name : 'error'})`,
      );
    }
    if (!url) return fail(`the ${destination} webhook secret holds no URL yet`);
    let outcome: Awaited<ReturnType<typeof postJson>>;
    try {
      outcome = await postJson(url, body, this.config.retry, this.deps.http, (attempt, delayMs, reason) =>
        this.deps.logger.warn('webhook post failed; retrying', { ...log, attempt, delayMs, reason }),
      );
    } catch (error) {
      return fail(
        `the ${destination} webhook client failed (${error instanceof Error ? error.name : 'error'})`,
      );
    }
    if (outcome.ok) {
      this.deps.logger.info('posted', { ...log, attempts: outcome.attempts, status: outcome.status });
      return { ok: true };
    }
    // A rejected URL may have been rotated since it was cached.
    if (!outcome.retryable) this.deps.secrets.forget(secretId);
    this.deps.logger.error('webhook post failed', {
      ...log,
      attempts: outcome.attempts,
      status: outcome.status,
      reason: outcome.reason,
    });
    return { ok: false, reason: outcome.reason, attempts: outcome.attempts, status: outcome.status };
  }

  /** Sends a letter to the dead-letter queue; throws when even that fails (the invocation must then fail). */
  async deadLetter(letter: DeadLetter, about: Record<string, unknown>): Promise<void> {
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
