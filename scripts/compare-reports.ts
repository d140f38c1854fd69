// Guards performance work on the verifier, which must not change a single finding: records, or compares with
// a recording, the JSON reports of `vectorfort verify` on the default output and every example's output, on
// the input fixtures under test/fixtures, and the cdk-nag findings on every control fixture's templates and on
// templates that exercise the packs' edge cases (chunked templates, import failures, rules that throw), each
// checked whole and in small chunks.
//
// Usage (build first, `npm run build`; the reports come from the built CLI):
//   npx tsx scripts/compare-reports.ts --write DIR     record the current reports in DIR
//   npx tsx scripts/compare-reports.ts --against DIR   compare with DIR (exit 1 on a difference)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nagFindings } from '../src/controls/nag/index.js';
import { loadInventory } from '../src/inventory/index.js';
import { FIXTURES } from '../test/controls/fixtures/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const [mode, target] = process.argv.slice(2);
if (!['--write', '--against'].includes(mode ?? '') || !target) {
  console.error('usage: npx tsx scripts/compare-reports.ts --write DIR | --against DIR');
  process.exit(2);
}
// A fixed work directory, so that the paths the reports name are the same from run to run.
const work = join(tmpdir(), 'vectorfort-compare-reports');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const reports = new Map<string, string>();

function cli(args: string[], okStatuses = [0, 1]): string {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'vectorfort.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (!okStatuses.includes(run.status ?? -1))
    throw new Error(`vectorfort ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run.stdout;
}

/** A verify run's JSON report, or its exit code and messages when it ended without one (invalid input). */
function verifyReport(paths: string[]): unknown {
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin', 'vectorfort.js'), 'verify', ...paths, '--format', 'json'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
  if (run.status === 0 || run.status === 1) {
    // The provenance describes the run (its time, the digests of input files that name the checkout they
    // were synthesized in), not what it found.
    const { provenance: _provenance, ...report } = JSON.parse(run.stdout) as Record<string, unknown>;
    return report;
  }
  if (run.status === 2) return { exitCode: 2, stderr: run.stderr };
  throw new Error(`vectorfort verify ${paths.join(' ')} exited ${run.status}:\n${run.stderr}`);
}

function record(name: string, value: unknown): void {
  // CDK numbers its tokens in creation order; an import message quoting one names no fixed value.
  const text = JSON.stringify(value, null, 1).replace(/\$\{Token\[TOKEN\.\d+\]\}/g, '${Token[TOKEN]}');
  reports.set(name, `${text}\n`);
}

// 1. The default output and every example's, synthesized without verification, then verified.
const blueprints = [
  { name: 'default', file: undefined as string | undefined },
  ...readdirSync(join(root, 'examples'))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ name: basename(f).replace(/\.(ya?ml|json)$/, ''), file: join(root, 'examples', f) })),
];
const assemblies: { name: string; dir: string }[] = [];
for (const bp of blueprints) {
  const out = join(work, `out-${bp.name}`);
  cli(['synth', '--no-verify', '--out', out, ...(bp.file ? ['--blueprint', bp.file] : [])], [0]);
  // A blueprint of several environments writes one output directory per environment, verified one by one
  // as synth verifies them.
  const outputs = existsSync(join(out, 'cdk.out'))
    ? [{ name: bp.name, dir: out }]
    : readdirSync(out, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(out, e.name, 'cdk.out')))
        .map((e) => ({ name: `${bp.name}-${e.name}`, dir: join(out, e.name) }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (outputs.length === 0) throw new Error(`synth of ${bp.name} wrote no cloud assembly under ${out}`);
  for (const output of outputs) {
    assemblies.push({ name: output.name, dir: join(output.dir, 'cdk.out') });
    record(`verify-${output.name}`, verifyReport([join(output.dir, 'cdk.out'), join(output.dir, 'k8s')]));
  }
}

// 2. The input fixtures.
for (const dir of ['inputs', 'parameters']) {
  for (const entry of readdirSync(join(root, 'test', 'fixtures', dir)).sort())
    record(`verify-fixtures-${dir}-${entry}`, verifyReport([join('test', 'fixtures', dir, entry)]));
}

/** cdk-nag findings, whole and in chunks of `chunkSize`; the two must agree with each other too. */
async function nagRecord(name: string, paths: string[], chunkSize: number): Promise<void> {
  const inventory = await loadInventory(paths);
  const whole = await nagFindings(inventory);
  const chunked = await nagFindings(inventory, { chunkSize });
  record(`nag-${name}`, whole);
  record(`nag-${name}-chunked`, chunked);
}

// 3. cdk-nag on the synthesized templates, chunked much finer than real templates ever are.
for (const assembly of assemblies) await nagRecord(`output-${assembly.name}`, [assembly.dir], 37);

// 4. cdk-nag on every control fixture's templates.
let fixtureCount = 0;
for (const [control, sets] of Object.entries(FIXTURES))
  for (const [kind, list] of Object.entries(sets))
    for (const [index, fixture] of (list as { templates?: Record<string, unknown> }[]).entries()) {
      if (!fixture.templates) continue;
      const dir = join(work, 'fixtures', `${control}-${kind}-${index}`);
      mkdirSync(dir, { recursive: true });
      for (const [stack, template] of Object.entries(fixture.templates))
        writeFileSync(join(dir, `${stack}.template.json`), JSON.stringify(template, null, 1));
      await nagRecord(`fixture-${control}-${kind}-${index}`, [dir], 3);
      fixtureCount += 1;
    }

// 5. Edge cases of the packs' stage: a template past the chunk size, one the importer rejects, one it
// crashes on, one whose rules throw, and a generated template shaped like a synthesized one.
const edge = join(work, 'edge');
mkdirSync(edge, { recursive: true });
const padded: Record<string, unknown> = {};
for (let i = 0; i < 1200; i++)
  padded[`Topic${i}`] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: `t${i}` } };
padded.Last = { Type: 'AWS::S3::Bucket' };
const edgeTemplates: Record<string, Record<string, unknown>> = {
  padded,
  rejected: { B: { Type: 'AWS::S3::Bucket', Condition: 'Nope' } },
  crash: {
    Fine: { Type: 'AWS::S3::Bucket' },
    Broken: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Select': [0] } } },
  },
  throws: {
    Lc: {
      Type: 'AWS::AutoScaling::LaunchConfiguration',
      Properties: {
        ImageId: 'ami-1',
        InstanceType: 't3.micro',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda' }],
      },
    },
  },
  'stack-output': {
    Bucket: {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: { 'Fn::GetStackOutput': { StackName: 'other', OutputName: 'Name' } } },
    },
  },
};
for (const [name, resources] of Object.entries(edgeTemplates)) {
  const file = join(edge, `${name}.json`);
  writeFileSync(file, JSON.stringify({ Resources: resources }, null, 1));
  await nagRecord(`edge-${name}`, [file], 7);
}
const { generate } = (await import(join(root, 'bench', 'lib', 'generate-inputs.mjs'))) as {
  generate: (dir: string, resources: number, workloads: number) => void;
};
generate(join(work, 'generated'), 1000, 100);
record(
  'verify-generated-1k',
  verifyReport([join(work, 'generated', 'templates'), join(work, 'generated', 'manifests')]),
);
await nagRecord('generated-1k', [join(work, 'generated', 'templates')], 41);
// The same in worker threads, recorded under the same name: they must give the findings, in their order, that
// the main thread gives.
record(
  'nag-generated-1k',
  await nagFindings(await loadInventory([join(work, 'generated', 'templates')]), {
    maxWorkers: 2,
    workerMinResources: 0,
  }),
);

let differences = 0;
if (mode === '--write') {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const [name, text] of reports) writeFileSync(join(target, `${name}.json`), text);
  console.log(`recorded ${reports.size} reports (${fixtureCount} control fixtures) in ${target}`);
} else {
  const recorded = existsSync(target) ? readdirSync(target).map((f) => f.replace(/\.json$/, '')) : [];
  for (const name of new Set([...recorded, ...reports.keys()])) {
    const before = recorded.includes(name) ? readFileSync(join(target, `${name}.json`), 'utf8') : undefined;
    const after = reports.get(name);
    if (before === after) continue;
    differences += 1;
    if (before === undefined || after === undefined) {
      console.log(`${name}: ${before === undefined ? 'new' : 'missing'}`);
      continue;
    }
    const a = before.split('\n');
    const b = after.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    console.log(
      `${name}: differs from line ${line + 1}\n  - ${a[line]?.slice(0, 200)}\n  + ${b[line]?.slice(0, 200)}`,
    );
  }
  console.log(`${reports.size} reports compared, ${differences} differ`);
}
rmSync(work, { recursive: true, force: true });
process.exitCode = differences === 0 ? 0 : 1;
