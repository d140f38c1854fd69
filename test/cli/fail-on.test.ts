/**
 * `--fail-on` decides the verdict once: on a template whose only unacknowledged failure is low, the text and
 * HTML reports say PASS and the run exits 0 at `--fail-on high`, and say FAIL and exit 1 at `--fail-on low`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/model.js';
import { root, vectorfort } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'vectorfort-fail-on-'));
after(() => rmSync(work, { recursive: true, force: true }));
const template = join(work, 'queue.yaml');

/** One queue: VF-DATA-017 (low) fails; cdk-nag's two findings on it are acknowledged with a reason. */
const QUEUE = [
  'Resources:',
  '  Queue:',
  '    Type: AWS::SQS::Queue',
  '    Metadata:',
  '      cdk_nag:',
  '        rules_to_suppress:',
  '          - id: AwsSolutions-SQS3',
  '            reason: no dead-letter queue for this fixture queue',
  '          - id: AwsSolutions-SQS4',
  '            reason: the fixture queue is only reached through the VPC',
  '    Properties:',
  '      SqsManagedSseEnabled: true',
  '',
].join('\n');

describe('vectorfort verify --fail-on', () => {
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'index.js')))
      throw new Error('run `npm run build` before the CLI tests');
    writeFileSync(template, QUEUE);
  });

  it('holds a fixture whose only unacknowledged failure is low', () => {
    const run = vectorfort('verify', template, '--format', 'json', '--fail-on', 'high');
    const report = JSON.parse(run.stdout) as Report;
    const unacknowledged = report.findings.filter((f) => f.status === 'fail' && !f.acknowledged);
    assert.deepEqual(
      unacknowledged.map((f) => `${f.ruleId} ${f.severity}`),
      ['VF-DATA-017 low'],
    );
    assert.deepEqual(report.verdict, {
      status: 'pass',
      failOn: 'high',
      failing: 0,
      belowThreshold: 1,
      acknowledged: 2,
      unknown: 0,
      allowUnknown: false,
      flowsNotAsIntended: 0,
    });
  });

  it('shows PASS in text and exits 0 at --fail-on high', () => {
    const run = vectorfort('verify', template, '--fail-on', 'high');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^vectorfort \S+: PASS\n/);
    assert.match(run.stdout, /fails on high and above: 0 failing, 1 below the threshold, 2 acknowledged/);
  });

  it('shows PASS in HTML and exits 0 at --fail-on high', () => {
    const file = join(work, 'high.html');
    const run = vectorfort('verify', template, '--format', 'html', '--output', file, '--fail-on', 'high');
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<span class="verdict pass">PASS<\/span>/);
    assert.match(html, /<title>vectorfort report: pass<\/title>/);
  });

  it('shows FAIL in text and HTML and exits 1 at --fail-on low', () => {
    const text = vectorfort('verify', template, '--fail-on', 'low');
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /^vectorfort \S+: FAIL\n/);
    assert.match(text.stdout, /fails on low and above: 1 failing, 0 below the threshold/);
    const file = join(work, 'low.html');
    const html = vectorfort('verify', template, '--format', 'html', '--output', file, '--fail-on', 'low');
    assert.equal(html.status, 1, html.stderr);
    assert.match(readFileSync(file, 'utf8'), /<span class="verdict fail">FAIL<\/span>/);
  });
});
