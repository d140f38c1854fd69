/**
 * Reading and parsing one input file, on the main thread or in a worker. Large YAML files go to a small pool
 * of worker threads so that they parse in parallel while the main thread keeps reading other inputs; JSON
 * stays on the main thread, where the built-in parser is faster than copying its result between threads.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputLimitError } from '../../contract/input-limits.js';
import { InputError } from '../../errors.js';
import { moduleWorker } from '../../package-files.js';
import type { ParsedDocument } from './document.js';
import { parseJsonText } from './parse-json.js';
import { parseYamlText } from './parse-yaml.js';
import { MalformedFileError, readSourceText } from './source-text.js';

export interface ParseJob {
  readonly id: number;
  readonly file: string;
  readonly shown: string;
}

export type ParseReply =
  | { readonly id: number; readonly documents: { value: unknown; lines: Map<string, number> }[] }
  | {
      readonly id: number;
      readonly inputError: {
        message: string;
        file?: string;
        path?: string;
        position?: { line: number; column?: number };
        /** Whether it was a MalformedFileError (it concerns the file only). */
        malformed?: boolean;
      };
    }
  | { readonly id: number; readonly crash: string };

/** Reads and parses a file: JSON by extension or first character, else YAML (several documents). */
export async function parseTextFile(file: string, shown: string): Promise<ParsedDocument[]> {
  return (await parseTextFileWithFormat(file, shown)).documents;
}

/** {@link parseTextFile}, saying which of the two formats the file was read as. */
export async function parseTextFileWithFormat(
  file: string,
  shown: string,
): Promise<{ readonly format: 'json' | 'yaml'; readonly documents: ParsedDocument[] }> {
  const text = await readSourceText(file, shown);
  try {
    return isJson(file, text)
      ? { format: 'json', documents: [parseJsonText(text, shown)] }
      : { format: 'yaml', documents: parseYamlText(text, shown) };
  } catch (error) {
    if (error instanceof InputLimitError)
      throw new InputError(
        error.message,
        shown,
        error.path,
        error.line === undefined ? undefined : { line: error.line },
      );
    // A last resort: the limits keep every parser well within its recursion, but a stack that still runs out
    // is refused like any other malformed input rather than ending the run.
    if (error instanceof RangeError) throw new InputError('the document is nested too deeply', shown);
    throw error;
  }
}

function isJson(file: string, text: string): boolean {
  const extension = extname(file).toLowerCase();
  return extension === '.json' || (extension !== '.yaml' && extension !== '.yml' && /^\s*[{[]/.test(text));
}

function looksLikeYamlFile(file: string): boolean {
  const extension = extname(file).toLowerCase();
  return extension === '.yaml' || extension === '.yml';
}

export interface FileParserOptions {
  /** YAML files at least this large are parsed by worker threads. @default 1048576 (1 MiB) */
  readonly workerMinBytes?: number;
  /** The worker's module, for builds that move it. @default parse-worker next to this module */
  readonly workerEntry?: URL;
  /** Worker threads at most (0: parse everything on the main thread). @default the available parallelism, at most 4 */
  readonly maxWorkers?: number;
}

/** Parses input files, in worker threads when they are large YAML files; results are cached by file. */
export class FileParser {
  private readonly cache = new Map<string, Promise<ParsedDocument[]>>();
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { file: string; shown: string; resolve: (d: ParsedDocument[]) => void; reject: (e: Error) => void }
  >();
  /** Set when a worker could not start or died: everything is then parsed on the main thread. */
  private broken = false;
  private closed = false;
  private nextId = 0;
  private readonly workerMinBytes: number;
  private maxWorkers: number;
  private readonly workerEntry: URL | undefined;

  constructor(options: FileParserOptions = {}) {
    this.workerMinBytes = options.workerMinBytes ?? 1024 * 1024;
    this.workerEntry = options.workerEntry;
    // The main thread mostly waits for parsed documents, so every core gets a worker.
    this.maxWorkers = options.maxWorkers ?? Math.min(4, availableParallelism());
  }

  parse(file: string, shown: string): Promise<ParsedDocument[]> {
    const cached = this.cache.get(file);
    if (cached) return cached;
    const promise = this.start(file, shown);
    this.cache.set(file, promise);
    // Prefetched files whose turn never comes (an earlier input failed) must not be unhandled rejections.
    promise.catch(() => undefined);
    return promise;
  }

  /** Starts parsing a file that will be asked for later. */
  prefetch(file: string, shown: string): void {
    // Only YAML benefits: JSON parses on this thread anyway, so reading it early would only hold memory.
    if (looksLikeYamlFile(file)) void this.parse(file, shown);
  }

  private async start(file: string, shown: string): Promise<ParsedDocument[]> {
    if (this.maxWorkers > 0 && looksLikeYamlFile(file)) {
      const size = (await stat(file).catch(() => undefined))?.size ?? 0;
      if (size >= this.workerMinBytes) return this.inWorker(file, shown);
    }
    return parseTextFile(file, shown);
  }

  private inWorker(file: string, shown: string): Promise<ParsedDocument[]> {
    if (this.broken) return parseTextFile(file, shown);
    const id = this.nextId++;
    if (this.workers.length < this.maxWorkers)
      try {
        this.workers.push(this.spawn());
      } catch {
        // The system will not start another thread (its limits on threads or memory), or the entry cannot be
        // run: the workers that started take the rest, or the main thread does.
        this.maxWorkers = this.workers.length;
        if (this.maxWorkers === 0) {
          this.fallBack();
          return parseTextFile(file, shown);
        }
      }
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { file, shown, resolve, reject });
      worker.postMessage({ id, file, shown } satisfies ParseJob);
    });
  }

  private spawn(): Worker {
    const worker = this.workerEntry
      ? new Worker(this.workerEntry)
      : moduleWorker('inventory/load/parse-worker');
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('documents' in reply)
        waiting.resolve(
          reply.documents.map(({ value, lines }) => ({ value, lines, lineOf: (p: string) => lines.get(p) })),
        );
      else if ('inputError' in reply) {
        const e = reply.inputError;
        const ErrorClass = e.malformed ? MalformedFileError : InputError;
        waiting.reject(new ErrorClass(e.message, e.file, e.path, e.position));
      } else waiting.reject(new Error(`parsing an input failed in a worker thread: ${reply.crash}`));
    });
    // A worker that cannot start (e.g. its file is missing from a bundle) or dies must not fail the run: its
    // jobs, and all later ones, are parsed on the main thread instead.
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => {
      if (!this.closed && this.pending.size > 0) this.fallBack();
    });
    return worker;
  }

  private fallBack(): void {
    this.broken = true;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) parseTextFile(job.file, job.shown).then(job.resolve, job.reject);
    void Promise.all(this.workers.map((w) => w.terminate()));
  }

  async close(): Promise<void> {
    // Files prefetched but never asked for (an earlier input failed) are dropped.
    this.closed = true;
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
