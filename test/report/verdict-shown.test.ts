/**
 * Every reporter shows the verdict the CLI decided (report.verdict), never one of its own: the same findings
 * read PASS at one threshold and FAIL at another in text, JSON, SARIF and HTML alike.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verdictOf, type Verdict } from '../../src/findings/index.js';
import { renderReport } from '../../src/report/format/index.js';
import type { Report } from '../../src/report/model.js';
import { SAMPLE_REPORT } from './sample-report.js';

/**
 * The sample's findings without its critical and high failures and its unknown result: a medium (cdk-nag)
 * failure remains.
 */
const findings = SAMPLE_REPORT.findings.filter(
  (f) => !['VF-EKS-001', 'VF-PSS-014'].includes(f.ruleId) && f.status !== 'unknown',
);
const unknowns = SAMPLE_REPORT.findings.filter((f) => f.status === 'unknown');
const at = (failOn: Verdict['failOn']): Report => ({
  ...SAMPLE_REPORT,
  findings,
  verdict: verdictOf(findings, SAMPLE_REPORT.flows, { failOn }),
});

function shown(report: Report) {
  const text = renderReport(report, 'text');
  const html = renderReport(report, 'html');
  const json = JSON.parse(renderReport(report, 'json')) as Report;
  const sarif = JSON.parse(renderReport(report, 'sarif')) as {
    runs: { properties: { verdict: Verdict } }[];
  };
  return {
    text: /^vectorfort 0\.1\.0: (\w+)/.exec(text)?.[1],
    html: /<span class="verdict (\w+)">(\w+)<\/span>/.exec(html)?.slice(1),
    title: /<title>vectorfort report: (\w+)<\/title>/.exec(html)?.[1],
    json: json.verdict.status,
    sarif: sarif.runs[0]!.properties.verdict.status,
    textReport: text,
    htmlReport: html,
  };
}

describe('the verdict in every report format', () => {
  it('is PASS at --fail-on high when only a medium finding fails', () => {
    const s = shown(at('high'));
    assert.equal(s.text, 'PASS');
    assert.deepEqual(s.html, ['pass', 'PASS']);
    assert.equal(s.title, 'pass');
    assert.equal(s.json, 'pass');
    assert.equal(s.sarif, 'pass');
    assert.match(s.textReport, /fails on high and above: 0 failing, 1 below the threshold, 1 acknowledged/);
    assert.match(s.htmlReport, /severity <b>high<\/b> and above: 0 failing, 1 below the threshold/);
  });

  it('is FAIL at --fail-on low on the same findings', () => {
    const s = shown(at('low'));
    assert.equal(s.text, 'FAIL');
    assert.deepEqual(s.html, ['fail', 'FAIL']);
    assert.equal(s.json, 'fail');
    assert.equal(s.sarif, 'fail');
    assert.match(s.textReport, /fails on low and above: 1 failing, 0 below the threshold/);
  });

  it('is INCOMPLETE with an unknown result, and says the run cannot pass', () => {
    assert.ok(unknowns.length > 0);
    const withUnknown = [...findings, ...unknowns];
    const s = shown({
      ...at('high'),
      findings: withUnknown,
      verdict: verdictOf(withUnknown, [], { failOn: 'high' }),
    });
    assert.equal(s.text, 'INCOMPLETE');
    assert.deepEqual(s.html, ['incomplete', 'INCOMPLETE']);
    assert.equal(s.json, 'incomplete');
    assert.equal(s.sarif, 'incomplete');
    assert.match(s.textReport, /1 unknown \(not checked: the run cannot pass\)/);
  });

  it('is PASS with the unknowns named when they are allowed', () => {
    const withUnknown = [...findings, ...unknowns];
    const verdict = verdictOf(withUnknown, [], { failOn: 'high', allowUnknown: true });
    const report: Report = { ...at('high'), findings: withUnknown, verdict };
    const text = renderReport(report, 'text');
    assert.match(text, /^vectorfort 0\.1\.0: PASS with 1 unknown\n/);
    assert.match(text, /1 unknown \(allowed: --allow-unknown\)/);
    assert.match(renderReport(report, 'html'), /<span class="verdict pass">PASS with 1 unknown<\/span>/);
    assert.equal((JSON.parse(renderReport(report, 'json')) as Report).verdict.allowUnknown, true);
  });

  it('shows a verdict it is given as is, the incomplete state included', () => {
    const incomplete: Report = { ...at('high'), verdict: { ...at('high').verdict, status: 'incomplete' } };
    const s = shown(incomplete);
    assert.equal(s.text, 'INCOMPLETE');
    assert.deepEqual(s.html, ['incomplete', 'INCOMPLETE']);
    assert.equal(s.json, 'incomplete');
    assert.equal(s.sarif, 'incomplete');
  });
});
