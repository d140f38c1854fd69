/**
 * `vectorfort audit` as a user runs it (the built CLI, in a child process): the exit codes of the contract,
 * usage errors without a stack trace, the shipped IAM policy, and the JSON and SARIF reports of an audit of
 * moto_server against a baseline template file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { root } from '../cli/run-cli.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { deployAccount, REGION, STACK, TEMPLATE } from './moto-account.js';
import { reportValidator } from '../report/schema-validators.js';

function audit(args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'vectorfort.js'), 'audit', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const credentials = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

describe('vectorfort audit (command line)', () => {
  it('prints the read-only IAM policy it needs', () => {
    const run = audit(['--print-policy']);
    assert.equal(run.status, 0, run.stderr);
    const policy = JSON.parse(run.stdout) as {
      Statement: { Effect: string; Action: string[]; Resource: string }[];
    };
    assert.equal(policy.Statement.length, 1);
    const [statement] = policy.Statement;
    assert.equal(statement!.Effect, 'Allow');
    assert.ok(statement!.Action.includes('ec2:DescribeSecurityGroups'));
    assert.ok(statement!.Action.includes('s3:GetBucketPublicAccessBlock'));
    assert.ok(statement!.Action.includes('kms:GetKeyRotationStatus'));
    for (const action of statement!.Action) assert.match(action, /^[a-z0-9-]+:(Describe|Get|List|BatchGet)/);
  });

  it('exits 2 without a region, naming the option', () => {
    const run = audit(['--stack', 'app']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--region: expected a region/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('exits 2 when given both a kubeconfig and a dump directory', () => {
    const run = audit(['--region', REGION, '--kubeconfig', 'k', '--k8s-dump', 'd']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /either --kubeconfig or --k8s-dump/);
  });

  describe('against moto', () => {
    let moto: Moto;
    let dir: string;
    before(async () => {
      moto = await startMoto();
      await deployAccount(moto.endpoint);
      dir = mkdtempSync(join(tmpdir(), 'vf-audit-cli-'));
      writeFileSync(join(dir, `${STACK}.json`), JSON.stringify(TEMPLATE));
    });
    after(async () => moto?.stop());

    const args = () => ['--region', REGION, '--stack', STACK, '--endpoint-url', moto.endpoint];

    it('writes a JSON report valid against the report schema, with the baseline it compared with', () => {
      const output = join(dir, 'report.json');
      const run = audit(
        [...args(), '--against', join(dir, `${STACK}.json`), '-f', 'json', '-o', output],
        credentials,
      );
      assert.equal(run.status, 1, 'the live bucket is not encrypted with a customer key');
      assert.match(run.stderr, /vectorfort audit: \d+ fail, \d+ unknown, \d+ pass, 0 drift ->/);
      const report = JSON.parse(readFileSync(output, 'utf8')) as Record<string, unknown> & {
        audit: { baseline: string; drift: unknown[]; calls: unknown[] };
      };
      const validate = reportValidator();
      assert.ok(validate(report), JSON.stringify(validate.errors));
      assert.equal(report.audit.baseline, join(dir, `${STACK}.json`));
      assert.deepEqual(report.audit.drift, []);
      assert.ok(report.audit.calls.length > 20);
      // The provenance names every call too, with the same services and operations.
      const provenance = report.provenance as { calls: { service: string; operation: string }[] };
      assert.equal(provenance.calls.length, report.audit.calls.length);
      assert.ok(provenance.calls.some((c) => c.operation === 'ListStackResources'));
    });

    it('writes an evidence bundle that `vectorfort evidence --check` accepts, and names a changed file', () => {
      const bundle = join(dir, 'bundle');
      const run = audit(
        [...args(), '--evidence', bundle, '-f', 'json', '-o', join(dir, 'r.json')],
        credentials,
      );
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /evidence bundle -> /);
      const check = (path: string) =>
        spawnSync(process.execPath, [join(root, 'bin', 'vectorfort.js'), 'evidence', '--check', path], {
          cwd: root,
          encoding: 'utf8',
        });
      const intact = check(bundle);
      assert.equal(intact.status, 0, intact.stdout + intact.stderr);
      const report = JSON.parse(readFileSync(join(bundle, 'report.json'), 'utf8')) as {
        audit?: { calls: unknown[] };
      };
      assert.ok((report.audit?.calls.length ?? 0) > 20, 'the bundle holds the audit report');
      writeFileSync(join(bundle, 'report.json'), '{}');
      const tampered = check(bundle);
      assert.equal(tampered.status, 1);
      assert.match(tampered.stdout + tampered.stderr, /report\.json/);
    });

    it('writes SARIF', () => {
      const run = audit([...args(), '-f', 'sarif'], credentials);
      assert.equal(run.status, 1);
      const sarif = JSON.parse(run.stdout) as { version: string; runs: { results: unknown[] }[] };
      assert.equal(sarif.version, '2.1.0');
      assert.ok(sarif.runs[0]!.results.length > 0);
    });

    it('exits 0 when nothing fails at or above --fail-on', () => {
      const run = audit([...args(), '--fail-on', 'critical', '--allow-unknown'], credentials);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /PASS/);
    });

    it('exits 2 for a baseline that does not exist', () => {
      const run = audit([...args(), '--against', join(dir, 'missing.json')], credentials);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /missing\.json/);
    });
  });
});
