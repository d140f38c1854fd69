/**
 * `synth --out DIR` replaces `DIR/k8s` and `DIR/cdk.out` as a whole and overwrites `DIR/report.*`. With
 * `--out .` in a GitOps repository, that would delete a `k8s/` the user wrote. So synth keeps a record of the
 * files it wrote (`DIR/.vectorfort-output.json`: path, size and modification time) and replaces only what the
 * record still describes; a directory holding anything else is refused before anything is written.
 */
import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './write-file.js';

export const OUTPUT_RECORD = '.vectorfort-output.json';

/** The directories synth replaces as a whole, relative to the output directory. */
export const REPLACED_DIRS = ['k8s', 'cdk.out'] as const;

interface RecordedFile {
  readonly size: number;
  readonly mtimeMs: number;
}

type OutputRecord = Record<string, RecordedFile>;

/**
 * Refuses an output directory that is a file, or whose replaced directories or `files` (relative paths synth
 * is about to overwrite) hold anything synth did not write.
 */
export function assertOutputReplaceable(out: string, files: readonly string[]): void {
  // The output directory itself may be a link the user made; what it holds is checked without following links.
  const stats = statSync(out, { throwIfNoEntry: false });
  if (!stats) return;
  if (!stats.isDirectory()) throw new InputError('expected a directory for --out, found a file', out);
  const record = readRecord(out);
  const foreign: string[] = [];
  const check = (rel: string, entry: Stats) => {
    const known = record[rel];
    if (!entry.isFile() || !known || known.size !== entry.size || known.mtimeMs !== entry.mtimeMs)
      foreign.push(rel);
  };
  for (const dir of REPLACED_DIRS) {
    const entry = lstatOrUndefined(join(out, dir));
    if (!entry) continue;
    if (!entry.isDirectory()) foreign.push(dir);
    else walkFiles(out, dir, check);
  }
  for (const rel of files) {
    const entry = lstatOrUndefined(join(out, rel));
    if (entry) check(rel, entry);
  }
  if (foreign.length === 0) return;
  const listed =
    foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, … (${foreign.length} in all)` : '');
  throw new InputError(
    `the output directory holds files vectorfort did not write (${listed}); synth replaces ${REPLACED_DIRS.map((d) => `${d}/`).join(' and ')} as a whole and overwrites its reports, so move them away or choose another --out directory`,
    out,
  );
}

/**
 * Records what synth wrote: every file now under the replaced directories, the `written` files, and files of
 * an earlier record that are still as recorded.
 */
export function recordOutput(out: string, written: readonly string[]): void {
  const previous = readRecord(out);
  const next: OutputRecord = {};
  const add = (rel: string, entry: Stats) => {
    if (entry.isFile()) next[rel] = { size: entry.size, mtimeMs: entry.mtimeMs };
  };
  for (const [rel, known] of Object.entries(previous)) {
    const entry = lstatOrUndefined(join(out, rel));
    if (entry?.isFile() && entry.size === known.size && entry.mtimeMs === known.mtimeMs) add(rel, entry);
  }
  for (const dir of REPLACED_DIRS) {
    for (const rel of Object.keys(next)) if (rel.startsWith(`${dir}/`)) delete next[rel];
    if (lstatOrUndefined(join(out, dir))?.isDirectory()) walkFiles(out, dir, add);
  }
  for (const rel of written) {
    const entry = lstatOrUndefined(join(out, rel));
    if (entry) add(rel, entry);
  }
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileAtomic(join(out, OUTPUT_RECORD), `${JSON.stringify({ version: 1, files: sorted }, null, 1)}\n`);
}

function readRecord(out: string): OutputRecord {
  const file = join(out, OUTPUT_RECORD);
  if (!lstatOrUndefined(file)?.isFile()) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; files?: unknown };
    if (parsed.version !== 1 || typeof parsed.files !== 'object' || parsed.files === null) return {};
    const record: OutputRecord = {};
    for (const [rel, value] of Object.entries(parsed.files as Record<string, unknown>)) {
      const v = value as Partial<RecordedFile> | null;
      if (typeof v?.size === 'number' && typeof v.mtimeMs === 'number')
        record[rel] = { size: v.size, mtimeMs: v.mtimeMs };
    }
    return record;
  } catch {
    // An unreadable record vouches for nothing: every existing file then counts as not written by synth.
    return {};
  }
}

/** Calls `visit` for every entry below `out/dir` that is not a directory, without following links. */
function walkFiles(out: string, dir: string, visit: (rel: string, entry: Stats) => void): void {
  const pending = [join(out, dir)];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const entry = lstatSync(path);
      if (entry.isDirectory()) pending.push(path);
      else visit(relative(out, path).split(sep).join('/'), entry);
    }
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  return lstatSync(path, { throwIfNoEntry: false });
}
