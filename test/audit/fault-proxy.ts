/**
 * A fault-injecting HTTP proxy between the auditor and moto: each distinct request is answered first with a
 * fault chosen from its own content (so two runs meet the same faults), then forwarded. Faults: throttling in
 * each protocol's own error format, a 500, a dropped connection, a slow answer, an answer slower than the
 * client's timeout. Chosen operations are always denied, as IAM denies them.
 */
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Fault = 'throttle' | 'server-error' | 'drop' | 'slow' | 'timeout';

export interface FaultProxy {
  readonly endpoint: string;
  /** How many of each fault were injected, and how many requests were denied. */
  readonly injected: Record<Fault | 'denied' | 'forwarded', number>;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  readonly target: string;
  /** Operations to deny, as `service:Operation` (`kms:GetKeyRotationStatus`, `s3:GetBucketPolicy`). */
  readonly deny: readonly string[];
  /** Delay of a slow answer that still arrives in time. */
  readonly slowMs: number;
  /** Delay of an answer beyond the client's timeout. */
  readonly timeoutMs: number;
}

const FAULTS: readonly (Fault | undefined)[] = [
  'throttle',
  'server-error',
  'drop',
  'slow',
  'timeout',
  undefined,
];

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const injected: FaultProxy['injected'] = {
    throttle: 0,
    'server-error': 0,
    drop: 0,
    slow: 0,
    timeout: 0,
    denied: 0,
    forwarded: 0,
  };
  const attempts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const service = serviceOf(req);
      const operation = operationOf(req, body, service);
      if (options.deny.includes(`${service}:${operation}`)) {
        injected.denied++;
        return deny(res, service);
      }
      // Signed requests differ in their date headers only: the content names the request.
      const signature = createHash('sha256').update(`${req.method} ${req.url} `).update(body).digest('hex');
      const attempt = attempts.get(signature) ?? 0;
      attempts.set(signature, attempt + 1);
      const fault = attempt === 0 ? FAULTS[parseInt(signature.slice(0, 8), 16) % FAULTS.length] : undefined;
      // One request in three meets a second fault on its retry.
      const second = attempt === 1 && parseInt(signature.slice(8, 16), 16) % 3 === 0 ? 'throttle' : undefined;
      const chosen = fault ?? second;
      if (chosen) injected[chosen]++;
      else injected.forwarded++;
      switch (chosen) {
        case 'throttle':
          return throttle(res, service);
        case 'server-error':
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end('internal error');
        case 'drop':
          return req.socket.destroy();
        case 'slow':
          return void setTimeout(() => forward(req, body, res, options.target), options.slowMs);
        case 'timeout':
          // The client gives up first; the late answer goes nowhere.
          return void setTimeout(() => res.destroy(), options.timeoutMs);
        default:
          return forward(req, body, res, options.target);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    injected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The service from the request's SigV4 credential scope (`…/eu-west-1/kms/aws4_request`). */
function serviceOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1] ?? 'unknown';
}

function operationOf(req: IncomingMessage, body: Buffer, service: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body.toString('utf8'))?.[1];
  if (action) return action;
  if (service === 's3') {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const names: Record<string, string> = {
      policy: 'GetBucketPolicy',
      publicAccessBlock: 'GetPublicAccessBlock',
      encryption: 'GetBucketEncryption',
      versioning: 'GetBucketVersioning',
      logging: 'GetBucketLogging',
      ownershipControls: 'GetBucketOwnershipControls',
    };
    for (const [key, name] of Object.entries(names)) if (query.has(key)) return name;
  }
  return `${req.method} ${req.url}`;
}

function deny(res: ServerResponse, service: string): void {
  if (service === 's3') {
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
  } else if (QUERY_SERVICES.has(service)) {
    res.writeHead(403, { 'content-type': 'text/xml' });
    res.end(
      '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    );
  } else if (service === 'ec2') {
    res.writeHead(403, { 'content-type': 'text/xml' });
    res.end(
      '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>denied</Message></Error></Errors><RequestID>r</RequestID></Response>',
    );
  } else {
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'denied' }));
  }
}

/** Services of the query protocol besides CloudFormation and STS: their errors are XML `ErrorResponse`s. */
const QUERY_SERVICES = new Set(['iam', 'sns', 'elasticloadbalancing']);

/** Throttling as each protocol writes it. */
function throttle(res: ServerResponse, service: string): void {
  if (QUERY_SERVICES.has(service)) service = 'cloudformation';
  switch (service) {
    case 'ec2':
      res.writeHead(503, { 'content-type': 'text/xml' });
      return void res.end(
        '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>',
      );
    case 'cloudformation':
    case 'sts':
      res.writeHead(400, { 'content-type': 'text/xml' });
      return void res.end(
        '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>',
      );
    case 's3':
      res.writeHead(503, { 'content-type': 'application/xml' });
      return void res.end(
        '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      );
    case 'eks':
    case 'guardduty':
    case 'securityhub':
    case 'inspector2':
    case 'lambda':
      res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' });
      return void res.end(JSON.stringify({ message: 'Rate exceeded' }));
    default:
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      return void res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
  }
}

function forward(req: IncomingMessage, body: Buffer, res: ServerResponse, target: string): void {
  const url = new URL(req.url ?? '/', target);
  const upstream = request(
    url,
    { method: req.method, headers: { ...req.headers, host: url.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  upstream.end(body);
}
