/**
 * The few Weaviate REST calls the backup and drill programs make (operations-facts §1): create a backup and read
 * its status, list backups, restore one and read the restore's status, list collections and count objects. Plain
 * `fetch`: Weaviate's TypeScript client pulls in gRPC, which the job bundle does not need for five endpoints.
 * Each call is bounded in time (requestTimeoutMs, the body included) and in size (MAX_RESPONSE_BYTES).
 */
import { boundedText } from '../contract/response-limits.js';

/** Backup and restore states (v1.28–v1.39; FINALIZING and CANCELLING since 1.36). */
export type BackupStatus =
  | 'STARTED'
  | 'TRANSFERRING'
  | 'TRANSFERRED'
  | 'FINALIZING'
  | 'SUCCESS'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED';

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCESS', 'FAILED', 'CANCELED']);

export interface BackupDescription {
  readonly id: string;
  readonly status: BackupStatus;
  readonly classes?: readonly string[];
  readonly error?: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
}

/** An answer Weaviate gave that the program did not ask for: the status and Weaviate's own message. */
export class WeaviateApiError extends Error {
  constructor(
    readonly status: number,
    readonly operation: string,
    readonly body: string,
  ) {
    super(`${operation}: HTTP ${status} ${weaviateMessage(body)}`.trim());
  }
  /** Weaviate answers 422 "... already in progress" while another backup or restore runs. */
  get alreadyInProgress(): boolean {
    return this.status === 422 && /already in progress/i.test(this.body);
  }
}

function weaviateMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string }[] };
    const messages = parsed.error?.map((e) => e.message).filter(Boolean);
    if (messages?.length) return messages.join('; ');
  } catch {
    // not JSON: show the text itself
  }
  return body.slice(0, 500);
}

export interface WeaviateApiOptions {
  /** Base URL, e.g. `http://weaviate.weaviate.svc.cluster.local:8080`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Aborts each request after this long. @default 30000 */
  readonly requestTimeoutMs?: number;
}

export class WeaviateApi {
  private readonly base: string;
  constructor(private readonly options: WeaviateApiOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  createBackup(backend: string, id: string): Promise<BackupDescription> {
    // No include/exclude: Weaviate backs up every collection the caller may back up.
    return this.call('POST', `/v1/backups/${backend}`, 'create backup', { id });
  }

  backupStatus(backend: string, id: string): Promise<BackupDescription> {
    return this.call('GET', `/v1/backups/${backend}/${encodeURIComponent(id)}`, 'backup status');
  }

  listBackups(backend: string): Promise<BackupDescription[]> {
    return this.call('GET', `/v1/backups/${backend}`, 'list backups');
  }

  /** `nodeMapping` renames the backup's nodes to the target's (a restore needs the same node names). */
  restore(backend: string, id: string, nodeMapping?: Record<string, string>): Promise<BackupDescription> {
    const body = nodeMapping && Object.keys(nodeMapping).length ? { node_mapping: nodeMapping } : {};
    return this.call('POST', `/v1/backups/${backend}/${encodeURIComponent(id)}/restore`, 'restore', body);
  }

  restoreStatus(backend: string, id: string): Promise<BackupDescription> {
    return this.call('GET', `/v1/backups/${backend}/${encodeURIComponent(id)}/restore`, 'restore status');
  }

  async collections(): Promise<string[]> {
    const schema = await this.call<{ classes?: { class: string }[] }>('GET', '/v1/schema', 'read schema');
    return (schema.classes ?? []).map((c) => c.class);
  }

  /** Objects per collection from `/v1/nodes?output=verbose`, summed over the nodes' shards. */
  async objectCounts(): Promise<Record<string, number>> {
    const answer = await this.call<{
      nodes?: { shards?: { class: string; objectCount: number }[] | null }[];
    }>('GET', '/v1/nodes?output=verbose', 'count objects');
    const counts: Record<string, number> = {};
    for (const node of answer.nodes ?? [])
      for (const shard of node.shards ?? []) {
        const { class: name, objectCount } = shard ?? {};
        if (typeof name !== 'string' || !Number.isSafeInteger(objectCount) || objectCount < 0)
          throw new WeaviateApiError(
            200,
            'count objects (a shard without a collection name and a count)',
            '',
          );
        // Defined, not assigned: a collection named __proto__ in the answer stays a count, not a prototype.
        const sum = (Object.hasOwn(counts, name) ? counts[name]! : 0) + objectCount;
        Object.defineProperty(counts, name, {
          value: sum,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    return counts;
  }

  /** Whether Weaviate answers ready (`/v1/.well-known/ready`, 200 once it serves requests). */
  async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.base}/v1/.well-known/ready`, { signal: this.signal() });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000);
  }

  /** Any other call, for the few endpoints without a method here. */
  request<T>(method: string, path: string, operation: string, body?: unknown): Promise<T> {
    return this.call(method, path, operation, body);
  }

  private async call<T>(method: string, path: string, operation: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.signal(),
    });
    const text = await boundedText(res, operation);
    if (!res.ok) throw new WeaviateApiError(res.status, operation, text);
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new WeaviateApiError(res.status, `${operation} (an answer that is not JSON)`, text);
    }
  }
}
