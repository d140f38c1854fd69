// Measures `vectorfort cost` on the default blueprint, the whole process (it synthesizes the blueprint without
// cdk-nag, reads the templates back and prices them). Reports the median of N runs (default 5) of the wall time
// and peak resident memory, read from GNU time. Build first (`npm run build`).
// Usage: node bench/cost.mjs [runs]   (writes bench/results/cost.json)
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runsArgument, writeResult } from './lib/options.mjs';
import { machine, median, timed } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = runsArgument(5);

const samples = [];
for (let i = 0; i < runs; i++) {
  const run = timed([process.execPath, 'bin/vectorfort.js', 'cost'], { cwd: root });
  samples.push(run);
  console.error(
    `run ${i + 1}/${runs}: ${run.wall.toFixed(2)} s (${run.cpu.toFixed(2)} s CPU), ${run.rssMb.toFixed(0)} MB`,
  );
}

const result = {
  command: 'node bin/vectorfort.js cost',
  runs,
  medianWallSeconds: Number(median(samples.map((s) => s.wall)).toFixed(2)),
  medianCpuSeconds: Number(median(samples.map((s) => s.cpu)).toFixed(2)),
  medianPeakRssMb: Math.round(median(samples.map((s) => s.rssMb))),
  loadAverage: Number(loadavg()[0].toFixed(1)),
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  targets: { wallSeconds: 30 },
};
writeResult('cost.json', result);
if (result.medianWallSeconds > result.targets.wallSeconds) process.exitCode = 1;
