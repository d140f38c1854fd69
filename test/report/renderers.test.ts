/**
 * The four renderers on a realistic report: JSON valid against docs/report.schema.json (and a broken report
 * rejected), SARIF valid against the official 2.1.0 schema, text and HTML carrying what a reviewer needs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPACT_JSON_FINDINGS, jsonChunks, renderReport } from '../../src/report/format/index.js';
import { coverage } from '../../src/report/format/coverage.js';
import { SAMPLE_REPORT } from './sample-report.js';
import { reportValidator, sarifValidator } from './schema-validators.js';

describe('JSON report', () => {
  const validate = reportValidator();
  it('is valid against docs/report.schema.json', () => {
    const json = JSON.parse(renderReport(SAMPLE_REPORT, 'json')) as { summary: unknown };
    assert.ok(validate(json), JSON.stringify(validate.errors));
    assert.deepEqual(json.summary, { pass: 1, fail: 4, unknown: 1, notApplicable: 1 });
  });
  it('rejects a wrong status and a missing ruleId', () => {
    const json = JSON.parse(renderReport(SAMPLE_REPORT, 'json'));
    json.findings[0].status = 'ok';
    assert.equal(validate(json), false);
    const other = JSON.parse(renderReport(SAMPLE_REPORT, 'json'));
    delete other.findings[1].ruleId;
    assert.equal(validate(other), false);
  });
});

describe('SARIF report', () => {
  const validate = sarifValidator();
  const sarif = JSON.parse(renderReport(SAMPLE_REPORT, 'sarif')) as {
    version: string;
    runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[];
  };

  it('is valid against the official SARIF 2.1.0 schema', () => {
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
    assert.equal(sarif.version, '2.1.0');
  });
  it('reports failing and unknown findings only, with levels by severity', () => {
    const results = sarif.runs[0]!.results as { ruleId: string; level: string; kind: string }[];
    assert.deepEqual(results.map((r) => `${r.ruleId}:${r.level}:${r.kind}`).sort(), [
      'AwsSolutions-S1:warning:fail',
      'VF-DATA-003:note:fail',
      'VF-EKS-001:error:fail',
      'VF-NETWORK-004:note:review',
      'VF-PSS-014:error:fail',
    ]);
  });
  it('points at file and line, and carries acknowledgements as suppressions', () => {
    const results = sarif.runs[0]!.results as {
      ruleId: string;
      locations: {
        physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
      }[];
      suppressions?: { kind: string; justification: string }[];
    }[];
    const eks = results.find((r) => r.ruleId === 'VF-EKS-001')!;
    assert.equal(eks.locations[0]!.physicalLocation!.artifactLocation.uri, 'cdk.out/app.template.json');
    assert.equal(eks.locations[0]!.physicalLocation!.region!.startLine, 42);
    const ack = results.find((r) => r.ruleId === 'VF-DATA-003')!;
    assert.deepEqual(ack.suppressions, [
      { kind: 'external', justification: 'kept forever for legal hold by policy' },
    ]);
  });
  it('describes each rule once with a security severity', () => {
    const rules = sarif.runs[0]!.tool.driver.rules as { id: string; properties: Record<string, unknown> }[];
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    assert.equal(rules.find((r) => r.id === 'VF-EKS-001')!.properties['security-severity'], '9.5');
  });
});

describe('text report', () => {
  const text = renderReport(SAMPLE_REPORT, 'text');
  it('leads with the verdict and counts, then failing findings by severity with remediation', () => {
    assert.match(text, /^vectorfort 0\.1\.0: FAIL/);
    assert.match(text, /1 pass, 4 fail, 1 unknown, 1 not applicable/);
    assert.ok(text.indexOf('CRITICAL') < text.indexOf('HIGH'));
    assert.match(text, /fix: Set endpointPublicAccess to false\./);
    assert.match(text, /cdk\.out\/app\.template\.json:42/);
  });
  it('lists unknowns as not evaluated, acknowledgements with reasons, and flow mismatches first', () => {
    assert.match(text, /NOT EVALUATED \(1\) — unknown is never counted as a pass/);
    assert.match(text, /VF-DATA-003 app\/Logs: kept forever for legal hold by policy/);
    const flows = text.slice(text.indexOf('FLOWS'));
    assert.match(flows, /FLOWS: 3 checked, 1 not as intended/);
    assert.ok(flows.indexOf('FAIL internet -> weaviate') < flows.indexOf('ok   ingress-gateway'));
  });
  it('has no colour codes unless asked', () => {
    assert.ok(!text.includes('\u001b['));
    assert.ok(renderReport(SAMPLE_REPORT, 'text', { color: true }).includes('\u001b[31m'));
  });
});

describe('HTML report', () => {
  const html = renderReport(SAMPLE_REPORT, 'html');
  it('is one self-contained page without scripts or external requests', () => {
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script|<link |src="http|href="http/);
  });
  it('escapes report text', () => {
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
  it('shows the summary, the coverage matrix, findings by severity, unknowns, acknowledgements and flows', () => {
    for (const id of ['summary', 'coverage', 'findings', 'unknown', 'acknowledged', 'flows'])
      assert.match(html, new RegExp(`<section id="${id}">`));
    assert.match(html, /Kubernetes Pod Security Standards/);
    assert.match(html, /<td class="bad"/, 'the mismatching flow is highlighted');
    assert.match(html, /<svg [^>]*class="flow-diagram"/);
    assert.match(html, /class="mismatch"/);
  });
});

describe('JSON report of a large input', () => {
  it('streams compact chunks that join into the same report', () => {
    const finding = SAMPLE_REPORT.findings[0]!;
    const findings = Array.from({ length: COMPACT_JSON_FINDINGS + 1 }, (_, i) => ({
      ...finding,
      resource: { ...finding.resource, id: `app/R${i}` },
    }));
    const big = { ...SAMPLE_REPORT, findings };
    const chunks = [...jsonChunks(big)];
    assert.ok(chunks.length > 2, 'written in several chunks');
    const text = chunks.join('');
    assert.ok(!text.includes('\n  '), 'compact');
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(big)));
    assert.equal(renderReport(big, 'json'), text);
  });
});

describe('framework coverage', () => {
  it('counts an acknowledged failure apart, never as a pass, and an unknown as unknown', () => {
    const byId = (key: string, id: string) =>
      coverage(SAMPLE_REPORT)
        .find((f) => f.key === key)!
        .requirements.find((r) => r.id === id)!;
    assert.deepEqual(
      (({ pass, fail, unknown, acknowledged }) => ({ pass, fail, unknown, acknowledged }))(
        byId('soc2', 'CC7.2'),
      ),
      { pass: 0, fail: 0, unknown: 0, acknowledged: 1 },
    );
    assert.equal(byId('aws-fsbp', 'EC2.19').unknown, 1);
    assert.equal(byId('aws-fsbp', 'EC2.19').pass, 0);
    assert.equal(byId('cis-eks-1.8', '5.4.2').fail, 1);
  });
});
