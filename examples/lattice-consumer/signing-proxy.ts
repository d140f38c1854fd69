/**
 * A SigV4 signing proxy for a Weaviate client in a consumer VPC: the client talks plain HTTP to this proxy on
 * 127.0.0.1, and the proxy signs each request for VPC Lattice (signing name `vpc-lattice-svcs`, unsigned payload,
 * as Lattice requires) with the credentials of the default AWS chain (the consumer's role) and forwards it over
 * HTTPS to the Weaviate service's domain. Weaviate's clients take static headers only, so they cannot sign
 * themselves. REST only (HTTP/1.1): for the v4 clients' gRPC, sign in an Envoy sidecar (docs/lattice.md).
 *
 *   npx tsx examples/lattice-consumer/signing-proxy.ts --upstream https://weaviate.example.com --region us-east-1
 *
 * The signing is the AWS SDK v3 signer (@smithy/signature-v4); only the forwarding is written here.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
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
}

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

/** Starts the proxy on 127.0.0.1:`port` (0: any free port). */
export function startSigningProxy(options: SigningProxyOptions, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = {
        ...forwardedHeaders(req),
        ...(body.length ? { 'content-length': String(body.length) } : {}),
      };
      signForLattice(options, req.method ?? 'GET', req.url ?? '/', headers).then(
        (signed) => {
          const send = options.upstream.protocol === 'https:' ? httpsRequest : httpRequest;
          const upstream = send(
            {
              protocol: options.upstream.protocol,
              hostname: options.upstream.hostname,
              port: options.upstream.port || undefined,
              method: req.method,
              path: req.url,
              headers: signed,
            },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          );
          upstream.on('error', (e) => {
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`upstream: ${e.message}\n`);
          });
          upstream.end(body);
        },
        (e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`signing: ${e instanceof Error ? e.message : String(e)}\n`);
        },
      );
    });
  });
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
