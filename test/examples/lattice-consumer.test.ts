/**
 * The example consumer's signing proxy: a Weaviate client's plain request to it reaches the upstream signed for
 * VPC Lattice. VPC Lattice does not run here, so the upstream is a local HTTP server standing in for it, which
 * records what arrives; the signature is checked by signing the recorded request again with the AWS SDK's signer.
 */
import assert from 'node:assert/strict';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  LATTICE_SIGNING_NAME,
  signForLattice,
  startSigningProxy,
} from '../../examples/lattice-consumer/signing-proxy.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
let upstream: Server;
let proxy: Server;
let received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
const portOf = (s: Server) => (s.address() as { port: number }).port;

before(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startSigningProxy(
    { upstream: new URL(`http://127.0.0.1:${portOf(upstream)}`), region: 'us-east-1', credentials },
    0,
  );
});
after(() => {
  proxy.close();
  upstream.close();
});

function call(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: portOf(proxy),
        method,
        path,
        headers: { 'content-type': 'application/json', authorization: 'Bearer weaviate-key' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the example consumer signing proxy', () => {
  it('forwards a GraphQL query signed for Lattice with an unsigned payload', async () => {
    received = [];
    const answer = await call('POST', '/v1/graphql?x=1', '{"query":"{ Get { Article { title } } }"}');
    assert.deepEqual(answer, { status: 200, text: '{"ok":true}' });
    assert.equal(received.length, 1);
    const got = received[0]!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/v1/graphql?x=1');
    assert.equal(got.body, '{"query":"{ Get { Article { title } } }"}');
    assert.equal(got.headers['x-amz-content-sha256'], 'UNSIGNED-PAYLOAD');
    const authorization = String(got.headers.authorization);
    assert.match(
      authorization,
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/${LATTICE_SIGNING_NAME}/aws4_request, SignedHeaders=[^,]*host[^,]*x-amz-content-sha256[^,]*, Signature=[0-9a-f]{64}$`,
      ),
    );
    // The client's own Authorization (a Weaviate API key) is replaced by the signature, never signed along.
    assert.ok(!authorization.includes('weaviate-key'));
  });

  it('produces the signature the SDK signer gives for the same request and time', async () => {
    received = [];
    await call('GET', '/v1/objects?limit=2');
    const got = received[0]!;
    const date = String(got.headers['x-amz-date']);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amz-date': date };
    const again = await signForLattice(
      { upstream: new URL(`http://127.0.0.1:${portOf(upstream)}`), region: 'us-east-1', credentials },
      'GET',
      '/v1/objects?limit=2',
      headers,
    );
    assert.equal(again.authorization, got.headers.authorization);
  });
});
