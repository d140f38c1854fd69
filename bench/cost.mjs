// Measures `vectorfort cost` on the default blueprint, the whole process (it synthesizes the blueprint without
// cdk-nag, reads the templates back and prices them). Reports the median of N runs (default 5) of the wall time
// and peak resident memory, read from GNU time. Build first (`npm run build`).
// Usage: node bench/cost.mjs [runs]   (writes bench/results/cost.json)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const samples = [];
for (let i = 0; i < runs; i++) {
  const out = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', process.execPath, 'bin/vectorfort.js', 'cost'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
    },
  );
  if (out.status !== 0) throw new Error(`vectorfort cost failed (${out.status}):\n${out.stderr}`);
  const [wall, user, sys, rssKb] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  samples.push({ wall, cpu: user + sys, rssMb: rssKb / 1024 });
  console.error(
    `run ${i + 1}/${runs}: ${wall.toFixed(2)} s (${(user + sys).toFixed(2)} s CPU), ${(rssKb / 1024).toFixed(0)} MB`,
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
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  targets: { wallSeconds: 30 },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'cost.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
if (result.medianWallSeconds > result.targets.wallSeconds) process.exitCode = 1;
