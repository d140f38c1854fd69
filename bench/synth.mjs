// Measures `npm start` on the default blueprint: the build (`node scripts/build.mjs`) followed by
// `node bin/vectorfort.js synth --out <tmp>`, as separate processes like npm runs them. Reports the median of
// N runs (default 5) of the wall time and the peak resident memory (the larger of the two processes), read
// from GNU time. Usage: node bench/synth.mjs [runs]   (writes bench/results/synth.json)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runsArgument, smoke, writeResult } from './lib/options.mjs';
import { machine, median, timed } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = runsArgument(5);

const samples = [];
for (let i = 0; i < runs; i++) {
  const out = mkdtempSync(join(tmpdir(), 'vectorfort-bench-'));
  try {
    // A smoke run leaves the build to `npm test` (bench/lib/prepare.mjs says why) and times the synth alone.
    const build = smoke
      ? { wall: 0, rssMb: 0 }
      : timed([process.execPath, 'scripts/build.mjs'], { cwd: root });
    const synth = timed([process.execPath, 'bin/vectorfort.js', 'synth', '--out', out], { cwd: root });
    samples.push({
      wall: build.wall + synth.wall,
      rssMb: Math.max(build.rssMb, synth.rssMb),
      synthWall: synth.wall,
    });
    console.error(
      `run ${i + 1}/${runs}: ${(build.wall + synth.wall).toFixed(2)} s, ${Math.max(build.rssMb, synth.rssMb).toFixed(0)} MB`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const result = {
  command: 'npm start (node scripts/build.mjs && node bin/vectorfort.js synth --out <tmp>)',
  runs,
  medianWallSeconds: Number(median(samples.map((s) => s.wall)).toFixed(2)),
  medianSynthSeconds: Number(median(samples.map((s) => s.synthWall)).toFixed(2)),
  medianPeakRssMb: Math.round(median(samples.map((s) => s.rssMb))),
  maxPeakRssMb: Math.round(Math.max(...samples.map((s) => s.rssMb))),
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  targets: { wallSeconds: 15, peakRssMb: 1536 },
};
writeResult('synth.json', result);
if (result.medianWallSeconds > result.targets.wallSeconds || result.maxPeakRssMb > result.targets.peakRssMb)
  process.exitCode = 1;
