// Measures `vectorfort verify` as a whole process on generated inputs of 1,000 / 10,000 / 100,000
// CloudFormation resources with 100 / 1,000 / 10,000 workloads (bench/lib/generate-inputs.mjs), median of N runs
// (default 3) per size. cdk-nag's packs run over every resource. Targets: 100k resources + 10k workloads in at
// most 5 s and 512 MB, growing no faster than linearly. Usage: node bench/verify-scale.mjs [runs] [maxResources]   (writes bench/results/verify-scale.json)
import { Buffer } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './lib/generate-inputs.mjs';
import { buildDist } from './lib/prepare.mjs';
import { runsArgument, sized, writeResult } from './lib/options.mjs';
import { machine, median, timed } from './lib/timing.mjs';

/** Findings in a JSON report, from its summary at the start of the file. */
function findingsIn(file) {
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  try {
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    const summary = /"summary":\s*(\{[^}]*\})/.exec(text);
    if (!summary) throw new Error(`${file}: no summary at the start of the report`);
    return Object.values(JSON.parse(summary[1])).reduce((a, b) => a + b, 0);
  } finally {
    closeSync(fd);
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = runsArgument(3);
const maxResources = sized(Number(process.argv[3] ?? 100_000), 1_000);
const work = mkdtempSync(join(tmpdir(), 'vectorfort-bench-verify-scale-'));
try {
  buildDist();
  const sizes = [];
  for (const [resources, workloads] of [
    [1_000, 100],
    [10_000, 1_000],
    [100_000, 10_000],
  ]) {
    if (resources > maxResources) continue;
    const dir = join(work, String(resources));
    generate(dir, resources, workloads);
    // The report of the largest input is past the longest string V8 can hold (512 MiB): it goes to a file,
    // whose summary (near the start) gives the number of findings.
    const report = join(work, `report-${resources}.json`);
    const samples = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      const run = timed(
        [
          process.execPath,
          'bin/vectorfort.js',
          'verify',
          join(dir, 'templates'),
          join(dir, 'manifests'),
          '--format',
          'json',
        ],
        { cwd: root, okStatuses: [0, 1], stdoutFile: report },
      );
      findings = findingsIn(report);
      samples.push(run);
      console.error(
        `${resources} resources: run ${i + 1}/${runs}: ${run.wall.toFixed(2)} s, ${run.rssMb.toFixed(0)} MB`,
      );
    }
    sizes.push({
      resources,
      workloads,
      findings,
      medianWallSeconds: Number(median(samples.map((s) => s.wall)).toFixed(2)),
      medianCpuSeconds: Number(median(samples.map((s) => s.cpu)).toFixed(2)),
      medianPeakRssMb: Math.round(median(samples.map((s) => s.rssMb))),
    });
  }
  const result = {
    command: 'vectorfort verify <templates/> <manifests/> --format json (generated inputs)',
    runs,
    sizes,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    targets: { resources: 100_000, wallSeconds: 5, peakRssMb: 512 },
  };
  writeResult('verify-scale.json', result);
  const largest = sizes.find((s) => s.resources === 100_000);
  if (largest && (largest.medianWallSeconds > 5 || largest.medianPeakRssMb > 512)) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
