/**
 * A local HTTP stand-in for Weaviate's backup, restore, schema and node endpoints (no Weaviate runs here). It
 * follows the documented behaviour (operations-facts.md §1): ids are unique, one backup or restore runs at a
 * time (422 "already in progress"), a backup moves STARTED → TRANSFERRING → TRANSFERRED → SUCCESS or FAILED,
 * a restore also passes FINALIZING, only a SUCCESS backup restores, and a missing one answers 404. Each status
 * read advances an operation one step, so tests control time by how often the program polls.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Scenario = 'succeeds' | 'fails-midway' | 'hangs';

interface Operation {
  id: string;
  steps: string[];
  at: number;
  classes: string[];
  error?: string;
  startedAt: string;
  completedAt?: string;
}

export class WeaviateStandIn {
  private server: Server | undefined;
  readonly backups = new Map<string, Operation>();
  readonly restores = new Map<string, Operation>();
  /** Collections and object counts the stand-in holds. */
  collections: Record<string, number> = {};
  /** What the next backup does. */
  backupScenario: Scenario = 'succeeds';
  /** Backups whose files are damaged: restoring them fails in TRANSFERRING. */
  readonly corrupt = new Set<string>();
  /** Status reads before the stand-in answers ready. */
  notReadyFor = 0;
  /** Collections a restore leaves out (a restore that silently loses one). */
  dropOnRestore = new Set<string>();
  readonly requests: string[] = [];
  /** The clock the stand-in stamps completion times with. */
  now: () => Date = () => new Date();

  constructor(readonly apiKey: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** A finished backup, as if an earlier run had taken it. */
  addBackup(id: string, status: string, classes: string[], completedAt: Date): void {
    this.backups.set(id, {
      id,
      steps: [status],
      at: 0,
      classes,
      startedAt: completedAt.toISOString(),
      completedAt: completedAt.toISOString(),
    });
  }

  private busy(): Operation | undefined {
    return [...this.backups.values(), ...this.restores.values()].find((o) => !isFinal(o.steps[o.at]!));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    this.requests.push(`${req.method} ${url.pathname}`);
    const body = await readBody(req);
    const send = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    const error = (status: number, message: string): void => send(status, { error: [{ message }] });

    if (url.pathname === '/v1/.well-known/ready') {
      if (this.notReadyFor > 0) {
        this.notReadyFor--;
        return void res.writeHead(503).end();
      }
      return void res.writeHead(200).end();
    }
    if (req.headers.authorization !== `Bearer ${this.apiKey}`)
      return error(401, 'anonymous access not enabled');

    const parts = url.pathname.split('/').filter(Boolean); // v1 backups s3 {id} restore
    if (parts[0] === 'v1' && parts[1] === 'schema' && req.method === 'GET')
      return send(200, { classes: Object.keys(this.collections).map((c) => ({ class: c })) });
    if (parts[0] === 'v1' && parts[1] === 'nodes' && req.method === 'GET')
      return send(200, {
        nodes: [
          {
            name: 'weaviate-0',
            shards: Object.entries(this.collections).map(([c, n]) => ({
              class: c,
              name: 'x',
              objectCount: n,
            })),
          },
        ],
      });
    if (parts[0] !== 'v1' || parts[1] !== 'backups' || parts[2] !== 's3') return error(404, 'not found');
    const id = parts[3] ? decodeURIComponent(parts[3]) : undefined;

    if (!id && req.method === 'GET') return send(200, [...this.backups.values()].map(describe));
    if (!id && req.method === 'POST') {
      const wanted = (JSON.parse(body) as { id: string }).id;
      const running = this.busy();
      if (running) return error(422, `backup ${running.id} already in progress`);
      if (this.backups.has(wanted)) return error(422, `backup ${wanted} already exists`);
      const classes = Object.keys(this.collections);
      if (classes.length === 0) return error(422, 'no available classes to backup');
      const op: Operation = {
        id: wanted,
        steps: {
          succeeds: ['STARTED', 'TRANSFERRING', 'TRANSFERRED', 'SUCCESS'],
          'fails-midway': ['STARTED', 'TRANSFERRING', 'FAILED'],
          hangs: ['STARTED', 'TRANSFERRING'],
        }[this.backupScenario],
        at: 0,
        classes,
        startedAt: this.now().toISOString(),
        ...(this.backupScenario === 'fails-midway'
          ? { error: 'upload to s3: connection reset by peer' }
          : {}),
      };
      this.backups.set(wanted, op);
      return send(200, describe(op));
    }
    if (id && parts[4] === undefined && req.method === 'GET') {
      const op = this.backups.get(id);
      if (!op) return error(404, `backup ${id} not found`);
      return send(200, describe(this.advance(op)));
    }
    if (id && parts[4] === 'restore' && req.method === 'POST') {
      const backup = this.backups.get(id);
      if (!backup) return error(404, `backup ${id} not found`);
      if (backup.steps[backup.at] !== 'SUCCESS') return error(422, `backup ${id} is not in SUCCESS state`);
      const running = this.busy();
      if (running) return error(422, `restoration ${running.id} already in progress`);
      const damaged = this.corrupt.has(id);
      const op: Operation = {
        id,
        steps: damaged
          ? ['STARTED', 'TRANSFERRING', 'FAILED']
          : ['STARTED', 'TRANSFERRING', 'TRANSFERRED', 'FINALIZING', 'SUCCESS'],
        at: 0,
        classes: backup.classes,
        startedAt: this.now().toISOString(),
        ...(damaged ? { error: 'restore class: unexpected EOF reading shard files' } : {}),
      };
      this.restores.set(id, op);
      return send(200, describe(op));
    }
    if (id && parts[4] === 'restore' && req.method === 'GET') {
      const op = this.restores.get(id);
      if (!op) return error(404, `restore of ${id} not found`);
      const before = op.steps[op.at];
      this.advance(op);
      if (before !== 'SUCCESS' && op.steps[op.at] === 'SUCCESS')
        for (const c of op.classes) if (!this.dropOnRestore.has(c)) this.collections[c] = 42;
      return send(200, describe(op));
    }
    return error(405, 'method not allowed');
  }

  private advance(op: Operation): Operation {
    if (op.at < op.steps.length - 1) op.at++;
    if (isFinal(op.steps[op.at]!) && !op.completedAt) op.completedAt = this.now().toISOString();
    return op;
  }
}

const isFinal = (s: string) => s === 'SUCCESS' || s === 'FAILED' || s === 'CANCELED';

function describe(op: Operation) {
  return {
    id: op.id,
    backend: 's3',
    classes: op.classes,
    status: op.steps[op.at],
    startedAt: op.startedAt,
    ...(op.completedAt ? { completedAt: op.completedAt } : {}),
    ...(op.error && op.steps[op.at] === 'FAILED' ? { error: op.error } : {}),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}
