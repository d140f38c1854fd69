// Shared by the benchmark scripts: the build they measure, and the default output most of them take as input.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { smoke } from './options.mjs';
import { timed } from './timing.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds dist/ before a measurement. A smoke run uses the build `npm test` made: the build empties dist/ first,
 * which would pull it from under the tests running beside the smoke run.
 */
export function buildDist() {
  if (!smoke) timed([process.execPath, 'scripts/build.mjs'], { cwd: root });
}

/**
 * Synthesizes the default blueprint into `out` (cdk.out/ and k8s/), without verifying it. In a smoke run,
 * VF_BENCH_DEFAULT_OUTPUT may name one synthesized for all the scripts: it is copied, since scripts add files.
 */
export function synthesizeDefaultOutput(out) {
  const shared = smoke ? process.env.VF_BENCH_DEFAULT_OUTPUT : undefined;
  if (shared) cpSync(shared, out, { recursive: true });
  else timed([process.execPath, 'bin/vectorfort.js', 'synth', '--out', out, '--no-verify'], { cwd: root });
}
