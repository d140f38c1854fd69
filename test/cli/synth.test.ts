import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

  it('replaces earlier output and accepts --no-verify', () => {
    const out = tmp('rerun');
    mkdirSync(join(out, 'cdk.out'), { recursive: true });
    mkdirSync(join(out, 'k8s'), { recursive: true });
    writeFileSync(join(out, 'cdk.out', 'stale.template.json'), '{}');
    writeFileSync(join(out, 'k8s', 'stale.yaml'), 'kind: Stale\n');
    const blueprint = join(out, 'dev.yaml');
    writeFileSync(blueprint, 'preset: development\nname: demo\n');
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out, '--no-verify');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^vectorfort synth: demo \(development\) from /m);
    assert.ok(!readdirSync(join(out, 'cdk.out')).includes('stale.template.json'));
    assert.ok(!readdirSync(join(out, 'k8s')).includes('stale.yaml'));
    assert.ok(existsSync(join(out, 'cdk.out', 'vectorfort-demo.template.json')));
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
