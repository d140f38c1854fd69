/**
 * Posts a message to a webhook, retrying what may succeed later (network errors, timeouts, 429 and 5xx) with
 * exponential backoff and full jitter, and giving up at once on what will not (other 4xx: a revoked or wrong
 * URL). Uses the runtime's fetch; no HTTP client library is needed for one POST.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** First backoff; doubles per attempt. @default 250 */
  readonly baseDelayMs?: number;
  /** Cap of one backoff (also caps a server's Retry-After). @default 5000 */
  readonly maxDelayMs?: number;
  /** Time limit of one attempt. @default 5000 */
  readonly timeoutMs?: number;
}

export interface PostDependencies {
  readonly fetch?: typeof fetch;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  readonly random?: () => number;
}

export type PostOutcome =
  | { readonly ok: true; readonly attempts: number; readonly status: number }
  | {
      readonly ok: false;
      readonly attempts: number;
      /** Last HTTP status; absent after a network error or timeout. */
      readonly status?: number;
      /** Why it failed, without the URL. */
      readonly reason: string;
      /** Whether retrying later could help (false for 4xx other than 429). */
      readonly retryable: boolean;
    };

/** Notified before each backoff, for logging. */
export type RetryListener = (attempt: number, delayMs: number, reason: string) => void;

export async function postJson(
  url: string,
  body: unknown,
  policy: RetryPolicy = {},
  deps: PostDependencies = {},
  onRetry?: RetryListener,
): Promise<PostOutcome> {
  const maxAttempts = policy.maxAttempts ?? 4;
  const base = policy.baseDelayMs ?? 250;
  const cap = policy.maxDelayMs ?? 5000;
  const timeoutMs = policy.timeoutMs ?? 5000;
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const payload = JSON.stringify(body);

  let last: Extract<PostOutcome, { ok: false }> = {
    ok: false,
    attempts: 0,
    reason: 'not attempted',
    retryable: true,
  };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      const retryable = response.status === 429 || response.status >= 500;
      last = {
        ok: false,
        attempts: attempt,
        status: response.status,
        reason: `HTTP ${response.status}`,
        retryable,
      };
      if (!retryable) return last;
      retryAfterMs = retryAfter(response.headers.get('retry-after'));
    } catch (error) {
      last = { ok: false, attempts: attempt, reason: networkReason(error), retryable: true };
    }
    if (attempt === maxAttempts) break;
    const backoff = Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1)));
    const delay = Math.min(cap, Math.max(backoff, retryAfterMs ?? 0));
    onRetry?.(attempt, delay, last.reason);
    await sleep(delay);
  }
  return last;
}

/** Retry-After in seconds (an HTTP date is rare for webhooks and is ignored). */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function networkReason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? `network error ${code}` : `network error (${error.name})`;
  }
  return 'network error';
}
