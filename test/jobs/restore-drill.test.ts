/**
 * The restore drill against a local stand-in for Weaviate (no Weaviate runs here; see weaviate-stand-in.ts) and
 * moto_server for S3, where the result document lands (started on 127.0.0.1 for this file). The scratch
 * Weaviate is a second stand-in whose creation and removal the test records.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3EvidenceStore, type EvidenceStore } from '../../src/jobs/evidence.js';
import { drillMetrics, DRILL_METRICS, runDrill, type DrillResult } from '../../src/jobs/restore-drill.js';
import { WeaviateApi } from '../../src/jobs/weaviate-api.js';
import { motoClientConfig, startMoto, type Moto } from '../notifier/moto.js';
import { FakeClock } from './fake-clock.js';
import { WeaviateStandIn } from './weaviate-stand-in.js';

const SOURCE_KEY = 'backup-user-key';
const SCRATCH_KEY = 'scratch-root-key';
const BUCKET = 'weaviate-backups-test';
const NOW = Date.parse('2026-12-07T04:00:00Z');

const metric = (r: DrillResult, name: string) => drillMetrics(r).find((m) => m.name === name)?.value;

describe('the restore drill', () => {
  let moto: Moto;
  let s3: S3Client;
  const source = new WeaviateStandIn(SOURCE_KEY);
  const scratch = new WeaviateStandIn(SCRATCH_KEY);
  let sourceApi: WeaviateApi;
  let scratchApi: WeaviateApi;
  const lifecycle: string[] = [];

  before(async () => {
    moto = await startMoto();
    s3 = new S3Client({ ...motoClientConfig(moto.endpoint), forcePathStyle: true });
    await s3.send(
      new CreateBucketCommand({
        Bucket: BUCKET,
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    sourceApi = new WeaviateApi({ baseUrl: await source.start(), apiKey: SOURCE_KEY });
    scratchApi = new WeaviateApi({ baseUrl: await scratch.start(), apiKey: SCRATCH_KEY });
  });
  after(async () => {
    await Promise.all([source.stop(), scratch.stop()]);
    await moto.stop();
  });
  beforeEach(() => {
    source.backups.clear();
    scratch.backups.clear();
    scratch.restores.clear();
    scratch.collections = {};
    scratch.corrupt.clear();
    scratch.dropOnRestore.clear();
    scratch.notReadyFor = 0;
    lifecycle.length = 0;
  });

  /** The source lists the backup; the scratch holds the same files (one bucket behind both). */
  function backupTaken(id: string, completedAt: number, classes = ['Article', 'Author']) {
    source.addBackup(id, 'SUCCESS', classes, new Date(completedAt));
    scratch.addBackup(id, 'SUCCESS', classes, new Date(completedAt));
  }

  function drill(clock: FakeClock, evidence: EvidenceStore = evidenceIn(BUCKET), timeoutMs = 1_800_000) {
    return runDrill({
      source: sourceApi,
      scratch: {
        api: scratchApi,
        create: async () => void lifecycle.push('create'),
        remove: async () => void lifecycle.push('remove'),
      },
      evidence,
      clock,
      rtoMinutes: 60,
      rpoHours: 24,
      evidencePrefix: 'restore-drills',
      timeoutMs,
      pollIntervalMs: 30_000,
    });
  }

  const evidenceIn = (bucket: string) =>
    new S3EvidenceStore({
      bucket,
      region: 'eu-west-1',
      endpoint: moto.endpoint,
      credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
    });

  async function stored(result: DrillResult): Promise<DrillResult> {
    const key = result.evidence!.replace(`s3://${BUCKET}/`, '');
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return JSON.parse(await object.Body!.transformToString()) as DrillResult;
  }

  it('restores the latest successful backup, checks it, and stores the evidence with RTO and RPO', async () => {
    backupTaken('scheduled-20261206t1800z', NOW - 10 * 3600_000);
    backupTaken('scheduled-20261207t0000z', NOW - 3 * 3600_000);
    source.addBackup('scheduled-20261207t0300z', 'FAILED', ['Article'], new Date(NOW - 3600_000));
    scratch.notReadyFor = 2;
    const result = await drill(new FakeClock(NOW));
    assert.equal(result.passed, true, JSON.stringify(result.checks));
    assert.equal(result.backupId, 'scheduled-20261207t0000z');
    assert.equal(result.rpoSeconds, 3 * 3600);
    // Two readiness waits and four restore status reads, 30 s apart.
    assert.equal(result.rtoSeconds, 5 * 30);
    assert.deepEqual(result.collections, [
      { name: 'Article', present: true, objects: 42 },
      { name: 'Author', present: true, objects: 42 },
    ]);
    assert.deepEqual(lifecycle, ['create', 'remove']);
    assert.match(
      result.evidence!,
      /^s3:\/\/weaviate-backups-test\/restore-drills\/2026-12\/drill-20261207t040000000z\.json$/,
    );
    const document = await stored(result);
    assert.equal(document.passed, true);
    assert.equal(document.rtoSeconds, 150);
    assert.equal(document.scratchRemoved, true);
    assert.equal(metric(result, DRILL_METRICS.success), 1);
    assert.equal(metric(result, DRILL_METRICS.rto), 150);
    assert.equal(metric(result, DRILL_METRICS.rpo), 10_800);
  });

  it('fails a drill whose backup is corrupt, removes the scratch and still stores the evidence', async () => {
    backupTaken('scheduled-20261207t0000z', NOW - 3600_000);
    scratch.corrupt.add('scheduled-20261207t0000z');
    const result = await drill(new FakeClock(NOW));
    assert.equal(result.passed, false);
    const failed = result.checks.find((c) => !c.passed)!;
    assert.equal(failed.name, 'restore-succeeded');
    assert.match(failed.detail, /ended FAILED: restore class: unexpected EOF/);
    assert.equal(result.rtoSeconds, undefined);
    assert.deepEqual(lifecycle, ['create', 'remove']);
    assert.equal((await stored(result)).passed, false);
    assert.equal(metric(result, DRILL_METRICS.success), 0);
    assert.equal(metric(result, DRILL_METRICS.lastSuccess), undefined);
  });

  it('fails when the backup the source lists is missing from the bucket (404 on restore)', async () => {
    source.addBackup('scheduled-20261207t0000z', 'SUCCESS', ['Article'], new Date(NOW - 3600_000));
    const result = await drill(new FakeClock(NOW));
    assert.equal(result.passed, false);
    const failed = result.checks.find((c) => !c.passed)!;
    assert.equal(failed.name, 'restore-started');
    assert.match(failed.detail, /HTTP 404 backup scheduled-20261207t0000z not found/);
    assert.deepEqual(lifecycle, ['create', 'remove']);
  });

  it('fails without creating a scratch when no backup ever succeeded', async () => {
    source.addBackup('scheduled-20261207t0000z', 'FAILED', ['Article'], new Date(NOW - 3600_000));
    const result = await drill(new FakeClock(NOW));
    assert.equal(result.passed, false);
    assert.equal(result.checks[0]!.name, 'backup-found');
    assert.deepEqual(lifecycle, []);
    assert.equal((await stored(result)).checks[0]!.detail, 'no successful backup');
  });

  it('fails when a collection of the backup is missing after the restore', async () => {
    backupTaken('scheduled-20261207t0000z', NOW - 3600_000);
    scratch.dropOnRestore.add('Author');
    const result = await drill(new FakeClock(NOW));
    assert.equal(result.passed, false);
    assert.match(result.checks.find((c) => !c.passed)!.detail, /missing after restore: Author/);
  });

  it('fails a drill slower than the RTO or with a backup older than the RPO, with the measured values', async () => {
    backupTaken('scheduled-20261205t0000z', NOW - 52 * 3600_000);
    scratch.notReadyFor = 130; // 65 minutes of waiting at 30 s a read
    const result = await drill(new FakeClock(NOW), undefined, 4 * 3600_000);
    assert.equal(result.passed, false);
    const failedNames = result.checks.filter((c) => !c.passed).map((c) => c.name);
    assert.deepEqual(failedNames, ['rto-within-target', 'rpo-within-target']);
    assert.ok(result.rtoSeconds! > 3600);
    assert.equal(metric(result, DRILL_METRICS.rpo), 52 * 3600);
    assert.equal(metric(result, DRILL_METRICS.success), 0);
  });

  it('fails at the drill timeout when the scratch never becomes ready', async () => {
    backupTaken('scheduled-20261207t0000z', NOW - 3600_000);
    scratch.notReadyFor = 10_000;
    const result = await drill(new FakeClock(NOW), undefined, 600_000);
    assert.equal(result.passed, false);
    assert.equal(result.checks.at(-1)!.name, 'scratch-ready');
    assert.deepEqual(lifecycle, ['create', 'remove']);
  });

  it('tolerates small clock skew but refuses a backup that completed well in the future', async () => {
    backupTaken('scheduled-20261207t0400z', NOW + 20_000);
    const skewed = await drill(new FakeClock(NOW));
    assert.equal(skewed.passed, true, JSON.stringify(skewed.checks));
    assert.equal(skewed.rpoSeconds, 0);
    source.backups.clear();
    backupTaken('scheduled-20261207t0600z', NOW + 2 * 3600_000);
    const future = await drill(new FakeClock(NOW));
    assert.equal(future.passed, false);
    assert.equal(future.checks.find((c) => !c.passed)!.name, 'clock-agreement');
  });

  it('fails when the evidence cannot be stored', async () => {
    backupTaken('scheduled-20261207t0000z', NOW - 3600_000);
    const result = await drill(new FakeClock(NOW), evidenceIn('no-such-bucket'));
    assert.equal(result.passed, false);
    assert.equal(result.checks.at(-1)!.name, 'evidence-stored');
    assert.equal(result.evidence, undefined);
    assert.equal(metric(result, DRILL_METRICS.success), 0);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'restore-drills/' }));
    assert.ok((listed.Contents ?? []).length > 0);
  });
});
