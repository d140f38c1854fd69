/**
 * The notifier wired to in-memory dependencies for fast tests: a fake Secrets Manager, a fake fetch that records
 * each post by destination and answers from a policy, the memory dedup store and burst ledger, and a dead-letter
 * queue that keeps its letters.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { MemoryBurstLedger } from '../../src/notifier/burst-ledger.js';
import type { DeadLetter } from '../../src/notifier/dead-letter.js';
import { MemoryDedupStore } from '../../src/notifier/dedup-store.js';
import { Logger } from '../../src/notifier/log.js';
import { Notifier, type IncomingMessage, type NotifierConfig } from '../../src/notifier/notifier.js';
import type { ChatMessage } from '../../src/notifier/render.js';
import { WebhookSecrets } from '../../src/notifier/secrets.js';
import { CRITICAL_TOPIC_ARN, TOPIC_ARN } from './fixtures.js';

export const CHAT_URL = 'https://hooks.chat.test/services/T0/B0/chat';
export const PAGING_URL = 'https://hooks.pager.test/v2/enqueue/paging';

/** What a webhook answers: an HTTP status, a thrown network error, or never (a hung connection). */
export type Answer = number | 'network-error' | 'hang';

export interface HarnessOptions {
  /** Secret values by id: `chat` and `paging` hold the two URLs unless overridden (`''` is the placeholder). */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly config?: Partial<NotifierConfig>;
  /** @default () => 200 */
  readonly answer?: (destination: 'chat' | 'paging', body: ChatMessage) => Answer;
  /** Shared state, to play several containers. @default fresh stores */
  readonly dedup?: MemoryDedupStore;
  readonly bursts?: MemoryBurstLedger;
  readonly now?: () => Date;
}

export interface Harness {
  readonly notifier: Notifier;
  readonly posts: { readonly chat: ChatMessage[]; readonly paging: ChatMessage[] };
  readonly letters: DeadLetter[];
  readonly logs: Record<string, unknown>[];
  /** Resolves when the next request reaches a webhook. */
  nextRequest(): Promise<void>;
}

export function harness(options: HarnessOptions = {}): Harness {
  const secrets: Record<string, string> = { chat: CHAT_URL, paging: PAGING_URL, ...options.secrets };
  const posts = { chat: [] as ChatMessage[], paging: [] as ChatMessage[] };
  const letters: DeadLetter[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = new Logger((line) => logs.push(JSON.parse(line) as Record<string, unknown>), {
    component: 'notifier',
  });
  let onRequest: (() => void) | undefined;
  const client = {
    send: async (command: { input: { SecretId: string } }) => ({
      SecretString: secrets[command.input.SecretId],
    }),
  } as unknown as SecretsManagerClient;
  const fakeFetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const destination = String(url) === PAGING_URL ? 'paging' : 'chat';
    const body = JSON.parse(String(init?.body)) as ChatMessage;
    onRequest?.();
    const answer = options.answer?.(destination, body) ?? 200;
    if (answer === 'hang') return new Promise<Response>(() => undefined);
    if (answer === 'network-error') throw new TypeError('fetch failed');
    if (answer < 300) posts[destination].push(body);
    return new Response(answer < 300 ? 'ok' : 'error', { status: answer });
  };
  const notifier = new Notifier(
    {
      chatSecretId: 'chat',
      pagingSecretId: 'paging',
      criticalTopicArn: CRITICAL_TOPIC_ARN,
      dedupWindowMs: 900_000,
      burstThreshold: 10,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 },
      ...options.config,
    },
    {
      secrets: new WebhookSecrets({ client, logger }),
      dedup: options.dedup ?? new MemoryDedupStore(),
      bursts: options.bursts ?? new MemoryBurstLedger(),
      deadLetters: { send: async (letter) => void letters.push(letter) },
      logger,
      http: { fetch: fakeFetch as typeof fetch, sleep: async () => undefined, random: () => 0 },
      clock: options.now ?? (() => new Date('2026-11-22T22:00:00Z')),
    },
  );
  return {
    notifier,
    posts,
    letters,
    logs,
    nextRequest: () => new Promise<void>((resolve) => (onRequest = resolve)),
  };
}

/** An SNS message for Notifier.process. */
export function incoming(
  message: unknown,
  options: { critical?: boolean; id?: string } = {},
): IncomingMessage {
  return {
    messageId: options.id ?? `msg-${Math.random().toString(36).slice(2)}`,
    topicArn: options.critical ? CRITICAL_TOPIC_ARN : TOPIC_ARN,
    message: typeof message === 'string' ? message : JSON.stringify(message),
  };
}

/** Every piece of text a chat message shows: `text`, and the text of every block, field and element. */
export function textsOf(message: ChatMessage): string[] {
  const texts = [message.text];
  for (const block of message.blocks as {
    text?: { text: string };
    fields?: { text: string }[];
    elements?: { text: string }[];
  }[]) {
    if (block.text) texts.push(block.text.text);
    for (const f of block.fields ?? []) texts.push(f.text);
    for (const e of block.elements ?? []) texts.push(e.text);
  }
  return texts;
}

/** The links the notifier itself renders: AWS console and documentation hosts only. */
const OWN_LINK = /<(https:\/\/[^|<>\s]+)\|[^<>]*>/g;
const AWS_HOST =
  /^https:\/\/(?:[a-z0-9-]+\.console\.aws\.amazon\.com|console\.amazonaws\.cn|console\.amazonaws-us-gov\.com|docs\.aws\.amazon\.com)\//;

/**
 * What in `text` could mention people or link anywhere: any `<` left outside the notifier's own AWS links, an
 * `@` directly followed by a name, a Markdown link or reference (`](`, `][`, `]:`), a URL scheme separator, or
 * an own link to a host other than AWS's. Empty when the text is inert.
 */
export function unsafeSpans(text: string): string[] {
  const found: string[] = [];
  const rest = text.replace(OWN_LINK, (_link, url: string) => {
    if (!AWS_HOST.test(url)) found.push(`link to ${url}`);
    return ' ';
  });
  for (const pattern of [/</g, /@[\p{L}\p{N}_]/gu, /\][([:]/g, /:\/\//g])
    for (const m of rest.matchAll(pattern)) found.push(m[0]);
  return found;
}
