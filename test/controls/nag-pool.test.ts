/**
 * When the packs run in worker threads: not for an input too small to repay loading them there, in one worker
 * for a mid-sized one (the main thread evaluates the other controls meanwhile), and never so that a run that
 * gives up keeps the process alive.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { nagFindings, startNagFindings } from '../../src/controls/nag/index.js';
import {
  DEFAULT_MIN_RESOURCES,
  startPackRuns,
  templatesCheckedInWorkers,
  workerCount,
} from '../../src/controls/nag/pack-pool.js';
import { loadInventory } from '../../src/inventory/index.js';

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
  });

  it('checks a mid-sized input in one worker when there is a second core, with the main thread findings', async () => {
    const file = template('mid', DEFAULT_MIN_RESOURCES + 50);
    const inventory = await loadInventory([file]);
    const onMain = await nagFindings(inventory, { maxWorkers: 0 });
    const before = templatesCheckedInWorkers();
    const pending = await startNagFindings(inventory);
    const { findings } = await pending.finish();
    assert.equal(templatesCheckedInWorkers() - before, availableParallelism() >= 2 ? 1 : 0);
    assert.equal(findings.length, onMain.length);
    assert.deepEqual(findings, onMain);
  });

  it('starts one worker per share of resources, at most one per template and the limit', () => {
    const jobs = (...counts: number[]) => counts.map((resourceCount) => ({ options: { resourceCount } }));
    const two = { maxWorkers: 4 };
    assert.equal(workerCount(jobs(100), two), 0, 'below the minimum');
    assert.equal(workerCount(jobs(397, 6), two), 1, 'the default output: one worker');
    assert.equal(workerCount(jobs(2500, 2500), two), 2);
    assert.equal(workerCount(jobs(500, 500, 500, 500, 500, 500, 500, 500, 500, 500), two), 3);
    assert.equal(workerCount(jobs(100_000), two), 1, 'one template is one job');
    assert.equal(workerCount(jobs(100_000, 1, 1, 1, 1, 1), two), 4, 'never more than the limit');
    assert.equal(workerCount(jobs(5000, 5000), { maxWorkers: 0 }), 0, 'workers turned off');
    assert.equal(workerCount(jobs(300), { minResources: 400, maxWorkers: 2 }), 0);
    assert.equal(workerCount(jobs(3000), { resourcesPerWorker: 1000, maxWorkers: 2 }), 1);
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

  it('stops the workers of a run that is given up, so nothing keeps the process alive', async () => {
    const inventory = await loadInventory([template('cancelled', DEFAULT_MIN_RESOURCES + 10)]);
    const pending = await startNagFindings(inventory, { maxWorkers: 1 });
    await pending.cancel();
    // The test runner would time out here if a worker were left running with its job.
  });
});
