/** Runs the built CLI the way a user does (npm test builds it first), with no AWS credentials or region. */
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
