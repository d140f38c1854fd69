/**
 * SHA-256 of the files a run read: every file named, and under every directory named, every regular file with
 * an extension the verifier reads (templates, manifests, the cloud assembly's manifest and tree). Hidden
 * entries are skipped and symbolic links are not followed, as the loader does.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { displayPath } from '../../inventory/load/display-path.js';
import { INPUT_EXTENSIONS } from '../../inventory/load/read-input.js';
import type { ProvenanceFile } from '../../report/model.js';

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The digest of one file, read now. */
export function fileDigest(path: string): ProvenanceFile {
  const bytes = readFileSync(path);
  return { path: displayPath(path), sha256: sha256Hex(bytes), bytes: bytes.length };
}

/** Digests of every input file under `paths`, sorted by path, each file once. */
export function inputFileDigests(paths: readonly string[]): ProvenanceFile[] {
  const files = new Set<string>();
  for (const path of paths) collect(path, true, files);
  return [...files].map(fileDigest).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function collect(path: string, named: boolean, files: Set<string>): void {
  const stats = named ? statSync(path) : lstatSync(path);
  if (stats.isFile()) {
    if (named || INPUT_EXTENSIONS.includes(extname(path).toLowerCase())) files.add(path);
    return;
  }
  if (!stats.isDirectory()) return;
  for (const name of readdirSync(path).sort())
    if (!name.startsWith('.')) collect(join(path, name), false, files);
}
