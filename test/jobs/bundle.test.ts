/**
 * The shipped artefact, not the sources: the gzip-compressed bundle the ConfigMap carries, run the way the
 * CronJob runs it (`node -` reading the program from standard input) in a separate process with only the
 * environment the chart sets, against the local Weaviate stand-in (no Weaviate runs here).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import { compressedJobBundle } from '../../src/jobs/bundle.js';
import { WeaviateStandIn } from './weaviate-stand-in.js';

const KEY = 'bundle-backup-key';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly metrics: string;
}

/** Runs the bundle with `env`, scraping its metrics port while it lingers. */
async function runBundle(env: Record<string, string>): Promise<Run> {
  const program = gunzipSync(Buffer.from(compressedJobBundle(), 'base64'));
  const port = await freePort();
  const child = spawn(process.execPath, ['-'], {
    env: {
      PATH: process.env.PATH ?? '',
      VF_METRICS_PORT: String(port),
      VF_METRICS_LINGER_SECONDS: '3',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stdin.end(program);
  let metrics = '';
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  let done = false;
  void exited.then(() => (done = true));
  while (!done && metrics === '') {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      if (res.ok) metrics = await res.text();
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { code: await exited, stdout, metrics };
}

describe('the bundled job program', () => {
  const standIn = new WeaviateStandIn(KEY);
  let url: string;

  before(async () => {
    url = await standIn.start();
  });
  after(() => standIn.stop());
  beforeEach(() => {
    standIn.backups.clear();
    standIn.collections = { Article: 5 };
  });

  const backupEnv = () => ({
    VF_JOB_MODE: 'backup',
    VF_WEAVIATE_URL: url,
    VF_BACKUP_API_KEY: KEY,
    VF_SCHEDULE: '* * * * *',
    VF_TIMEOUT_SECONDS: '30',
    VF_POLL_SECONDS: '0.05',
  });

  it('exits 0 and serves a success metric when Weaviate reports SUCCESS', async () => {
    standIn.backupScenario = 'succeeds';
    const run = await runBundle(backupEnv());
    assert.equal(run.code, 0);
    const line = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      ok: boolean;
      outcome: string;
      backupId: string;
    };
    assert.equal(line.ok, true);
    assert.equal(line.outcome, 'success');
    assert.equal(standIn.backups.get(line.backupId)?.steps.at(-1), 'SUCCESS');
    assert.match(run.metrics, /^vectorfort_backup_last_run_success 1$/m);
    assert.match(run.metrics, /^vectorfort_backup_last_success_timestamp_seconds \d+(\.\d+)?$/m);
  });

  it('exits 1 and serves a failure metric when the backup fails mid-way', async () => {
    standIn.backupScenario = 'fails-midway';
    const run = await runBundle(backupEnv());
    assert.equal(run.code, 1);
    assert.match(run.stdout, /"outcome":"failed"/);
    assert.match(run.metrics, /^vectorfort_backup_last_run_success 0$/m);
    assert.match(
      run.metrics,
      /vectorfort_backup_last_run_outcome\{outcome="failed",backup_id="scheduled-[0-9t]+z"\} 1/,
    );
    assert.doesNotMatch(run.metrics, /last_success_timestamp/);
  });

  it('exits 2 when its configuration is incomplete, and serves it as a failed backup', async () => {
    const run = await runBundle({ VF_JOB_MODE: 'backup', VF_WEAVIATE_URL: url });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /VF_BACKUP_API_KEY is not set/);
    assert.match(run.metrics, /^vectorfort_backup_last_run_success 0$/m);
    assert.match(run.metrics, /^vectorfort_backup_last_run_outcome\{outcome="error",backup_id="none"\} 1$/m);
    assert.doesNotMatch(run.metrics, /last_success_timestamp/);
  });

  it('serves a drill that fails in its configuration as a failed drill', async () => {
    const run = await runBundle({ VF_JOB_MODE: 'drill', VF_WEAVIATE_URL: url });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /is not set/);
    assert.match(run.metrics, /^vectorfort_restore_drill_success 0$/m);
    assert.match(run.metrics, /^vectorfort_restore_drill_last_run_timestamp_seconds \d+(\.\d+)?$/m);
    assert.doesNotMatch(run.metrics, /last_success_timestamp/);
  });

  it('serves nothing when the mode is unknown: no job of that name has alerts to feed', async () => {
    const run = await runBundle({ VF_JOB_MODE: 'nonsense' });
    assert.equal(run.code, 2);
    assert.equal(run.metrics, '');
  });
});
