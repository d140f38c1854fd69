// Shared by the benchmark scripts: how many runs, how large the inputs, and where the results go.
// A smoke run (VF_BENCH_SMOKE=1) takes one run of each script at its smallest sizes and writes the results to
// VF_BENCH_RESULTS instead of bench/results, so a test can show that every script still runs end to end
// without touching the recorded numbers (test/bench/smoke.test.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const smoke = process.env.VF_BENCH_SMOKE === '1';
const resultsDir = process.env.VF_BENCH_RESULTS || fileURLToPath(new URL('../results', import.meta.url));
// A smoke run's numbers say nothing about performance; they must never replace recorded ones.
if (smoke && !process.env.VF_BENCH_RESULTS)
  throw new Error('a smoke run (VF_BENCH_SMOKE=1) needs VF_BENCH_RESULTS, a directory for its results');

/** The number of runs: the script's first argument, else its default; always 1 in a smoke run. */
export function runsArgument(fallback) {
  return smoke ? 1 : Number(process.argv[2] ?? fallback);
}

/** The measured value, or the smoke run's smaller one. */
export function sized(full, smokeValue) {
  return smoke ? smokeValue : full;
}

/** Writes `bench/results/<name>` (or `$VF_BENCH_RESULTS/<name>`) and prints the result. */
export function writeResult(name, result) {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, name), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}
