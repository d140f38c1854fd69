/**
 * The HTTP peers of the backup and drill jobs (Weaviate, the Kubernetes API) and of the key rotation function
 * (the Kubernetes API), broken or taken over: an endless answer, an answer that declares a huge length, one
 * sent a byte at a time, and a node list whose collection names are prototype keys. Each call fails on its own
 * with a message naming the operation, within its deadline and without reading more than the bound. Neither
 * Weaviate nor a Kubernetes API server runs here: a local HTTP server plays the hostile peer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_RESPONSE_BYTES, ResponseTooLargeError } from '../../src/contract/response-limits.js';
import { KubeScratchWeaviate } from '../../src/jobs/scratch-k8s.js';
import { WeaviateApi } from '../../src/jobs/weaviate-api.js';
import { KubeApiError, KubeRollout } from '../../src/rotation/kube-rollout.js';
import { FakeClock } from './fake-clock.js';

const scratchDir = mkdtempSync(join(tmpdir(), 'vf-peers-'));
after(() => rmSync(scratchDir, { recursive: true, force: true }));
const CHUNK = Buffer.alloc(1024 * 1024, 'a');
let peer: Server;
let base: string;
/** Bytes the peer managed to send on its endless answers (bounded by how soon the client stopped reading). */
let sentEndless = 0;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ROUTES: Record<string, Handler> = {
  // Chunked, no declared length, never ends on its own.
  endless: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const more = () => {
      while (res.write(CHUNK)) {
        sentEndless += CHUNK.length;
        if (sentEndless > 4 * MAX_RESPONSE_BYTES) return res.end();
      }
      res.once('drain', more);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    more();
  },
  declared: (_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(MAX_RESPONSE_BYTES + 1),
    });
    res.write('{');
  },
  dribble: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(timer));
  },
  prototypeKeys: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        nodes: [
          {
            shards: [
              { class: '__proto__', objectCount: 5 },
              { class: 'constructor', objectCount: 2 },
              { class: 'Article', objectCount: 7 },
            ],
          },
          { shards: [{ class: 'Article', objectCount: 3 }] },
        ],
      }),
    );
  },
  stringCount: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ nodes: [{ shards: [{ class: 'Article', objectCount: '5' }] }] }));
  },
};

/** The peer answers every request by the mode in its first path segment (`/endless/...`). */
let mode = 'endless';

before(async () => {
  peer = createServer((req, res) => ROUTES[mode]!(req, res));
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(peer.address() as { port: number }).port}`;
});
after(() => {
  peer.closeAllConnections();
  peer.close();
});

const weaviate = (timeoutMs = 10_000) =>
  new WeaviateApi({ baseUrl: base, apiKey: 'k', requestTimeoutMs: timeoutMs });

const rollout = (timeoutMs = 10_000) =>
  new KubeRollout({
    endpoint: base,
    token: () => Promise.resolve('t'),
    namespace: 'weaviate',
    statefulSet: 'weaviate',
    secret: { name: 's', keys: 'k', users: 'u' },
    timeoutMs,
  });

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await work();
    return { ms: Date.now() - started, error: undefined };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe('the jobs and the rotation function against hostile HTTP peers', () => {
  it('stops reading an endless Weaviate answer at the bound', async () => {
    mode = 'endless';
    sentEndless = 0;
    const { error } = await timed(() => weaviate().listBackups('s3'));
    assert.ok(error instanceof ResponseTooLargeError, String(error));
    assert.equal(error.message, `list backups: the answer is larger than 33,554,432 bytes; it is not read`);
    assert.ok(sentEndless < 2 * MAX_RESPONSE_BYTES, `the peer sent ${sentEndless} bytes`);
  });

  it('refuses a Weaviate answer that declares more than the bound before reading it', async () => {
    mode = 'declared';
    const { error, ms } = await timed(() => weaviate().collections());
    assert.ok(error instanceof ResponseTooLargeError, String(error));
    assert.match(error.message, /^read schema: the answer is larger than/);
    assert.ok(ms < 5000);
  });

  it('ends a Weaviate answer sent a byte at a time at the request deadline', async () => {
    mode = 'dribble';
    const { error, ms } = await timed(() => weaviate(1000).backupStatus('s3', 'b1'));
    assert.ok(error instanceof Error && error.name === 'TimeoutError', String(error));
    assert.ok(ms < 4000, `${ms} ms`);
  });

  it('counts objects of collections named like prototype keys as counts, never as prototypes', async () => {
    mode = 'prototypeKeys';
    const counts = await weaviate().objectCounts();
    assert.deepEqual(Object.keys(counts).sort(), ['Article', '__proto__', 'constructor']);
    assert.equal(counts.Article, 10);
    assert.equal(Object.getOwnPropertyDescriptor(counts, '__proto__')?.value, 5);
    assert.equal(Object.getOwnPropertyDescriptor(counts, 'constructor')?.value, 2);
    assert.equal(Object.getPrototypeOf(counts), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses a node list whose counts are not numbers instead of adding strings', async () => {
    mode = 'stringCount';
    await assert.rejects(
      weaviate().objectCounts(),
      /count objects \(a shard without a collection name and a count\)/,
    );
  });

  it('stops reading an endless Kubernetes API answer in the drill', async () => {
    mode = 'endless';
    sentEndless = 0;
    const tokenFile = join(scratchDir, 'token');
    writeFileSync(tokenFile, 'service-account-token\n');
    const scratch = new KubeScratchWeaviate({
      apiServer: base,
      tokenFile,
      namespace: 'weaviate-drill',
      statefulSet: 'weaviate',
      secret: 's',
      replicas: 1,
      url: base,
      clock: new FakeClock(Date.parse('2030-01-01T00:00:00Z')),
    });
    await assert.rejects(
      scratch.create(),
      /^ResponseTooLargeError: Kubernetes API PATCH \/api\/v1\/namespaces\/weaviate-drill\/secrets\/s: the answer is larger than/,
    );
    assert.ok(sentEndless < 2 * MAX_RESPONSE_BYTES, `the peer sent ${sentEndless} bytes`);
  });

  it('stops reading an endless Kubernetes API answer in the rotation', async () => {
    mode = 'endless';
    sentEndless = 0;
    const { error } = await timed(() => rollout().state());
    assert.ok(error instanceof KubeApiError, String(error));
    assert.match(
      error.message,
      /^GET \/apis\/apps\/v1\/namespaces\/weaviate\/statefulsets\/weaviate: the answer is larger than/,
    );
    assert.ok(sentEndless < 2 * MAX_RESPONSE_BYTES, `the peer sent ${sentEndless} bytes`);
  });

  it('ends a Kubernetes API answer sent a byte at a time at the rotation deadline', async () => {
    mode = 'dribble';
    // The socket idle timeout alone never fires: a byte arrives every 100 ms.
    const { error, ms } = await timed(() => rollout(1000).state());
    assert.ok(error instanceof KubeApiError, String(error));
    assert.match(error.message, /timed out$/);
    assert.ok(ms < 4000, `${ms} ms`);
  });
});
