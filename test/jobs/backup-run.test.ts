/**
 * The backup program against a local stand-in for Weaviate's backup API (no Weaviate runs here; see
 * weaviate-stand-in.ts). Every outcome is checked through the metrics the alerts read: only a backup Weaviate
 * reported as SUCCESS sets the success metric.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { backupMetrics, BACKUP_METRICS, runBackup, type BackupRunResult } from '../../src/jobs/backup-run.js';
import { exposition } from '../../src/jobs/metrics.js';
import { WeaviateApi } from '../../src/jobs/weaviate-api.js';
import { FakeClock } from './fake-clock.js';
import { WeaviateStandIn } from './weaviate-stand-in.js';

const KEY = 'backup-user-key-0123456789';
const SLOT = Date.parse('2026-12-07T06:00:00Z');

function metric(result: BackupRunResult, name: string): number | undefined {
  return backupMetrics(result).find((m) => m.name === name)?.value;
}

describe('the scheduled backup program', () => {
  const standIn = new WeaviateStandIn(KEY);
  let api: WeaviateApi;

  before(async () => {
    api = new WeaviateApi({ baseUrl: await standIn.start(), apiKey: KEY });
  });
  after(() => standIn.stop());
  beforeEach(() => {
    standIn.backups.clear();
    standIn.restores.clear();
    standIn.collections = { Article: 10, Author: 3 };
    standIn.backupScenario = 'succeeds';
  });

  const run = (clock: FakeClock, timeoutMs = 600_000) => {
    standIn.now = () => clock.now();
    return runBackup({ api, clock, schedule: '0 */6 * * *', timeoutMs, pollIntervalMs: 5_000 });
  };

  it('reports success only after Weaviate reports SUCCESS, with the completion time and duration', async () => {
    const clock = new FakeClock(SLOT + 2_000);
    const result = await run(clock);
    assert.equal(result.outcome, 'success');
    assert.equal(result.backupId, 'scheduled-20261207t0600z');
    assert.equal(standIn.backups.get(result.backupId)?.steps.at(-1), 'SUCCESS');
    assert.deepEqual(
      standIn.requests.filter((r) => r.startsWith('POST')),
      ['POST /v1/backups/s3'],
    );
    assert.equal(metric(result, BACKUP_METRICS.success), 1);
    assert.equal(metric(result, BACKUP_METRICS.lastSuccess), result.completedAt!.getTime() / 1000);
    // Three status reads (STARTED was the create answer): TRANSFERRING, TRANSFERRED, SUCCESS, two sleeps between.
    assert.equal(metric(result, BACKUP_METRICS.duration), 10);
    assert.match(exposition(backupMetrics(result)), /vectorfort_backup_last_run_outcome\{outcome="success",/);
  });

  it('reports a backup that fails mid-way as failed, with no success metric', async () => {
    standIn.backupScenario = 'fails-midway';
    const result = await run(new FakeClock(SLOT + 1_000));
    assert.equal(result.outcome, 'failed');
    assert.match(result.detail, /ended FAILED: upload to s3: connection reset by peer/);
    assert.equal(metric(result, BACKUP_METRICS.success), 0);
    assert.equal(metric(result, BACKUP_METRICS.lastSuccess), undefined);
  });

  it('reports a backup that never finishes as a timeout at the deadline', async () => {
    standIn.backupScenario = 'hangs';
    const clock = new FakeClock(SLOT);
    const result = await run(clock, 60_000);
    assert.equal(result.outcome, 'timeout');
    assert.match(result.detail, /still TRANSFERRING after 60 s/);
    assert.equal(clock.slept, 60_000);
    assert.equal(metric(result, BACKUP_METRICS.success), 0);
    assert.equal(metric(result, BACKUP_METRICS.lastSuccess), undefined);
  });

  it('reports a second run while the first is still transferring as an overlap, never as success', async () => {
    standIn.backupScenario = 'hangs';
    const first = await run(new FakeClock(SLOT), 10_000);
    assert.equal(first.outcome, 'timeout');
    // The next slot's run finds Weaviate busy with the first backup: Weaviate answers 422.
    const second = await run(new FakeClock(SLOT + 6 * 3600_000));
    assert.equal(second.outcome, 'overlap');
    assert.match(second.detail, /already in progress/);
    assert.equal(metric(second, BACKUP_METRICS.success), 0);
    // A re-run of the first slot finds its own backup still running.
    const rerun = await run(new FakeClock(SLOT + 60_000));
    assert.equal(rerun.outcome, 'overlap');
    assert.match(rerun.detail, /scheduled-20261207t0600z of this slot is still TRANSFERRING/);
  });

  it('names the slot it was started for when the pod clock is slightly behind the schedule boundary', async () => {
    const early = await run(new FakeClock(SLOT - 2_000));
    assert.equal(early.backupId, 'scheduled-20261207t0600z');
    assert.equal(early.outcome, 'success');
    // The same slot seen from a clock 3 s ahead is the same backup: no second one is taken, and the run says so.
    const late = await run(new FakeClock(SLOT + 3_000));
    assert.equal(late.backupId, 'scheduled-20261207t0600z');
    assert.equal(late.outcome, 'overlap');
    assert.equal(standIn.backups.size, 1);
    // A clock far behind (beyond the tolerance) belongs to the previous slot.
    const previous = await run(new FakeClock(SLOT - 600_000));
    assert.equal(previous.backupId, 'scheduled-20261207t0000z');
  });

  it('retries a slot whose backup failed under a new id', async () => {
    standIn.addBackup('scheduled-20261207t0600z', 'FAILED', ['Article'], new Date(SLOT));
    const result = await run(new FakeClock(SLOT + 120_000));
    assert.equal(result.outcome, 'success');
    assert.match(result.backupId, /^scheduled-20261207t0600z-retry-\d+$/);
  });

  it('reports an error when Weaviate refuses the backup (wrong key)', async () => {
    const wrong = new WeaviateApi({ baseUrl: (api as unknown as { base: string }).base, apiKey: 'nope' });
    const result = await runBackup({
      api: wrong,
      clock: new FakeClock(SLOT),
      schedule: '0 */6 * * *',
      timeoutMs: 1000,
    });
    assert.equal(result.outcome, 'error');
    assert.match(result.detail, /HTTP 401 anonymous access not enabled/);
    assert.equal(metric(result, BACKUP_METRICS.success), 0);
  });

  it('reports an empty Weaviate (nothing to back up) as an error, not a success', async () => {
    standIn.collections = {};
    const result = await run(new FakeClock(SLOT));
    assert.equal(result.outcome, 'error');
    assert.match(result.detail, /no available classes to backup/);
    assert.equal(metric(result, BACKUP_METRICS.success), 0);
  });
});
