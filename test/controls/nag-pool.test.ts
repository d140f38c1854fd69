/**
 * When the packs run in worker threads: not for an input too small to repay loading them there, in one worker
 * for a mid-sized one (the main thread evaluates the other controls meanwhile), and never so that a run that
 * gives up keeps the process alive; a worker that cannot start or fails leaves its templates to the others.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { nagFindings, startNagFindings } from '../../src/controls/nag/index.js';
import {
  DEFAULT_MIN_RESOURCES,
  startPackRuns,
  templatesCheckedInWorkers,
  workerCount,
} from '../../src/controls/nag/pack-pool.js';
import { loadInventory } from '../../src/inventory/index.js';
import { moduleWorker } from '../../src/package-files.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-nag-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function template(name: string, queues: number): string {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < queues; i++) resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue' };
  const file = join(dir, `${name}.template.json`);
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

describe('cdk-nag worker threads by input size', () => {
  it('checks an input below the minimum on the main thread', async () => {
    const inventory = await loadInventory([template('small', 3)]);
    const before = templatesCheckedInWorkers();
    const findings = await nagFindings(inventory);
    assert.equal(templatesCheckedInWorkers() - before, 0);
    assert.ok(findings.some((f) => f.ruleId === 'AwsSolutions-SQS3'));
    // This thread has aws-cdk-lib loaded now: a mid-sized input stays here too.
    const midSized = [{ options: { resourceCount: DEFAULT_MIN_RESOURCES + 50 } }];
    assert.equal(workerCount(midSized, { maxWorkers: 2 }), 0);
  });

  it('checks a mid-sized input in one worker when there is a second core, with the findings of the main thread', async () => {
    const file = template('mid', DEFAULT_MIN_RESOURCES + 50);
    const inventory = await loadInventory([file]);
    const onMain = await nagFindings(inventory, { maxWorkers: 0 });
    const before = templatesCheckedInWorkers();
    const pending = await startNagFindings(inventory, { workerMinResources: DEFAULT_MIN_RESOURCES });
    const { findings } = await pending.finish();
    assert.equal(templatesCheckedInWorkers() - before, availableParallelism() >= 2 ? 1 : 0);
    assert.equal(findings.length, onMain.length);
    assert.deepEqual(findings, onMain);
  });

  it('starts one worker per share of resources, at most one per template and the limit', () => {
    const jobs = (...counts: number[]) => counts.map((resourceCount) => ({ options: { resourceCount } }));
    const two = { maxWorkers: 4 };
    const cold = (j: ReturnType<typeof jobs>, o: Parameters<typeof workerCount>[1]) =>
      workerCount(j, o, false);
    assert.equal(cold(jobs(100), two), 0, 'below the minimum');
    assert.equal(
      cold(jobs(397, 6), two),
      1,
      'the default output, in a process that has not loaded the packs',
    );
    assert.equal(
      workerCount(jobs(397, 6), two, true),
      0,
      'the default output where aws-cdk-lib is loaded already (synth): the main thread is quicker',
    );
    assert.equal(workerCount(jobs(1500, 1500), two, true), 2, 'a large input repays a worker anyway');
    assert.equal(cold(jobs(2500, 2500), two), 2);
    assert.equal(cold(jobs(500, 500, 500, 500, 500, 500, 500, 500, 500, 500), two), 3);
    assert.equal(cold(jobs(100_000), two), 1, 'one template is one job');
    assert.equal(cold(jobs(100_000, 1, 1, 1, 1, 1), two), 4, 'never more than the limit');
    assert.equal(cold(jobs(5000, 5000), { maxWorkers: 0 }), 0, 'workers turned off');
    assert.equal(cold(jobs(300), { minResources: 400, maxWorkers: 2 }), 0);
    assert.equal(cold(jobs(3000), { resourcesPerWorker: 1000, maxWorkers: 2 }), 1);
  });

  it('hands every template to the workers and gives the runs back in order', async () => {
    const jobs = [1, 2, 3].map((i) => ({
      file: template(`share${i}`, 5),
      options: { resourceCount: 1000 },
    }));
    const before = templatesCheckedInWorkers();
    const runs = startPackRuns(jobs, { maxWorkers: 3, resourcesPerWorker: 1500, minResources: 0 });
    const seen: number[] = [];
    await runs.forEach((run, index) => {
      assert.equal(run.error, undefined);
      seen.push(index);
    });
    assert.deepEqual(seen, [0, 1, 2], 'in the order of the templates');
    assert.equal(templatesCheckedInWorkers() - before, 3);
  });

  it('checks in worker threads once per process: a second run loads the packs on the main thread', () => {
    // A fresh process, in which nothing has loaded aws-cdk-lib yet.
    const script = `
      import { startPackRuns, workerCount, templatesCheckedInWorkers } from ${JSON.stringify(
        new URL('../../src/controls/nag/pack-pool.ts', import.meta.url).href,
      )};
      const jobs = [{ file: ${JSON.stringify(template('fresh', DEFAULT_MIN_RESOURCES + 20))}, options: { resourceCount: ${
        DEFAULT_MIN_RESOURCES + 20
      } } }];
      const before = workerCount(jobs, { maxWorkers: 1 });
      await startPackRuns(jobs, { maxWorkers: 1 }).forEach(() => {});
      console.log(JSON.stringify({ before, inWorkers: templatesCheckedInWorkers(), after: workerCount(jobs, { maxWorkers: 1 }) }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').pop()!), { before: 1, inWorkers: 1, after: 0 });
  });

  it('stops the workers of a run that is given up, so nothing keeps the process alive', async () => {
    const inventory = await loadInventory([template('cancelled', DEFAULT_MIN_RESOURCES + 10)]);
    const pending = await startNagFindings(inventory, { maxWorkers: 1 });
    await pending.cancel();
    // The test runner would time out here if a worker were left running with its job.
  });

  it('takes a worker started ahead for a run that wants one, and stops it for a run that does not', () => {
    // Fresh processes, in which nothing has loaded aws-cdk-lib yet.
    const pool = JSON.stringify(new URL('../../src/controls/nag/pack-pool.ts', import.meta.url).href);
    const run = (resources: number) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `
          import { startPackRuns, warmPackWorker, warmWorkersTaken, templatesCheckedInWorkers } from ${pool};
          warmPackWorker();
          const jobs = [{ file: ${JSON.stringify(template(`ahead${resources}`, resources))}, options: { resourceCount: ${resources} } }];
          let checked = 0;
          await startPackRuns(jobs, { maxWorkers: 1 }).forEach((run) => { if (run.error === undefined) checked++; });
          console.log(JSON.stringify({ checked, taken: warmWorkersTaken(), inWorkers: templatesCheckedInWorkers() }));
        `,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
    const large = run(DEFAULT_MIN_RESOURCES + 20);
    assert.equal(large.status, 0, large.stderr);
    const expectedWorkers = availableParallelism() >= 2 ? 1 : 0;
    assert.deepEqual(JSON.parse(large.stdout.trim().split('\n').pop()!), {
      checked: 1,
      taken: expectedWorkers,
      inWorkers: expectedWorkers,
    });
    // Too small for a worker: the one started ahead is stopped, and the process ends on its own.
    const small = run(3);
    assert.equal(small.status, 0, small.stderr);
    assert.deepEqual(JSON.parse(small.stdout.trim().split('\n').pop()!), {
      checked: 1,
      taken: 0,
      inWorkers: 0,
    });
  });

  it('never keeps a process alive with a worker started ahead that no run took', () => {
    const pool = JSON.stringify(new URL('../../src/controls/nag/pack-pool.ts', import.meta.url).href);
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { warmPackWorker } from ${pool}; warmPackWorker();`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.signal, null, 'ended on its own');
    assert.ok(Date.now() - started < 60_000);
  });

  it('stops the worker a verification started ahead when its input cannot be read', () => {
    const bad = join(dir, 'broken.template.json');
    // Large enough to start a worker ahead, and not JSON.
    writeFileSync(bad, `{"Resources": {${'"Q": 1,'.repeat(60_000)}`);
    const script = `
      import { runVerify } from ${JSON.stringify(new URL('../../src/cli/run-verify.ts', import.meta.url).href)};
      import { workerWaitingAhead, warmWorkersTaken } from ${JSON.stringify(
        new URL('../../src/controls/nag/pack-pool.ts', import.meta.url).href,
      )};
      let error;
      try { await runVerify({ paths: [${JSON.stringify(bad)}] }); } catch (e) { error = e.constructor.name; }
      console.log(JSON.stringify({ error, waiting: workerWaitingAhead(), taken: warmWorkersTaken() }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').pop()!), {
      error: 'MalformedFileError',
      waiting: false,
      taken: 0,
    });
  });
});

describe('cdk-nag worker threads that fail', { timeout: 60_000 }, () => {
  async function runAll(
    jobs: readonly { file: string; options: { resourceCount: number } }[],
    options: Parameters<typeof startPackRuns>[1],
  ): Promise<unknown[]> {
    const runs: unknown[] = [];
    await startPackRuns(jobs, options).forEach((run, index) => (runs[index] = run));
    return runs;
  }

  /** Three templates through a pool of two workers started by `startWorker`, beside the main thread's runs. */
  async function withFailingWorkers(name: string, startWorker: () => Worker) {
    const jobs = [1, 2, 3].map((i) => ({
      file: template(`${name}${i}`, 5),
      options: { resourceCount: 1000 },
    }));
    const onMain = await runAll(jobs, { maxWorkers: 0 });
    const before = templatesCheckedInWorkers();
    const runs = await runAll(jobs, {
      maxWorkers: 2,
      resourcesPerWorker: 1000,
      minResources: 0,
      startWorker,
    });
    return { runs, onMain, inWorkers: templatesCheckedInWorkers() - before };
  }

  it('checks everything on the main thread when no worker thread can start', async () => {
    let tries = 0;
    const { runs, onMain, inWorkers } = await withFailingWorkers('nothread', () => {
      tries++;
      // What Node throws when the system will not start another thread.
      throw Object.assign(new Error('Worker initialization failure: EAGAIN'), {
        code: 'ERR_WORKER_INIT_FAILED',
      });
    });
    assert.deepEqual(runs, onMain);
    assert.equal(inWorkers, 0);
    assert.equal(tries, 1, 'a pool that could not start a thread does not try for every template');
  });

  it('leaves the templates to the workers that started when another cannot', async () => {
    let tries = 0;
    const { runs, onMain, inWorkers } = await withFailingWorkers('onethread', () => {
      if (++tries > 1) throw new Error('no second thread');
      return moduleWorker('controls/nag/pack-worker');
    });
    assert.deepEqual(runs, onMain);
    assert.equal(inWorkers, 3, 'the first worker checked all three');
    assert.equal(tries, 2);
  });

  it('checks on the main thread what a worker that fails once started was given', async () => {
    const { runs, onMain, inWorkers } = await withFailingWorkers(
      'diesoon',
      () => new Worker('throw new Error("the worker fails as it starts")', { eval: true }),
    );
    assert.deepEqual(runs, onMain);
    assert.equal(inWorkers, 0);
  });
});
