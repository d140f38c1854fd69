// Measures `npm start` on the default blueprint: the build (`node scripts/build.mjs`) followed by
// `node bin/vectorfort.js synth --out <tmp>`, as separate processes like npm runs them. Reports the median of
// N runs (default 5) of the wall time and the peak resident memory (the larger of the two processes), read
// from GNU time. Usage: node bench/synth.mjs [runs]   (writes bench/results/synth.json)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const TIME = '/usr/bin/time';

/** Runs a command under GNU time; returns wall seconds and max RSS in MB. */
function timed(args) {
  const out = spawnSync(TIME, ['-f', '%e %M', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if (out.status !== 0) throw new Error(`${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  const [wall, rssKb] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, rssMb: rssKb / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const samples = [];
for (let i = 0; i < runs; i++) {
  const out = mkdtempSync(join(tmpdir(), 'vectorfort-bench-'));
  try {
    const build = timed([process.execPath, 'scripts/build.mjs']);
    const synth = timed([process.execPath, 'bin/vectorfort.js', 'synth', '--out', out]);
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
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  targets: { wallSeconds: 15, peakRssMb: 1536 },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'synth.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
if (result.medianWallSeconds > result.targets.wallSeconds || result.maxPeakRssMb > result.targets.peakRssMb)
  process.exitCode = 1;
