/**
 * A report larger than a pipe's buffer reaches the reader whole: the CLI exits only after its output has been
 * flushed (a JSON report of thousands of findings was cut off mid-string before).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vectorfort-large-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('vectorfort verify on a pipe', () => {
  it('writes a JSON report larger than the pipe buffer completely', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++)
      resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `bucket-${i}` } };
    const file = join(dir, 'many.template.json');
    writeFileSync(file, JSON.stringify({ Resources: resources }));
    const run = spawnSync(
      process.execPath,
      [join(root, 'bin', 'vectorfort.js'), 'verify', file, '--format', 'json'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 1024,
      },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.ok(run.stdout.length > 256 * 1024, `${run.stdout.length} bytes (more than a pipe holds)`);
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    assert.ok(report.findings.length > 300);
  });
});

describe('vectorfort verify into a pipe closed early', () => {
  it('stops quietly and still reports the findings in its exit code', async () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++)
      resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `bucket-${i}` } };
    const file = join(dir, 'closed-pipe.template.json');
    writeFileSync(file, JSON.stringify({ Resources: resources }));
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'vectorfort.js'), 'verify', file, '--format', 'json'],
      {
        cwd: root,
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /internal error/);
    assert.equal(code, 1);
  });
});
