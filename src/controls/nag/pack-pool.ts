/**
 * Checking templates in parallel: the packs run over each template in worker threads (one per core at most,
 * and one per `resourcesPerWorker` resources), so an input of many templates is checked on every core, and
 * the main thread evaluates the other controls while they run. Each worker loads aws-cdk-lib and the rules it
 * needs once, which costs about a third of a second of CPU: inputs too small to repay that are checked on the
 * main thread. A worker that dies does not fail the run: its templates, and all later ones, are checked on the
 * main thread; a worker that cannot start leaves its share to the workers that did, or to the main thread. The
 * results are the same either way, in the order of the templates. A run whose input looks large before it is
 * read starts its first worker then (`warmPackWorker`), so loading the packs overlaps reading the input.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../../package-files.js';
import { runPacksOnTemplate, type PackRun, type PackRunOptions } from './run-packs.js';

const require = createRequire(import.meta.url);

export interface PackJob {
  readonly id: number;
  readonly file: string;
  readonly options: PackRunOptions;
}

/** Tells a worker started ahead of its jobs to load the packs now (see warmPackWorker). */
export interface WarmUp {
  readonly warmUp: true;
}

export type PackReply =
  { readonly id: number; readonly run: PackRun } | { readonly id: number; readonly crash: string };

export interface PackPoolOptions {
  /** Worker threads at most (0: check everything on the main thread). @default the available parallelism, at most 4 */
  readonly maxWorkers?: number;
  /**
   * Fewer resources than this in the whole input are checked on the main thread.
   * @default DEFAULT_MIN_RESOURCES, or WARM_MIN_RESOURCES once this thread has loaded aws-cdk-lib
   */
  readonly minResources?: number;
  /**
   * Resources that repay one more worker: an input gets one worker per this many resources, up to `maxWorkers`.
   * @default DEFAULT_RESOURCES_PER_WORKER
   */
  readonly resourcesPerWorker?: number;
  /**
   * Starts one worker thread. When it throws, the templates go to the workers already started, or to the main
   * thread; when the worker fails once started, the main thread checks what it was given. The findings are
   * the same either way.
   * @default a thread running ./pack-worker.ts
   */
  readonly startWorker?: () => Worker;
}

/**
 * Below this, starting a worker costs more than it saves even while the main thread works on the other
 * controls: a template of a few resources is checked in a few milliseconds, and loading the packs in a
 * worker takes a third of a second of CPU (bench/verify.mjs measures both).
 */
export const DEFAULT_MIN_RESOURCES = 200;
/**
 * The same once this thread has aws-cdk-lib loaded (synth verifies what it just synthesized; a library user
 * verifies again): the main thread then checks the default output in a quarter of a second, and a worker
 * would first spend longer loading what is already here (bench/limits.mjs runs verify in one process).
 */
export const WARM_MIN_RESOURCES = 2000;
/** A second worker loads aws-cdk-lib again; about 2,000 resources of checking repay that. */
export const DEFAULT_RESOURCES_PER_WORKER = 2000;

let answeredByWorkers = 0;
/** Whether a run of this process has started worker threads. */
let workersStarted = false;

let takenAhead = 0;

/** Workers started ahead (warmPackWorker) that a run took, since the process started (for tests). */
export function warmWorkersTaken(): number {
  return takenAhead;
}

/** Templates checked in worker threads since the process started (tests use it to see that workers ran). */
export function templatesCheckedInWorkers(): number {
  return answeredByWorkers;
}

/** What a job costs a worker, for sharing the jobs out: its resources (a template of unknown size counts one). */
function weightOf(job: PackJob): number {
  return Math.max(1, job.options.resourceCount ?? 1);
}

/**
 * aws-cdk-lib is in this thread's module cache (each worker thread has its own), or a run before this one
 * started workers: a process that verifies more than once loads the packs once, here, where each run's
 * workers would load them again.
 */
function cdkLoadedHere(): boolean {
  if (workersStarted) return true;
  try {
    return require.cache[require.resolve('aws-cdk-lib')] !== undefined;
  } catch {
    return false;
  }
}

/**
 * A worker started before the input was read (warmPackWorker), loading aws-cdk-lib and the packs while this
 * thread reads the input; the next run that wants workers takes it as its first. Unreferenced until taken, so
 * one that no run takes never keeps the process alive.
 */
let ahead: { readonly worker: Worker; failed: boolean; readonly fail: () => void } | undefined;

/**
 * Starts one pack worker now, when a run is about to read an input likely large enough for workers: loading
 * the packs, a third of a second, then overlaps reading the input instead of following it. Nothing is started
 * where a run would not start workers anyway (a single core; aws-cdk-lib loaded here already).
 */
export function warmPackWorker(): void {
  if (ahead || !coresForWorkers(availableParallelism()) || cdkLoadedHere()) return;
  let worker: Worker;
  try {
    worker = startPackWorker();
  } catch {
    return;
  }
  const started = {
    worker,
    failed: false,
    fail: () => {
      started.failed = true;
    },
  };
  worker.on('error', started.fail);
  worker.on('exit', started.fail);
  worker.unref();
  worker.postMessage({ warmUp: true } satisfies WarmUp);
  ahead = started;
}

/** Whether a worker started ahead waits for a run to take it (for tests). */
export function workerWaitingAhead(): boolean {
  return ahead !== undefined;
}

/** Stops the worker started ahead when no run took it (the input turned out small, or could not be read). */
export async function dropWarmWorker(): Promise<void> {
  const started = ahead;
  ahead = undefined;
  if (started) await started.worker.terminate();
}

/** The worker started ahead, for a pool's first worker; undefined when there is none or it failed. */
function takeWarmWorker(): Worker | undefined {
  const started = ahead;
  ahead = undefined;
  if (!started) return undefined;
  if (started.failed) {
    void started.worker.terminate();
    return undefined;
  }
  started.worker.off('error', started.fail);
  started.worker.off('exit', started.fail);
  started.worker.ref();
  takenAhead += 1;
  return started.worker;
}

interface Waiting {
  readonly job: PackJob;
  readonly resolve: (run: PackRun) => void;
  readonly reject: (error: Error) => void;
}

/** Pack runs under way: the templates handed to worker threads, or to be checked on the main thread. */
export interface PackRuns {
  /**
   * Hands each template's run to `each`, in the order of the templates, as soon as it and those before it are
   * done, keeping none (a large input's findings are made template by template); resolves when all are done.
   */
  forEach(each: (run: PackRun, index: number) => void): Promise<void>;
  /** Stops the workers without waiting for their runs (the caller gave up: they would keep the process alive). */
  cancel(): Promise<void>;
}

/**
 * Hands the templates to worker threads at once (when the input is large enough for them) and returns: the
 * caller's own work then runs while the workers check. On the main thread nothing is checked until `forEach`.
 */
export function startPackRuns(
  jobs: readonly { file: string; options: PackRunOptions }[],
  options: PackPoolOptions = {},
): PackRuns {
  const workers = workerCount(jobs, options);
  if (workers === 0) {
    void dropWarmWorker();
    return {
      async forEach(each) {
        for (const [index, job] of jobs.entries())
          each(await runPacksOnTemplate(job.file, job.options), index);
      },
      async cancel() {},
    };
  }
  workersStarted = true;
  const pool = new PackPool(workers, options.startWorker ?? startPackWorker);
  const runs: (Promise<PackRun> | undefined)[] = jobs.map((job) => pool.run(job.file, job.options));
  // Awaited in order below; a failure of a later template is reported when its turn comes.
  for (const run of runs) run?.catch(() => undefined);
  return {
    async forEach(each) {
      try {
        for (let index = 0; index < runs.length; index++) {
          const run = await runs[index]!;
          runs[index] = undefined;
          each(run, index);
        }
      } finally {
        await pool.close();
      }
    },
    cancel: () => pool.close(),
  };
}

/** Worker threads for these jobs: none for a small input or a single core, else one per share of resources. */
export function workerCount(
  jobs: readonly { options: PackRunOptions }[],
  options: PackPoolOptions,
  /** Whether this thread has aws-cdk-lib loaded already. */
  warm = cdkLoadedHere(),
): number {
  const resources = jobs.reduce((n, j) => n + (j.options.resourceCount ?? 0), 0);
  const cores = availableParallelism();
  const max = Math.min(options.maxWorkers ?? (coresForWorkers(cores) ? Math.min(4, cores) : 0), jobs.length);
  const min = options.minResources ?? (warm ? WARM_MIN_RESOURCES : DEFAULT_MIN_RESOURCES);
  if (max < 1 || resources < min) return 0;
  const perWorker = options.resourcesPerWorker ?? DEFAULT_RESOURCES_PER_WORKER;
  return Math.max(1, Math.min(max, Math.ceil(resources / Math.max(1, perWorker))));
}

/** A thread running ./pack-worker.ts. */
function startPackWorker(): Worker {
  return moduleWorker('controls/nag/pack-worker');
}

/** On one core a worker would only take turns with the main thread, and load the packs a second time. */
function coresForWorkers(cores: number): boolean {
  return cores >= 2;
}

class PackPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Waiting>();
  /**
   * Resources handed to each worker and not yet answered. Every job is handed out at once, to the worker with
   * the fewest: a worker that had to ask the main thread for its next job sat idle while the main thread
   * evaluated the other controls (a quarter of the workers' time on 100k resources).
   */
  private readonly load = new Map<Worker, number>();
  private nextId = 0;
  private broken = false;

  constructor(
    private size: number,
    private readonly startWorker: () => Worker,
  ) {}

  run(file: string, options: PackRunOptions): Promise<PackRun> {
    const worker = this.broken ? undefined : this.nextWorker();
    if (!worker) return runPacksOnTemplate(file, options);
    const job: PackJob = { id: this.nextId++, file, options };
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { job, resolve, reject });
      this.load.set(worker, (this.load.get(worker) ?? 0) + weightOf(job));
      worker.postMessage(job);
    });
  }

  /**
   * A new worker while the pool is short of its size, else the least loaded one; none once no worker runs.
   * A thread the system will not start (its limits on threads or memory) leaves the pool at the workers it has,
   * or with none, to the main thread.
   */
  private nextWorker(): Worker | undefined {
    if (this.workers.length < this.size)
      try {
        return this.spawn();
      } catch {
        this.size = this.workers.length;
        if (this.size === 0) this.fallBack();
      }
    return this.broken ? undefined : this.leastLoaded();
  }

  private leastLoaded(): Worker {
    let best = this.workers[0]!;
    for (const w of this.workers) if ((this.load.get(w) ?? 0) < (this.load.get(best) ?? 0)) best = w;
    return best;
  }

  private spawn(): Worker {
    const worker = takeWarmWorker() ?? this.startWorker();
    this.workers.push(worker);
    worker.on('message', (reply: PackReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.load.set(worker, (this.load.get(worker) ?? 0) - weightOf(waiting.job));
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
    for (const w of waiting) runPacksOnTemplate(w.job.file, w.job.options).then(w.resolve, w.reject);
    void Promise.all(this.workers.map((w) => w.terminate()));
  }

  async close(): Promise<void> {
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
