/**
 * Whether an input is likely large enough for the packs' worker threads, judged before it is read, so a worker
 * can start loading the packs while the input is read (./pack-pool.ts `warmPackWorker`). Only a hint: the
 * run decides on workers by the resources it reads, and stops a worker started ahead that it does not need.
 * It looks at the sizes of the paths given and of the `*.template.json` / `*.template.yaml` files directly
 * inside a directory given (a cloud assembly's layout), without following links, reading a file or descending.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Template bytes from which a worker is started ahead: about 200 resources of synthesized CDK output (two
 * kilobytes each, with their metadata) or more of hand-written templates, where a run starts a worker.
 */
export const WARM_TEMPLATE_BYTES = 256 * 1024;

/** Entries of a directory looked at, at most: the hint must stay cheap on any directory. */
const MAX_ENTRIES = 10_000;

const TEMPLATE_FILE = /\.template\.(json|ya?ml)$/i;

/** True when the template files among `paths` hold at least `bytes` bytes. */
export function looksLargeEnoughToWarm(paths: readonly string[], bytes = WARM_TEMPLATE_BYTES): boolean {
  let total = 0;
  for (const path of paths) {
    total += templateBytes(path, bytes - total);
    if (total >= bytes) return true;
  }
  return false;
}

function templateBytes(path: string, enough: number): number {
  try {
    const stat = lstatSync(path);
    if (stat.isFile()) return stat.size;
    if (!stat.isDirectory()) return 0;
    let total = 0;
    let seen = 0;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (++seen > MAX_ENTRIES || total >= enough) break;
      if (entry.isFile() && TEMPLATE_FILE.test(entry.name)) total += lstatSync(join(path, entry.name)).size;
    }
    return total;
  } catch {
    // Unreadable here is the loader's to report; the hint only says no.
    return 0;
  }
}
