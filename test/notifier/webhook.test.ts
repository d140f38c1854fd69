import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { postJson } from '../../src/notifier/webhook.js';
import { WebhookServer } from './webhook-server.js';

describe('postJson', () => {
  const server = new WebhookServer();
  const sleeps: number[] = [];
  const deps = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 1 };
  before(() => server.start());
  after(() => server.stop());
  beforeEach(() => {
    server.reset();
    sleeps.length = 0;
  });

  it('posts JSON once when the webhook accepts it', async () => {
    const outcome = await postJson(server.url('/hook'), { text: 'hi' }, {}, deps);
    assert.deepEqual(outcome, { ok: true, attempts: 1, status: 200 });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.method, 'POST');
    assert.equal(server.requests[0]!.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(server.requests[0]!.body), { text: 'hi' });
  });

  it('retries 5xx with exponential backoff and succeeds', async () => {
    server.script.push({ status: 503 }, { status: 502 }, { status: 500 });
    const outcome = await postJson(server.url('/hook'), {}, { maxAttempts: 4, baseDelayMs: 100 }, deps);
    assert.deepEqual(outcome, { ok: true, attempts: 4, status: 200 });
    assert.deepEqual(sleeps, [100, 200, 400]);
  });

  it('caps the backoff and gives up after the last attempt, reporting the status', async () => {
    server.fallback = { status: 500 };
    const outcome = await postJson(
      server.url('/hook'),
      {},
      { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300 },
      deps,
    );
    assert.deepEqual(outcome, { ok: false, attempts: 5, status: 500, reason: 'HTTP 500', retryable: true });
    assert.deepEqual(sleeps, [100, 200, 300, 300]);
    assert.equal(server.requests.length, 5);
  });

  it('uses full jitter: the random factor scales the backoff', async () => {
    server.script.push({ status: 500 }, { status: 500 });
    await postJson(server.url('/hook'), {}, { baseDelayMs: 1000 }, { ...deps, random: () => 0.5 });
    assert.deepEqual(sleeps, [500, 1000]);
  });

  it('honours Retry-After on 429, within the cap', async () => {
    server.script.push({ status: 429, headers: { 'retry-after': '2' } });
    const outcome = await postJson(server.url('/hook'), {}, { baseDelayMs: 10, maxDelayMs: 5000 }, deps);
    assert.equal(outcome.ok, true);
    assert.deepEqual(sleeps, [2000]);
  });

  it('does not retry a 4xx other than 429', async () => {
    server.script.push({ status: 404 });
    const outcome = await postJson(server.url('/hook'), {}, {}, deps);
    assert.deepEqual(outcome, { ok: false, attempts: 1, status: 404, reason: 'HTTP 404', retryable: false });
    assert.deepEqual(sleeps, []);
  });

  it('retries network errors (nothing listening) and reports them without the URL', async () => {
    const closed = await freePort();
    const url = `http://127.0.0.1:${closed}/T000/B000/secret-path`;
    const outcome = await postJson(url, {}, { maxAttempts: 3, baseDelayMs: 1 }, deps);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.attempts, 3);
    assert.ok(!outcome.ok && outcome.retryable);
    assert.ok(!outcome.ok && /^network error/.test(outcome.reason), !outcome.ok ? outcome.reason : '');
    assert.ok(!JSON.stringify(outcome).includes('secret-path'));
  });

  it('times out a webhook that does not answer', async () => {
    const sockets: Socket[] = [];
    const hang = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const { port } = hang.address() as { port: number };
    try {
      const outcome = await postJson(
        `http://127.0.0.1:${port}/`,
        {},
        { maxAttempts: 1, timeoutMs: 200 },
        deps,
      );
      assert.deepEqual(outcome, { ok: false, attempts: 1, reason: 'timed out', retryable: true });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => hang.close(() => r()));
    }
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
