/**
 * The shape most readers share: one resource per physical id, read by a few calls about it. A resource the
 * first call cannot find is gone (the assembly reports it missing); one whose first call failed is not read.
 */
import type { CallOutcome } from '../session.js';
import { emptyOutput, type LiveResource, type ReaderOutput } from '../live.js';

export type ReadOne = (
  id: string,
) => Promise<LiveResource[] | { readonly failed: CallOutcome<unknown> & { ok: false } } | undefined>;

export async function readEach(type: string, ids: readonly string[], read: ReadOne): Promise<ReaderOutput> {
  const output = emptyOutput();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const got = await read(id);
      if (got === undefined) return;
      if (Array.isArray(got)) output.resources.push(...got);
      else
        output.notRead.push({
          type,
          physicalIds: [id],
          reason: got.failed.failure.message,
          record: got.failed.record,
        });
    }),
  );
  return output;
}

/** Merges readers' outputs. */
export function merge(outputs: readonly ReaderOutput[]): ReaderOutput {
  const out = emptyOutput();
  for (const o of outputs) {
    out.resources.push(...o.resources);
    out.notRead.push(...o.notRead);
  }
  return out;
}

/** The whole type unread for one reason (a listing call failed). */
export function unreadAll(
  type: string,
  ids: readonly string[],
  failed: CallOutcome<unknown> & { ok: false },
): ReaderOutput {
  const out = emptyOutput();
  if (ids.length > 0)
    out.notRead.push({ type, physicalIds: [...ids], reason: failed.failure.message, record: failed.record });
  return out;
}
