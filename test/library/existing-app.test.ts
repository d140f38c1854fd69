/**
 * The construct library as a user gets it: the package packed as npm would publish it, installed into a copy
 * of examples/existing-app, its TypeScript compiled against the package's own type declarations, synthesized
 * the way the CDK CLI runs it (the lookup answers of cdk.context.json passed in CDK_CONTEXT_JSON), and the
 * user's cdk.out verified with the package's own `vectorfort` command. Slow: the pack type-checks the sources.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { root } from '../cli/run-cli.js';
import { appWithPackage, packPackage } from './packed-package.js';

const EXAMPLE = join(root, 'examples', 'existing-app');
const created: string[] = [];
after(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH, HOME: tmpdir(), ...env },
  });
  return { status: result.status, out: `${result.stdout}\n${result.stderr}`, stdout: result.stdout };
}

describe('the construct library from a separate CDK app', () => {
  it('packs only what a user needs, installs, type-checks, synthesizes and verifies in an existing VPC', () => {
    const packed = packPackage();
    created.push(dirname(packed.tarball));

    // npm pack --dry-run's list: the CLI, the compiled modules with their declarations, the price table.
    assert.ok(packed.files.includes('dist/aws/index.js'));
    assert.ok(packed.files.includes('dist/aws/index.d.ts'));
    assert.ok(packed.files.includes('dist/aws/platform.d.ts'));
    assert.ok(
      packed.files.includes('dist/notifier/handler.js'),
      'the Lambda handlers are bundled at synthesis',
    );
    assert.ok(packed.files.includes('bin/vectorfort.js'));
    assert.ok(packed.files.includes('data/prices.json'));
    const unexpected = packed.files.filter(
      (f) =>
        !/^dist\/.+\.(js|d\.ts)$/.test(f) &&
        !['bin/vectorfort.js', 'data/prices.json', 'package.json', 'README.md'].includes(f),
    );
    assert.deepEqual(unexpected, [], 'no sources, tests, maps or docs in the package');

    const app = appWithPackage(packed.tarball, EXAMPLE);
    created.push(app);
    const manifest = JSON.parse(
      readFileSync(join(app, 'node_modules', 'vectorfort', 'package.json'), 'utf8'),
    ) as {
      private?: boolean;
      exports: Record<string, unknown>;
    };
    assert.equal(manifest.private, undefined);
    assert.ok(manifest.exports['.']);

    const tsc = run(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
      app,
    );
    assert.equal(tsc.status, 0, `the example compiles against the published declarations:\n${tsc.out}`);

    const synth = run(process.execPath, [join('dist', 'app.js')], app, {
      CDK_OUTDIR: join(app, 'cdk.out'),
      CDK_CONTEXT_JSON: readFileSync(join(app, 'cdk.context.json'), 'utf8'),
    });
    assert.equal(synth.status, 0, synth.out);
    const assembly = JSON.parse(readFileSync(join(app, 'cdk.out', 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; properties?: { stackName?: string } }>;
      missing?: unknown[];
    };
    assert.equal(assembly.missing, undefined, 'the VPC lookup was answered from cdk.context.json');
    // The stack name is recorded only where it differs from the artifact id.
    const stackNames = Object.entries(assembly.artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id, a]) => a.properties?.stackName ?? id)
      .sort();
    assert.deepEqual(stackNames, ['team-ingest', 'vectorfort-search', 'vectorfort-search-backup-replica']);

    const verify = run(
      process.execPath,
      [join('node_modules', '.bin', 'vectorfort'), 'verify', 'cdk.out', '--format', 'json'],
      app,
    );
    assert.equal(verify.status, 0, verify.out.slice(-4000));
    const report = JSON.parse(verify.stdout) as {
      verdict: { status: string; unknown: number };
      findings: { ruleId: string; status: string; message: string; acknowledged?: { reason: string } }[];
    };
    assert.equal(report.verdict.status, 'pass');
    const unknown = report.findings.filter((f) => f.status === 'unknown');
    assert.ok(unknown.length > 100, 'the landing zone network leaves flows unknown');
    for (const f of unknown)
      assert.match(f.acknowledged?.reason ?? '', /network team owns this VPC's route tables/);
    assert.ok(
      unknown.some((f) => /subnet "subnet-0d00000000000d00[123]" is not in the input/.test(f.message)),
      'the unknowns name the looked-up data subnets',
    );
    // cdk-nag ran on the user's stacks as on ours: their findings are in the same report.
    assert.ok(
      report.findings.some((f) => f.ruleId.startsWith('AwsSolutions-') || f.ruleId.startsWith('NIST')),
    );
  });
});
