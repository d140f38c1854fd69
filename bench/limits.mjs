// Measures what the input guards cost (file size, depth, node and alias limits; regular files only; nothing
// read outside the input): `vectorfort verify` of the default output in one process, alternating runs with the
// guards on and off, median and minimum of N runs each (default 21) after a warm-up
// (the minimum is the least disturbed by other jobs on a shared machine). The guards are switched off through
// an internal function, not an option a user can reach. Usage: node --import tsx bench/limits.mjs [runs]
// (writes bench/results/limits.json)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVerify } from '../src/cli/run-verify.ts';
import { withoutInputGuardsForBenchmark } from '../src/contract/input-limits.ts';
import { buildDist, synthesizeDefaultOutput } from './lib/prepare.mjs';
import { runsArgument, writeResult } from './lib/options.mjs';
import { machine, median } from './lib/timing.mjs';

const runs = runsArgument(21);
const out = mkdtempSync(join(tmpdir(), 'vectorfort-bench-limits-'));
try {
  buildDist();
  synthesizeDefaultOutput(out);
  const paths = [join(out, 'cdk.out'), join(out, 'k8s')];
  const verify = async () => {
    const started = process.hrtime.bigint();
    const { report } = await runVerify({ paths });
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, findings: report.findings.length };
  };
  // Module loading and JIT warm-up belong to neither side.
  await verify();
  await withoutInputGuardsForBenchmark(verify);

  const guarded = [];
  const unguarded = [];
  let findings = { guarded: 0, unguarded: 0 };
  for (let i = 0; i < runs; i++) {
    // Alternating, so that other load on the machine falls on both sides alike.
    const on = await verify();
    const off = await withoutInputGuardsForBenchmark(verify);
    guarded.push(on.ms);
    unguarded.push(off.ms);
    findings = { guarded: on.findings, unguarded: off.findings };
    console.error(`run ${i + 1}/${runs}: guards on ${on.ms.toFixed(1)} ms, off ${off.ms.toFixed(1)} ms`);
  }
  if (findings.guarded !== findings.unguarded)
    throw new Error(`the guards changed the report: ${findings.guarded} vs ${findings.unguarded} findings`);
  const on = median(guarded);
  const off = median(unguarded);
  const fastestOn = Math.min(...guarded);
  const fastestOff = Math.min(...unguarded);
  const percent = (a, b) => Number((((a - b) / b) * 100).toFixed(1));
  const result = {
    command: 'runVerify(out/cdk.out, out/k8s) in one process, input guards on vs off',
    runs,
    findings: findings.guarded,
    medianGuardedMs: Number(on.toFixed(1)),
    medianUnguardedMs: Number(off.toFixed(1)),
    differenceMs: Number((on - off).toFixed(1)),
    differencePercent: percent(on, off),
    minGuardedMs: Number(fastestOn.toFixed(1)),
    minUnguardedMs: Number(fastestOff.toFixed(1)),
    minDifferencePercent: percent(fastestOn, fastestOff),
    maxMs: {
      guarded: Number(Math.max(...guarded).toFixed(1)),
      unguarded: Number(Math.max(...unguarded).toFixed(1)),
    },
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    // Within the noise of a shared machine: both the median and the minimum must stay within 5%.
    targets: { differencePercent: 5 },
  };
  writeResult('limits.json', result);
  if (
    result.differencePercent > result.targets.differencePercent &&
    result.minDifferencePercent > result.targets.differencePercent
  )
    process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
