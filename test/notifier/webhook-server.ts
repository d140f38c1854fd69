/** A webhook receiver on 127.0.0.1 for the tests: records every request and answers from a script. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Milliseconds since the server started. */
  readonly at: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

export class WebhookServer {
  readonly requests: ReceivedRequest[] = [];
  /** Answers used in order; when empty, `fallback` answers. */
  readonly script: ScriptedAnswer[] = [];
  fallback: ScriptedAnswer = { status: 200 };
  private server: Server | undefined;
  private started = 0;

  async start(): Promise<this> {
    this.started = Date.now();
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now() - this.started,
        });
        const answer = this.script.shift() ?? this.fallback;
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(answer.status < 300 ? 'ok' : 'error');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The base URL; `path` plays the credential part of a real webhook URL. */
  url(path: string): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  /** Parsed JSON bodies of the requests to `path`. */
  bodies(path?: string): { text: string; blocks: Record<string, unknown>[] }[] {
    return this.requests.filter((r) => path === undefined || r.path === path).map((r) => JSON.parse(r.body));
  }

  reset(): void {
    this.requests.length = 0;
    this.script.length = 0;
    this.fallback = { status: 200 };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
