// Measures the floor under two of verify's targets: cdk-nag's packs alone, with nothing else in the process (no
// inventory, none of our controls, no flow proofs, no report), over the same templates the targets name.
// - The default output: the packs over its templates in one process, beside cfn-lint on the same templates in the
//   same run (verify's target: at most 0.05 × cfn-lint's wall time), and beside an empty Node process.
// - Generated 100k resources (bench/lib/generate-inputs.mjs): the packs over its 200 templates through verify's own
//   worker pool (one worker per core), against verify's target of 5 s and 512 MB for the whole run.
// What the whole run adds on top of these is our own work; see the README's "Where the time still goes".
// Usage: node bench/floors.mjs [runs]   (default 5; writes bench/results/floors.json)
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './lib/generate-inputs.mjs';
import { buildDist, synthesizeDefaultOutput } from './lib/prepare.mjs';
import { runsArgument, sized, writeResult } from './lib/options.mjs';
import { machine, median, timed } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[2] === '--packs') {
  // In the measured process: the packs over the jobs of a JSON file, through the verifier's pool.
  const { startPackRuns } = await import(pathToFileURL(join(root, 'dist/controls/nag/pack-pool.js')).href);
  const jobs = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  const maxWorkers = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  let violations = 0;
  let errors = 0;
  await startPackRuns(jobs, maxWorkers === undefined ? {} : { maxWorkers }).forEach((run) => {
    violations += run.violations.length;
    if (run.error !== undefined) errors++;
  });
  console.log(JSON.stringify({ templates: jobs.length, violations, errors }));
} else {
  main();
}

/** One job per template, with its resource count (the pool shares templates out by it). */
function jobsFile(dir, templates, name) {
  const jobs = templates.map((file) => ({
    file,
    options: { resourceCount: Object.keys(JSON.parse(readFileSync(file, 'utf8')).Resources ?? {}).length },
  }));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(jobs));
  return { path, resources: jobs.reduce((n, j) => n + j.options.resourceCount, 0) };
}

function packsOnly(jobs, runs, maxWorkers) {
  const samples = [];
  let counts;
  for (let i = 0; i < runs; i++) {
    const args = [process.execPath, fileURLToPath(import.meta.url), '--packs', jobs];
    const run = timed(maxWorkers === undefined ? args : [...args, String(maxWorkers)], { cwd: root });
    counts = JSON.parse(run.stdout);
    if (counts.errors > 0) throw new Error(`the packs could not load ${counts.errors} template(s)`);
    samples.push(run);
  }
  return { samples, counts };
}

function summary(samples) {
  return {
    medianSeconds: Number(median(samples.map((s) => s.wall)).toFixed(2)),
    medianCpuSeconds: Number(median(samples.map((s) => s.cpu)).toFixed(2)),
    medianPeakRssMb: Math.round(median(samples.map((s) => s.rssMb))),
  };
}

function main() {
  const runs = runsArgument(5);
  const scaleResources = sized(100_000, 1_000);
  const work = mkdtempSync(join(tmpdir(), 'vectorfort-bench-floors-'));
  try {
    buildDist();

    // The default output: packs alone in one process (a worker would only add its start-up), cfn-lint, empty Node.
    const out = join(work, 'out');
    synthesizeDefaultOutput(out);
    const assembly = join(out, 'cdk.out');
    const templates = readdirSync(assembly)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => join(assembly, f));
    const defaultJobs = jobsFile(work, templates, 'default-jobs.json');
    const packs = [];
    const cfnLint = [];
    const node = [];
    let defaultCounts;
    for (let i = 0; i < runs; i++) {
      const run = packsOnly(defaultJobs.path, 1, 0);
      defaultCounts = run.counts;
      packs.push(...run.samples);
      // cfn-lint exit codes are bit flags (2 error, 4 warning, 8 informational); any of them is a completed run.
      cfnLint.push(
        timed(['cfn-lint', '--', ...templates], { cwd: root, okStatuses: [0, 2, 4, 6, 8, 10, 12, 14] }),
      );
      node.push(timed([process.execPath, '-e', '0'], { cwd: root }));
      console.error(
        `default output ${i + 1}/${runs}: packs alone ${packs.at(-1).wall.toFixed(2)} s, cfn-lint ${cfnLint.at(-1).wall.toFixed(2)} s`,
      );
    }
    const packsSeconds = median(packs.map((s) => s.wall));
    const cfnLintSeconds = median(cfnLint.map((s) => s.wall));

    // Generated 100k resources: packs alone through the pool, one worker per core as verify runs them.
    const generated = join(work, 'generated');
    generate(generated, scaleResources, 0);
    const scaleTemplates = readdirSync(join(generated, 'templates')).map((f) =>
      join(generated, 'templates', f),
    );
    const scaleJobs = jobsFile(work, scaleTemplates, 'scale-jobs.json');
    const scale = packsOnly(scaleJobs.path, runs);
    console.error(`${scaleResources} resources: packs alone ${summary(scale.samples).medianSeconds} s`);

    const result = {
      runs,
      defaultOutput: {
        command: 'the packs over the default output templates, one process, nothing else',
        templates: templates.length,
        resources: defaultJobs.resources,
        violations: defaultCounts.violations,
        packsAlone: summary(packs),
        cfnLint: summary(cfnLint),
        emptyNodeProcessSeconds: Number(median(node.map((s) => s.wall)).toFixed(2)),
        packsAloneRatio: Number((packsSeconds / cfnLintSeconds).toFixed(3)),
        targetRatio: 0.05,
        targetSeconds: Number((0.05 * cfnLintSeconds).toFixed(2)),
      },
      generated100k: {
        command: `the packs over ${scaleTemplates.length} generated templates through verify's worker pool, nothing else`,
        templates: scaleTemplates.length,
        resources: scaleJobs.resources,
        violations: scale.counts.violations,
        packsAlone: summary(scale.samples),
        target: { seconds: 5, peakRssMb: 512 },
      },
      loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
    };
    writeResult('floors.json', result);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
