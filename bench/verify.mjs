// Measures `vectorfort verify` as a whole process, next to cfn-lint on the same templates in the same run:
// the default output (target: at most 0.05× cfn-lint's wall time) and a single small template (two resources,
// target: at most 0.5 s of CPU). cdk-nag's packs run over every resource in both. Median of N runs (default 5).
// Usage: node bench/verify.mjs [runs]   (writes bench/results/verify.json)
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist, synthesizeDefaultOutput } from './lib/prepare.mjs';
import { runsArgument, writeResult } from './lib/options.mjs';
import { machine, median, timed } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = runsArgument(5);
const out = mkdtempSync(join(tmpdir(), 'vectorfort-bench-verify-'));
try {
  buildDist();
  synthesizeDefaultOutput(out);
  const assembly = join(out, 'cdk.out');
  const templates = readdirSync(assembly)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => join(assembly, f));
  const verifyArgs = [
    process.execPath,
    'bin/vectorfort.js',
    'verify',
    assembly,
    join(out, 'k8s'),
    '--format',
    'json',
  ];

  const small = join(out, 'small.template.json');
  writeFileSync(
    small,
    JSON.stringify({
      Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Queue: { Type: 'AWS::SQS::Queue' } },
    }),
  );
  const verify = [];
  const cfnLint = [];
  const smallVerify = [];
  const smallCfnLint = [];
  let controls = 0;
  for (let i = 0; i < runs; i++) {
    const v = timed(verifyArgs, { cwd: root, okStatuses: [0, 1] });
    controls = JSON.parse(v.stdout).controlsEvaluated?.length ?? 0;
    // cfn-lint exit codes are bit flags (2 error, 4 warning, 8 informational); any of them is a completed run.
    const c = timed(['cfn-lint', '--', ...templates], { cwd: root, okStatuses: [0, 2, 4, 6, 8, 10, 12, 14] });
    verify.push(v);
    cfnLint.push(c);
    const sv = timed([process.execPath, 'bin/vectorfort.js', 'verify', small, '--format', 'json'], {
      cwd: root,
      okStatuses: [0, 1],
    });
    const sc = timed(['cfn-lint', '--', small], { cwd: root, okStatuses: [0, 2, 4, 6, 8, 10, 12, 14] });
    smallVerify.push(sv);
    smallCfnLint.push(sc);
    console.error(
      `run ${i + 1}/${runs}: verify ${v.wall.toFixed(2)} s (${v.cpu.toFixed(2)} s CPU) ${v.rssMb.toFixed(0)} MB; cfn-lint ${c.wall.toFixed(2)} s; small template: verify ${sv.cpu.toFixed(2)} s CPU, cfn-lint ${sc.cpu.toFixed(2)} s CPU`,
    );
  }
  const verifySeconds = median(verify.map((s) => s.wall));
  const cfnLintSeconds = median(cfnLint.map((s) => s.wall));
  const result = {
    command: 'vectorfort verify out/cdk.out out/k8s --format json  vs  cfn-lint <templates>',
    runs,
    controlsEvaluated: controls,
    medianVerifySeconds: Number(verifySeconds.toFixed(2)),
    medianVerifyCpuSeconds: Number(median(verify.map((s) => s.cpu)).toFixed(2)),
    medianVerifyPeakRssMb: Math.round(median(verify.map((s) => s.rssMb))),
    medianCfnLintSeconds: Number(cfnLintSeconds.toFixed(2)),
    medianCfnLintCpuSeconds: Number(median(cfnLint.map((s) => s.cpu)).toFixed(2)),
    ratio: Number((verifySeconds / cfnLintSeconds).toFixed(3)),
    // On a machine shared with other jobs the CPU times vary far less than the wall times.
    cpuRatio: Number((median(verify.map((s) => s.cpu)) / median(cfnLint.map((s) => s.cpu))).toFixed(3)),
    smallTemplate: {
      resources: 2,
      medianVerifyCpuSeconds: Number(median(smallVerify.map((s) => s.cpu)).toFixed(2)),
      medianVerifySeconds: Number(median(smallVerify.map((s) => s.wall)).toFixed(2)),
      medianVerifyPeakRssMb: Math.round(median(smallVerify.map((s) => s.rssMb))),
      medianCfnLintCpuSeconds: Number(median(smallCfnLint.map((s) => s.cpu)).toFixed(2)),
      medianCfnLintSeconds: Number(median(smallCfnLint.map((s) => s.wall)).toFixed(2)),
    },
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    targets: { ratio: 0.05, smallTemplateCpuSeconds: 0.5 },
  };
  writeResult('verify.json', result);
  if (
    result.ratio > result.targets.ratio ||
    result.smallTemplate.medianVerifyCpuSeconds > result.targets.smallTemplateCpuSeconds
  )
    process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
