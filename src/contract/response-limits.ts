/**
 * The bounds on what is read from a peer: what the programs that talk to Weaviate and to the Kubernetes API (the
 * backup and drill jobs, the key rotation function) read from one answer, and how much of a cluster the live
 * audit lists. A peer that is broken or taken over could otherwise answer with
 * an endless body and exhaust the pod's or the function's memory; with the bound it fails one call, with a
 * message naming the operation. Time is bounded by each client's own deadline.
 */

/**
 * The largest answer read, in bytes: far above any answer these calls get (a verbose node list of thousands of
 * shards is a few MB), far below a job's or a function's memory.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class ResponseTooLargeError extends Error {
  constructor(
    readonly operation: string,
    readonly limit: number,
  ) {
    super(`${operation}: the answer is larger than ${limit.toLocaleString('en-US')} bytes; it is not read`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * The text of a fetch Response, read to at most `limit` bytes: a declared length over the limit is refused
 * before the body is read, and a body that grows past it is cancelled where it passes.
 */
export async function boundedText(
  response: Response,
  operation: string,
  limit: number = MAX_RESPONSE_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limit) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(operation, limit);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      throw new ResponseTooLargeError(operation, limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Collects a Node stream's chunks to at most `limit` bytes; past it, `onTooLarge` is called once (to destroy
 * the request) and the chunks are dropped.
 */
export class BoundedChunks {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private over = false;

  constructor(
    private readonly onTooLarge: () => void,
    private readonly limit: number = MAX_RESPONSE_BYTES,
  ) {}

  add(chunk: Buffer): void {
    if (this.over) return;
    this.length += chunk.length;
    if (this.length > this.limit) {
      this.over = true;
      this.chunks.length = 0;
      this.onTooLarge();
      return;
    }
    this.chunks.push(chunk);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * How much of a cluster the live audit's reader lists. An API server that is broken or taken over could
 * otherwise answer with objects without end (pages of more items than asked for, continue tokens that never
 * run out) and exhaust the auditor's memory. Past a bound the reader stops listing: the kind it was listing,
 * and each kind it did not get to, is reported as not read (`unknown`, naming the kind and the bound), never
 * checked as if the objects read were all there were.
 */
export interface ClusterListLimits {
  /** Objects accepted of one kind (across all namespaces). */
  readonly maxObjectsPerKind: number;
  /** Objects accepted of all kinds together. */
  readonly maxObjectsTotal: number;
  /** Pages followed through `continue` tokens for one kind. */
  readonly maxPages: number;
}

export const CLUSTER_LIST_LIMITS: ClusterListLimits = Object.freeze({
  // Kubernetes' own scalability targets are 150,000 pods per cluster; no audited kind has more objects.
  maxObjectsPerKind: 150_000,
  // Twice one kind's: the largest kind at its bound leaves as much again for all the others.
  maxObjectsTotal: 300_000,
  // Pages of 500: 10,000 pages is 5,000,000 objects, far past the bounds above even for short pages.
  maxPages: 10_000,
});
