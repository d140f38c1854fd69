/**
 * The CLI on examples/cloudfront-eu.yaml: `synth` writes and summarizes both stacks, and `vectorfort verify` on
 * the output evaluates both, resolving the main stack's references into the us-east-1 stack.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { root, vectorfort } from './run-cli.js';

const MAIN = 'vectorfort-weaviate-cdn-eu';
const EDGE = 'vectorfort-weaviate-cdn-eu-edge';

interface Finding {
  ruleId: string;
  status: string;
  acknowledged?: unknown;
  resource: { id: string };
}

const out = mkdtempSync(join(tmpdir(), 'vectorfort-cli-cloudfront-eu-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('vectorfort synth and verify: CloudFront in eu-west-1', () => {
  let synth: ReturnType<typeof vectorfort>;
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'index.js')))
      throw new Error('run `npm run build` before the CLI tests');
    synth = vectorfort('synth', '--blueprint', 'examples/cloudfront-eu.yaml', '--out', out, '--no-verify');
  });

  it('writes both templates and lists both stacks with their resource counts', () => {
    assert.equal(synth.status, 0, synth.stderr);
    for (const name of [MAIN, EDGE]) {
      assert.ok(existsSync(join(out, 'cdk.out', `${name}.template.json`)), name);
      assert.match(
        synth.stdout,
        new RegExp(`^ {2}stack ${name}: \\d+ resources -> .*${name}\\.template\\.json$`, 'm'),
      );
    }
    assert.match(synth.stdout, /^ {2}cdk-nag: 0 unacknowledged errors, \d+ acknowledged/m);
  });

  it('verifies both stacks and exits 0, every failing finding acknowledged with a reason', () => {
    const run = vectorfort('verify', join(out, 'cdk.out'), join(out, 'k8s'), '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: Finding[]; summary: Record<string, number> };
    const failing = report.findings.filter((f) => f.status === 'fail');
    assert.ok(failing.length > 0);
    assert.deepEqual(
      failing.filter((f) => !f.acknowledged).map((f) => `${f.ruleId} ${f.resource.id}`),
      [],
    );
    const stacksSeen = new Set(report.findings.map((f) => f.resource.id.split('/')[0]));
    assert.ok(stacksSeen.has(MAIN) && stacksSeen.has(EDGE), [...stacksSeen].join(', '));
    const passedInEdge = (ruleId: string) =>
      report.findings.some(
        (f) => f.ruleId === ruleId && f.status === 'pass' && f.resource.id.startsWith(`${EDGE}/`),
      );
    // The web ACL's rules and logging, and the key and log group, are checked in the us-east-1 stack.
    for (const ruleId of ['VF-EDGE-005', 'VF-EDGE-006', 'VF-DATA-008', 'VF-DATA-011'])
      assert.ok(passedInEdge(ruleId), ruleId);
    // The distribution's web ACL is read through the edge stack's output, so the check is decided, not unknown.
    const waf = report.findings.filter(
      (f) =>
        f.ruleId === 'VF-EDGE-004' &&
        f.resource.id.startsWith(`${MAIN}/`) &&
        /Distribution/.test(f.resource.id),
    );
    assert.deepEqual(
      waf.map((f) => f.status),
      ['pass'],
    );
    assert.equal(report.summary.unknown, 0);
  });
});
