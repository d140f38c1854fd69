/**
 * `vectorfort synth` of a blueprint with environments, end to end with the built CLI: one set of stacks,
 * manifests and reports per environment, the cross-environment controls in the reports of the environments
 * they are about, and a failing run when production shares its account.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Report } from '../../src/report/model.js';
import { vectorfort } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-cli-envs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const reportOf = (out: string, env: string): Report =>
  JSON.parse(readFileSync(join(out, env, 'report.json'), 'utf8')) as Report;

describe('vectorfort synth with environments', () => {
  it('writes and verifies each environment of examples/environments.yaml under its own directory', () => {
    const out = join(dir, 'three');
    const run = vectorfort('synth', '--blueprint', 'examples/environments.yaml', '--out', out);
    assert.equal(run.status, 0, run.stderr);
    for (const env of ['dev', 'staging', 'prod']) {
      assert.ok(existsSync(join(out, env, 'cdk.out', `vectorfort-vectors-${env}.template.json`)), env);
      assert.ok(existsSync(join(out, env, 'k8s')), env);
      for (const format of ['json', 'sarif', 'html'])
        assert.ok(existsSync(join(out, env, `report.${format}`)));
    }
    assert.ok(!existsSync(join(out, 'cdk.out')), 'nothing is written for the shared settings alone');
    assert.match(run.stdout, /^ {2}cross-environment: 6 pass, 0 fail, 0 unknown$/m);
    const overview = JSON.parse(readFileSync(join(out, 'environments.json'), 'utf8')) as {
      verdict: string;
      environments: { name: string; account: string; report: string; verdict: { status: string } }[];
      cross: { ruleId: string; status: string }[];
    };
    assert.equal(overview.verdict, 'pass');
    assert.deepEqual(
      overview.environments.map((e) => [e.name, e.account, e.report, e.verdict.status]),
      [
        ['dev', '222222222222', 'dev/report.json', 'pass'],
        ['staging', '333333333333', 'staging/report.json', 'pass'],
        ['prod', '444444444444', 'prod/report.json', 'pass'],
      ],
    );
    assert.equal(overview.cross.length, 6);
    const page = readFileSync(join(out, 'environments.html'), 'utf8');
    for (const env of ['dev', 'staging', 'prod']) assert.ok(page.includes(`href="${env}/report.html"`), env);
    const prod = reportOf(out, 'prod');
    assert.equal(prod.verdict.status, 'pass');
    assert.equal(prod.summary.unknown, 0);
    assert.deepEqual(
      prod.findings
        .filter((f) => f.ruleId.startsWith('VF-ENV-'))
        .map((f) => [f.ruleId, f.status, f.resource.id]),
      [
        ['VF-ENV-002', 'pass', 'prod (vectorfort-vectors-prod)'],
        ['VF-ENV-004', 'pass', 'prod (vectorfort-vectors-prod)'],
      ],
    );
    assert.deepEqual(
      reportOf(out, 'dev')
        .findings.filter((f) => f.ruleId.startsWith('VF-ENV-'))
        .map((f) => [f.ruleId, f.status]),
      // Worst first: VF-ENV-003 is critical, VF-ENV-001 high.
      [
        ['VF-ENV-003', 'pass'],
        ['VF-ENV-001', 'pass'],
      ],
    );
    assert.deepEqual(
      prod.cost?.environments.map((e) => [e.name, e.region]),
      [['prod', 'us-east-1']],
    );
    assert.deepEqual(
      reportOf(out, 'staging').cost?.environments.map((e) => [e.name, e.region]),
      [['staging', 'eu-west-1']],
    );
  });

  it('fails the run when production shares an account with development', () => {
    const blueprint = join(dir, 'shared.yaml');
    writeFileSync(
      blueprint,
      [
        'name: shared',
        'environments:',
        '  dev: { account: "222222222222", vpcCidr: 10.10.0.0/16, preset: development }',
        '  prod: { account: "222222222222", vpcCidr: 10.30.0.0/16, preset: production }',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'shared');
    const run = vectorfort('synth', '--blueprint', blueprint, '--out', out);
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stderr,
      /^prod: high VF-ENV-002: prod \(vectorfort-shared-prod\): prod shares account 222222222222 with dev$/m,
    );
    assert.equal(reportOf(out, 'prod').verdict.status, 'fail');
    assert.equal(reportOf(out, 'dev').verdict.status, 'pass');
  });
});
