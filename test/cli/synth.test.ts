import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { root, vectorfort } from './run-cli.js';

const dirs: string[] = [];
function tmp(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `vectorfort-cli-${prefix}-`));
  dirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

before(() => {
  if (!existsSync(join(root, 'dist', 'cli', 'index.js')))
    throw new Error('run `npm run build` before the CLI tests');
});

describe('vectorfort synth', () => {
  it('synthesizes the default blueprint offline into <out>/cdk.out and <out>/k8s with a summary', () => {
    const out = tmp('default');
    const run = vectorfort('synth', '--out', out);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '', 'no spinner or noise when stderr is not a terminal');
    for (const file of ['manifest.json', 'vectorfort-weaviate.template.json', 'validation-report.json'])
      assert.ok(existsSync(join(out, 'cdk.out', file)), file);
    assert.ok(existsSync(join(out, 'k8s')));
    assert.match(run.stdout, /^vectorfort synth: weaviate \(production\) from the default blueprint$/m);
    assert.match(
      run.stdout,
      /^ {2}stack vectorfort-weaviate: \d{3} resources -> .*vectorfort-weaviate\.template\.json$/m,
    );
    assert.match(
      run.stdout,
      /^ {2}cdk-nag: 0 unacknowledged errors, \d+ acknowledged -> .*validation-report\.json$/m,
    );
    assert.match(run.stdout, /^ {2}Kubernetes manifests: \d+ files? -> .*k8s$/m);
    assert.match(run.stdout, /^ {2}placeholders to replace before deploying: environment\.account, /m);
  });

  it('replaces the output of an earlier run and accepts --no-verify', () => {
    const out = tmp('rerun');
    const first = join(out, 'first.yaml');
    writeFileSync(first, 'preset: development\nname: first\n');
    assert.equal(vectorfort('synth', '--blueprint', first, '--out', out, '--no-verify').status, 0);
    assert.ok(existsSync(join(out, 'cdk.out', 'vectorfort-first.template.json')));
    const blueprint = join(out, 'dev.yaml');
    writeFileSync(blueprint, 'preset: development\nname: demo\n');
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out, '--no-verify');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^vectorfort synth: demo \(development\) from /m);
    assert.ok(!readdirSync(join(out, 'cdk.out')).includes('vectorfort-first.template.json'));
    assert.ok(existsSync(join(out, 'cdk.out', 'vectorfort-demo.template.json')));
    const record = JSON.parse(readFileSync(join(out, '.vectorfort-output.json'), 'utf8')) as {
      files: Record<string, { size: number }>;
    };
    assert.ok(record.files['cdk.out/vectorfort-demo.template.json']!.size > 0);
    assert.equal(record.files['cdk.out/vectorfort-first.template.json'], undefined);
    assert.ok(Object.keys(record.files).some((f) => /^k8s\/.+\.yaml$/.test(f)));
  });

  it('exits 2 and deletes nothing when k8s/ or cdk.out/ hold files it did not write', () => {
    const out = tmp('foreign');
    mkdirSync(join(out, 'k8s'), { recursive: true });
    writeFileSync(join(out, 'k8s', 'app.yaml'), 'kind: Mine\n');
    mkdirSync(join(out, 'cdk.out'), { recursive: true });
    writeFileSync(join(out, 'cdk.out', 'notes.txt'), 'mine\n');
    const run = vectorfort('synth', '--out', out, '--no-verify');
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      /^error: .*foreign-\w+: the output directory holds files vectorfort did not write \((cdk\.out\/notes\.txt, k8s\/app\.yaml|k8s\/app\.yaml, cdk\.out\/notes\.txt)\); /m,
    );
    assert.deepEqual(readdirSync(join(out, 'k8s')), ['app.yaml']);
    assert.deepEqual(readdirSync(join(out, 'cdk.out')), ['notes.txt']);
  });

  it('exits 2 when a file it wrote was changed since', () => {
    const out = tmp('changed');
    const blueprint = join(out, 'dev.yaml');
    writeFileSync(blueprint, 'preset: development\nname: demo\n');
    assert.equal(vectorfort('synth', '--blueprint', blueprint, '--out', out, '--no-verify').status, 0);
    const chart = readdirSync(join(out, 'k8s'))[0]!;
    writeFileSync(join(out, 'k8s', chart), 'kind: EditedByHand\n');
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out, '--no-verify');
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`did not write \\(k8s/${chart.replace('.', '\\.')}\\)`));
    assert.equal(readFileSync(join(out, 'k8s', chart), 'utf8'), 'kind: EditedByHand\n');
  });

  it('exits 2 on a blueprint alias bomb, before anything is expanded', () => {
    const out = tmp('bomb');
    const blueprint = join(out, 'bomb.yaml');
    const levels = ['name: bomb', 'l0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(blueprint, `${levels.join('\n')}\n`);
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out, '--no-verify');
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^error: .*bomb\.yaml: the aliases expand too far \(Excessive alias count/m);
    assert.equal(existsSync(join(out, 'cdk.out')), false);
  });

  it('exits 2 when --out names a file', () => {
    const out = tmp('file');
    const file = join(out, 'plain.txt');
    writeFileSync(file, 'text\n');
    const run = vectorfort('synth', '--out', file, '--no-verify');
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^error: .*plain\.txt: expected a directory for --out, found a file$/m);
    assert.equal(readFileSync(file, 'utf8'), 'text\n');
  });

  it('exits 2 naming the field when the VPC is too small for its subnets, before building anything', () => {
    const out = tmp('small-vpc');
    const blueprint = join(out, 'small.yaml');
    writeFileSync(blueprint, 'name: small\nnetwork:\n  vpcCidr: 10.0.0.0/28\n');
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out, '--no-verify');
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      /^error: .*small\.yaml:3:3: network\.vpcCidr: expected a VPC range of \/24 or larger: the subnet plan needs room for four tiers in 3 availability zones, got \/28$/m,
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('exits 2 on an unknown key, naming the key, the line and the closest valid key, without a stack trace', () => {
    const out = tmp('unknown');
    const blueprint = join(out, 'bp.yaml');
    writeFileSync(blueprint, 'name: demo\nnetwork:\n  natGatewayz: 2\n');
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr.trim(),
      `error: ${blueprint}:3:3: network.natGatewayz: unknown key "natGatewayz" (did you mean "natGateways"?)`,
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.equal(existsSync(join(out, 'cdk.out')), false);
  });

  it('exits 2 on broken YAML, naming the line', () => {
    const out = tmp('broken');
    const blueprint = join(out, 'bp.yaml');
    writeFileSync(blueprint, 'name: demo\nnetwork: [\n');
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      new RegExp(`^error: ${blueprint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: invalid YAML/JSON: `),
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('exits 2 on a missing blueprint file', () => {
    const run = vectorfort(
      'synth',
      '--blueprint',
      join(tmp('missing'), 'nope.yaml'),
      '--out',
      tmp('missing-out'),
    );
    assert.equal(run.status, 2);
    assert.match(run.stderr, /nope\.yaml: file not found/);
  });
});
