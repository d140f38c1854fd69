/**
 * The example signing proxy listens on 127.0.0.1 and signs whatever reaches it with the consumer's role, so what
 * reaches it is hostile input: a web page that rebinds its name to 127.0.0.1, an absolute URL as the request
 * target, a body larger than memory, a client that never finishes, and an upstream that stalls or breaks off
 * its answer. VPC Lattice does not run here; the upstream is a local HTTP server standing in for it.
 */
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startSigningProxy } from '../../examples/lattice-consumer/signing-proxy.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const portOf = (s: Server) => (s.address() as { port: number }).port;
const MAX_BODY = 1024 * 1024;
const TIMEOUT_MS = 1500;

let upstream: Server;
let proxy: Server;
let forwarded: string[] = [];

before(async () => {
  upstream = createServer((req, res) => {
    forwarded.push(req.url ?? '');
    if (req.url === '/v1/stall') return; // never answers
    if (req.url === '/v1/break') {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 50);
      return;
    }
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startSigningProxy(
    {
      upstream: new URL(`http://127.0.0.1:${portOf(upstream)}`),
      region: 'us-east-1',
      credentials,
      maxBodyBytes: MAX_BODY,
      timeoutMs: TIMEOUT_MS,
    },
    0,
  );
});
after(() => {
  proxy.closeAllConnections();
  proxy.close();
  upstream.closeAllConnections();
  upstream.close();
});

interface Outcome {
  readonly status?: number;
  readonly text: string;
  readonly broken?: string;
}

function call(path: string, options: { host?: string; body?: Buffer } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: portOf(proxy),
        method: 'POST',
        path,
        ...(options.host ? { headers: { host: options.host } } : {}),
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode, text }));
        res.on('error', (e) => resolve({ status: res.statusCode, text, broken: e.message }));
      },
    );
    req.on('error', (e) => resolve({ text: '', broken: e.message }));
    req.end(options.body);
  });
}

describe('the example signing proxy under hostile requests', () => {
  it('signs nothing for a request addressed to another host name (DNS rebinding)', async () => {
    forwarded = [];
    const got = await call('/v1/objects', { host: 'attacker.example:8080' });
    assert.equal(got.status, 403);
    assert.match(got.text, /only requests addressed to 127\.0\.0\.1:\d+ or localhost:\d+ are signed/);
    assert.deepEqual(forwarded, []);
    // The same request addressed to the proxy goes through.
    assert.equal((await call('/v1/objects', { host: `localhost:${portOf(proxy)}` })).status, 200);
    assert.deepEqual(forwarded, ['/v1/objects']);
  });

  it('refuses an absolute URL or a scheme-relative path as the request target', async () => {
    forwarded = [];
    for (const target of ['http://attacker.example/v1/objects', '//attacker.example/v1/objects']) {
      const got = await call(target);
      assert.equal(got.status, 400, target);
      assert.match(got.text, /expected a request path such as \/v1\/objects/);
    }
    assert.deepEqual(forwarded, []);
  });

  it('answers 413 to a body over the limit, declared or streamed, without buffering it', async () => {
    forwarded = [];
    const declared = await call('/v1/batch/objects', { body: Buffer.alloc(MAX_BODY + 1) });
    assert.equal(declared.status, 413);
    assert.match(declared.text, /the request body is larger than 1048576 bytes/);
    const streamed = await new Promise<Outcome>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: portOf(proxy), method: 'POST', path: '/v1/batch/objects' },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode, text }));
        },
      );
      req.on('error', (e) => resolve({ text: '', broken: e.message }));
      // Chunked: no length declared up front.
      for (let i = 0; i < 4; i++) req.write(Buffer.alloc(MAX_BODY / 2));
      req.end();
    });
    assert.equal(streamed.status, 413, JSON.stringify(streamed));
    assert.deepEqual(forwarded, []);
    // At the limit it is forwarded.
    assert.equal((await call('/v1/batch/objects', { body: Buffer.alloc(MAX_BODY) })).status, 200);
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    const started = Date.now();
    const got = await call('/v1/stall');
    assert.equal(got.status, 504);
    assert.match(got.text, /upstream: no complete answer in time/);
    assert.ok(Date.now() - started < TIMEOUT_MS + 3000);
  });

  it('breaks off the answer to the client when the upstream breaks off its own', async () => {
    const started = Date.now();
    const got = await call('/v1/break');
    assert.equal(got.status, 200);
    assert.ok(got.broken, 'the client sees the answer end early, not a complete one');
    assert.ok(Date.now() - started < TIMEOUT_MS + 3000);
  });

  it('cuts off a client that never finishes its request (slow loris), and keeps serving others', async () => {
    const started = Date.now();
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(portOf(proxy), '127.0.0.1');
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      socket.write(
        `POST /v1/objects HTTP/1.1\r\nHost: 127.0.0.1:${portOf(proxy)}\r\nContent-Length: 100\r\n\r\nab`,
      );
    });
    assert.match(closed, /^HTTP\/1\.1 408 /);
    // The proxy checks its connections every second.
    assert.ok(Date.now() - started < TIMEOUT_MS + 3000, `${Date.now() - started} ms`);
    assert.equal((await call('/v1/objects')).status, 200);
  });
});
