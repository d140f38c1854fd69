/** Runs the built CLI the way a user does (npm test builds it first), with no AWS credentials or region. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

export function vectorfort(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'vectorfort.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Only PATH and a scratch HOME: synthesis and verification must not need credentials or a region.
    env: { PATH: process.env.PATH, HOME: tmpdir(), NODE_ENV: 'production' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the CLI and asserts a refusal: exit 2 within seconds, stderr matching `expected`, and no stack trace. */
export function refused(args: string[], expected: RegExp): void {
  const started = Date.now();
  const run = vectorfort(...args);
  const seconds = (Date.now() - started) / 1000;
  assert.equal(run.status, 2, `${args.join(' ')}: exit code (stderr: ${run.stderr.slice(0, 400)})`);
  assert.ok(seconds < 20, `${args.join(' ')}: ended after ${seconds} s`);
  assert.match(run.stderr, expected);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
}
