/**
 * A SigV4 signing proxy for a Weaviate client in a consumer VPC: the client talks plain HTTP to this proxy on
 * 127.0.0.1, and the proxy signs each request for VPC Lattice (signing name `vpc-lattice-svcs`, unsigned payload,
 * as Lattice requires) with the credentials of the default AWS chain (the consumer's role) and forwards it over
 * HTTPS to the Weaviate service's domain. Weaviate's clients take static headers only, so they cannot sign
 * themselves. REST only (HTTP/1.1): for the v4 clients' gRPC, sign in an Envoy sidecar (docs/lattice.md).
 *
 *   npx tsx examples/lattice-consumer/signing-proxy.ts --upstream https://weaviate.example.com --region us-east-1
 *
 * The signing is the AWS SDK v3 signer (@smithy/signature-v4); only the forwarding is written here. Whatever
 * reaches the proxy is signed with the consumer's role, so it forwards only requests addressed to itself (not
 * a web page that rebinds its name to 127.0.0.1), in origin form, with a bounded body and within a time limit.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseArgs } from 'node:util';
import { STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';

/** AWS credentials, or a function that resolves them (the signer's own shapes). */
interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The signing name of VPC Lattice's data plane. */
export const LATTICE_SIGNING_NAME = 'vpc-lattice-svcs';

/** SHA-256 for the signer, from node:crypto (keyed: HMAC). */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** Hop-by-hop headers and those the proxy sets itself are not forwarded (nor signed). */
const DROPPED = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'authorization',
]);

export interface SigningProxyOptions {
  /** The Weaviate service's URL through Lattice (`https://<custom domain or generated name>`). */
  readonly upstream: URL;
  readonly region: string;
  /** @default - the default credential chain (environment, profile, instance or container role) */
  readonly credentials?: Credentials | (() => Promise<Credentials>);
  /**
   * The largest request body forwarded; a larger one is answered 413 without being buffered whole.
   * @default 67108864 (64 MiB: Weaviate's batch imports, with room)
   */
  readonly maxBodyBytes?: number;
  /**
   * How long the client may take to send its request (then 408), and how long the upstream may take to answer
   * it whole (then 504, or the answer is broken off).
   * @default 60000
   */
  readonly timeoutMs?: number;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** Signs one request for Lattice: the headers to send upstream, Authorization and x-amz-* included. */
export async function signForLattice(
  options: SigningProxyOptions,
  method: string,
  path: string,
  headers: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: LATTICE_SIGNING_NAME,
    region: options.region,
    credentials:
      options.credentials ?? (() => new STSClient({ region: options.region }).config.credentials()),
    sha256: Sha256,
  });
  const [pathname, query] = path.split('?', 2) as [string, string | undefined];
  const signed = await signer.sign({
    method,
    protocol: options.upstream.protocol,
    hostname: options.upstream.hostname,
    ...(options.upstream.port ? { port: Number(options.upstream.port) } : {}),
    path: pathname,
    query: Object.fromEntries(new URLSearchParams(query ?? '')),
    headers: {
      ...headers,
      host: options.upstream.host,
      // Lattice does not take signed payloads.
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    },
  });
  return signed.headers;
}

function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !DROPPED.has(name))
      out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/**
 * Whether the request was addressed to the proxy itself. Every request it forwards is signed with the consumer's
 * role, so a web page that rebinds its own host name to 127.0.0.1 must not be able to use it: a browser sends
 * that page's name in Host, never 127.0.0.1 or localhost.
 */
function addressedToProxy(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
  res.end(`${text}\n`);
}

/** The request's body, or undefined once it has been answered (too large, or the client went away). */
function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      answer(res, 413, `the request body is larger than ${maxBytes} bytes`);
      req.destroy();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (c: Buffer) => {
      length += c.length;
      if (length > maxBytes) {
        answer(res, 413, `the request body is larger than ${maxBytes} bytes`);
        req.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
  });
}

async function forward(
  options: SigningProxyOptions,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!addressedToProxy(req, port))
    return answer(res, 403, `only requests addressed to 127.0.0.1:${port} or localhost:${port} are signed`);
  const path = req.url ?? '/';
  // Origin form only (`/v1/objects`): the upstream is fixed, and an absolute URL here would be signed as a path.
  if (!path.startsWith('/') || path.startsWith('//'))
    return answer(res, 400, 'expected a request path such as /v1/objects');
  const body = await readBody(req, res, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  if (body === undefined) return;
  const headers = {
    ...forwardedHeaders(req),
    ...(body.length ? { 'content-length': String(body.length) } : {}),
  };
  let signed: Record<string, string>;
  try {
    signed = await signForLattice(options, req.method ?? 'GET', path, headers);
  } catch (e) {
    return answer(res, 500, `signing: ${e instanceof Error ? e.message : String(e)}`);
  }
  const send = options.upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    {
      protocol: options.upstream.protocol,
      hostname: options.upstream.hostname,
      port: options.upstream.port || undefined,
      method: req.method,
      path,
      headers: signed,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      // An upstream that breaks off its answer must not leave the client waiting for the rest.
      reply.on('error', () => res.destroy());
      reply.on('aborted', () => res.destroy());
      reply.pipe(res);
    },
  );
  upstream.on('error', (e) =>
    e.name === 'AbortError'
      ? answer(res, 504, 'upstream: no complete answer in time')
      : answer(res, 502, `upstream: ${e.message}`),
  );
  // A client that goes away ends the upstream request as well.
  res.on('close', () => upstream.destroy());
  upstream.end(body);
}

/** Starts the proxy on 127.0.0.1:`port` (0: any free port). */
export function startSigningProxy(options: SigningProxyOptions, port: number): Promise<Server> {
  // Checked every second (Node's default is every 30 s) so that a slow client is cut off near its time.
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    const { port: listening } = server.address() as { port: number };
    void forward(options, listening, req, res);
  });
  // A client that sends its request slowly is cut off (Node answers 408).
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  server.requestTimeout = timeoutMs;
  server.headersTimeout = Math.min(10_000, timeoutMs);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1]?.endsWith('signing-proxy.ts')) {
  const { values } = parseArgs({
    options: {
      upstream: { type: 'string' },
      region: { type: 'string' },
      port: { type: 'string', default: '8080' },
    },
  });
  if (!values.upstream || !values.region) {
    process.stderr.write(
      'usage: signing-proxy.ts --upstream https://<domain> --region <region> [--port 8080]\n',
    );
    process.exitCode = 2;
  } else {
    void startSigningProxy(
      { upstream: new URL(values.upstream), region: values.region },
      Number(values.port),
    ).then((s) =>
      process.stdout.write(
        `signing for ${values.upstream} on http://127.0.0.1:${(s.address() as { port: number }).port}\n`,
      ),
    );
  }
}
