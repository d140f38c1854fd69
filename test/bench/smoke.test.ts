/**
 * Every benchmark script still runs end to end. Each one runs once at its smallest sizes (VF_BENCH_SMOKE=1, see
 * bench/lib/options.mjs) and writes its result to a temporary directory, never over bench/results. The numbers
 * mean nothing here, since the other tests load the machine. So a missed target (exit 1) is accepted, but the
 * script must have written its result, with the fields the README reads and the sizes a smoke run asks for.
 * bench/audit.mjs starts its own moto_server on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'vectorfort-bench-smoke-'));
const results = join(work, 'results');
// Synthesized once for the scripts that take the default output as input (synth.mjs and cost.mjs still run
// their own synthesis, which is what they measure).
const defaultOutput = join(work, 'default-output');
before(() => {
  const synth = spawnSync(
    process.execPath,
    ['bin/vectorfort.js', 'synth', '--out', defaultOutput, '--no-verify'],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(synth.status, 0, synth.stderr);
});
after(() => rmSync(work, { recursive: true, force: true }));

// Results are JSON of any shape; each check below reads the fields of one script.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Result = any;

const positive = (value: unknown, what: string) =>
  assert.ok(typeof value === 'number' && value > 0, `${what} is ${String(value)}`);

/** What each script's result must hold after a smoke run, by file name. */
const EXPECTED: Readonly<Record<string, (result: Result) => void>> = {
  'audit.mjs': (r) => {
    assert.equal(r.stackResources, 56, 'one stack of a tenth of each kind');
    assert.equal(r.notRead, 0);
    positive(r.resourcesRead.total, 'resources read');
    positive(r.perService.ec2.operations, 'EC2 operations');
    positive(r.medianSeconds, 'audit time');
  },
  'cost.mjs': (r) => positive(r.medianWallSeconds, 'cost time'),
  'floors.mjs': (r) => {
    assert.equal(r.defaultOutput.templates, 2);
    positive(r.defaultOutput.violations, 'violations in the default output');
    positive(r.defaultOutput.packsAlone.medianSeconds, 'packs alone');
    positive(r.defaultOutput.cfnLint.medianSeconds, 'cfn-lint');
    assert.equal(r.generated100k.resources, 1_000);
    positive(r.generated100k.violations, 'violations in the generated templates');
  },
  'inventory.mjs': (r) => {
    assert.deepEqual(
      r.sizes.map((s: Result) => [s.resources, s.workloads]),
      [
        [500, 50],
        [1_000, 100],
        [1_500, 150],
      ],
    );
    positive(r.growthCpuPerResource100kVs10k, 'growth');
  },
  'limits.mjs': (r) => {
    positive(r.findings, 'findings');
    positive(r.medianGuardedMs, 'guarded');
    positive(r.medianUnguardedMs, 'unguarded');
  },
  'provenance.mjs': (r) => {
    positive(r.inputFiles, 'input files');
    positive(r.medianBundleMs, 'bundle time');
  },
  'reach-engine.mjs': (r) => {
    positive(r.defaultOutput.flows, 'flows of the default output');
    assert.deepEqual(
      r.generated.map((g: Result) => [g.rules, g.pods, g.policies]),
      [[1_000, 100, 100]],
    );
    const { allowed, denied, unknown } = r.generated[0].verdicts;
    assert.equal(allowed + denied + unknown, 1_000, 'every query answered');
  },
  'reach-list.mjs': (r) => {
    positive(r.connections, 'connections');
    positive(r.listMs, 'list time');
  },
  'synth.mjs': (r) => {
    positive(r.medianSynthSeconds, 'synth time');
    positive(r.maxPeakRssMb, 'peak memory');
  },
  'verify-scale.mjs': (r) => {
    assert.deepEqual(
      r.sizes.map((s: Result) => s.resources),
      [1_000],
    );
    positive(r.sizes[0].findings, 'findings');
  },
  'verify.mjs': (r) => {
    positive(r.controlsEvaluated, 'controls evaluated');
    positive(r.ratio, 'ratio to cfn-lint');
    assert.equal(r.smallTemplate.resources, 2);
  },
};

const scripts = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .sort();

describe('benchmark scripts, one smoke run each', () => {
  it('has a check for every script in bench/', () => {
    assert.deepEqual(scripts, Object.keys(EXPECTED).sort());
  });

  for (const script of scripts)
    it(`${script} runs and writes its result`, () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join('bench', script)], {
        cwd: root,
        encoding: 'utf8',
        timeout: 300_000,
        env: {
          ...process.env,
          VF_BENCH_SMOKE: '1',
          VF_BENCH_RESULTS: results,
          VF_BENCH_DEFAULT_OUTPUT: defaultOutput,
        },
      });
      // 1 is a missed target; a crash also exits 1, but then no result is written.
      assert.ok(run.status === 0 || run.status === 1, `${script} exited ${run.status}:\n${run.stderr}`);
      const file = join(results, script.replace(/\.mjs$/, '.json'));
      assert.ok(existsSync(file), `${script} wrote no result:\n${run.stderr.slice(-3000)}`);
      const result = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(result.runs, 1);
      EXPECTED[script]!(result);
    });

  it('never writes a smoke run over the recorded results', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join('bench', 'cost.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, VF_BENCH_SMOKE: '1', VF_BENCH_RESULTS: '' },
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /a smoke run \(VF_BENCH_SMOKE=1\) needs VF_BENCH_RESULTS/);
  });
});
