/**
 * Webhook URLs from Secrets Manager, cached per container for a TTL so a burst does not call Secrets Manager
 * per message, while a rotated URL is picked up within minutes. The value is the URL itself or JSON
 * `{"url": "…"}`; an empty value (the placeholder the stack creates) means "not configured yet".
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Logger } from './log.js';

export class WebhookNotConfiguredError extends Error {
  override readonly name = 'WebhookNotConfiguredError';
}

export class InvalidWebhookError extends Error {
  override readonly name = 'InvalidWebhookError';
}

export interface WebhookSecretsOptions {
  readonly client: SecretsManagerClient;
  readonly logger: Logger;
  /** @default 300_000 (five minutes) */
  readonly ttlMs?: number;
  /** @default Date.now */
  readonly clock?: () => number;
}

export class WebhookSecrets {
  private readonly cache = new Map<string, { url: string | undefined; until: number }>();
  private readonly ttlMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: WebhookSecretsOptions) {
    this.ttlMs = options.ttlMs ?? 300_000;
    this.clock = options.clock ?? Date.now;
  }

  /** The URL in `secretId`; undefined when the secret holds the empty placeholder. */
  async url(secretId: string): Promise<string | undefined> {
    const now = this.clock();
    const hit = this.cache.get(secretId);
    if (hit && hit.until > now) return hit.url;
    const out = await this.options.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const url = parseWebhookSecret(out.SecretString ?? '');
    if (url) this.options.logger.addSecret(url);
    this.cache.set(secretId, { url, until: now + this.ttlMs });
    return url;
  }

  /** Forgets a cached value (after the webhook rejected it, a rotated value may be waiting). */
  forget(secretId: string): void {
    this.cache.delete(secretId);
  }
}

/** The URL in a secret value, or undefined for the placeholder. Throws InvalidWebhookError (without the value). */
export function parseWebhookSecret(value: string): string | undefined {
  let text = value.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InvalidWebhookError('the webhook secret is neither a URL nor JSON with a "url" key');
    }
    const url = (parsed as { url?: unknown }).url;
    if (url !== undefined && typeof url !== 'string')
      throw new InvalidWebhookError('the webhook secret\'s "url" is not a string');
    text = (url ?? '').trim();
  }
  if (text === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new InvalidWebhookError('the webhook secret does not hold a valid URL');
  }
  // Plain HTTP would send security findings and the URL's own credential in clear text; it is accepted only
  // for a receiver on the loopback interface (a local relay or a test).
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback))
    throw new InvalidWebhookError('the webhook URL must use https');
  return text;
}
