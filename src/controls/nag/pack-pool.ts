/**
 * Checking templates in parallel: the packs run over each template in one of a few worker threads (one per
 * core), so an input of many templates is checked on every core. Each worker loads aws-cdk-lib and the rules
 * it needs once, which costs about a third of a second of CPU: inputs too small to repay that are checked on
 * the main thread. A worker that cannot start or dies does not fail the run: its templates, and all later
 * ones, are checked on the main thread. The results are the same either way, in the order of the templates.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runPacksOnTemplate, type PackRun, type PackRunOptions } from './run-packs.js';

export interface PackJob {
  readonly id: number;
  readonly file: string;
  readonly options: PackRunOptions;
}

export type PackReply =
  { readonly id: number; readonly run: PackRun } | { readonly id: number; readonly crash: string };

export interface PackPoolOptions {
  /** Worker threads at most (0: check everything on the main thread). @default the available parallelism, at most 4 */
  readonly maxWorkers?: number;
  /** Fewer resources than this in the whole input are checked on the main thread. @default 2000 */
  readonly minResources?: number;
}

let answeredByWorkers = 0;

/** Templates checked in worker threads since the process started (tests use it to see that workers ran). */
export function templatesCheckedInWorkers(): number {
  return answeredByWorkers;
}

interface Waiting {
  readonly job: PackJob;
  readonly resolve: (run: PackRun) => void;
  readonly reject: (error: Error) => void;
}

/** Runs the packs over every template, in worker threads when the input is large enough; results in order. */
export async function runPacksOnTemplates(
  jobs: readonly { file: string; options: PackRunOptions }[],
  options: PackPoolOptions = {},
): Promise<PackRun[]> {
  const runs: PackRun[] = [];
  await forEachPackRun(jobs, options, (run) => runs.push(run));
  return runs;
}

/**
 * Runs the packs over every template like {@link runPacksOnTemplates}, handing each template's run to `each` in
 * the order of the templates as soon as it and those before it are done, and keeping none: a large input's
 * findings are made template by template instead of after every violation of every template is held.
 */
export async function forEachPackRun(
  jobs: readonly { file: string; options: PackRunOptions }[],
  options: PackPoolOptions,
  each: (run: PackRun, index: number) => void,
): Promise<void> {
  const resources = jobs.reduce((n, j) => n + (j.options.resourceCount ?? 0), 0);
  const workers = Math.min(options.maxWorkers ?? Math.min(4, availableParallelism()), jobs.length);
  if (workers < 2 || resources < (options.minResources ?? 2000)) {
    for (const [index, job] of jobs.entries()) each(await runPacksOnTemplate(job.file, job.options), index);
    return;
  }
  const pool = new PackPool(workers);
  try {
    const runs: (Promise<PackRun> | undefined)[] = jobs.map((job) => pool.run(job.file, job.options));
    // Awaited in order below; a failure of a later template is reported when its turn comes.
    for (const run of runs) run?.catch(() => undefined);
    for (let index = 0; index < runs.length; index++) {
      const run = await runs[index]!;
      runs[index] = undefined;
      each(run, index);
    }
  } finally {
    await pool.close();
  }
}

class PackPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Waiting>();
  /** Jobs not yet sent: each worker holds one job at a time, so a slow template does not hold up others. */
  private readonly queue: PackJob[] = [];
  private readonly idle: Worker[] = [];
  private nextId = 0;
  private broken = false;

  constructor(private readonly size: number) {}

  run(file: string, options: PackRunOptions): Promise<PackRun> {
    if (this.broken) return runPacksOnTemplate(file, options);
    const job: PackJob = { id: this.nextId++, file, options };
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { job, resolve, reject });
      this.queue.push(job);
      if (this.workers.length < this.size) this.idle.push(this.spawn());
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) this.idle.pop()!.postMessage(this.queue.shift());
  }

  private spawn(): Worker {
    // Under the TypeScript loader (tests, tsx) this module is the .ts source: the worker registers the loader
    // before importing its entry. Built, the entry is the .js file next to this one.
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(
            new URL('./pack-worker.ts', import.meta.url).href,
          )}); });`,
          { eval: true },
        )
      : new Worker(new URL('./pack-worker.js', import.meta.url));
    this.workers.push(worker);
    worker.on('message', (reply: PackReply) => {
      const waiting = this.pending.get(reply.id);
      this.idle.push(worker);
      this.dispatch();
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('run' in reply) {
        answeredByWorkers += 1;
        waiting.resolve(reply.run);
      } else
        waiting.reject(
          new Error(`checking a template with cdk-nag failed in a worker thread: ${reply.crash}`),
        );
    });
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => {
      if (this.pending.size > 0) this.fallBack();
    });
    return worker;
  }

  private fallBack(): void {
    if (this.broken) return;
    this.broken = true;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.queue.length = 0;
    for (const w of waiting) runPacksOnTemplate(w.job.file, w.job.options).then(w.resolve, w.reject);
    void Promise.all(this.workers.map((w) => w.terminate()));
  }

  async close(): Promise<void> {
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
