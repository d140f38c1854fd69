/**
 * What the reports show of a finding's stated assumptions and of a duplicate of another tool, and how they show
 * the flows of an input without a flow spec: listed for review, never "not as intended".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize, verdictOf, type Finding, type FlowResult } from '../../src/findings/index.js';
import { renderReport } from '../../src/report/format/index.js';
import type { Report } from '../../src/report/model.js';
import { reportValidator } from './schema-validators.js';

const ASSUMPTION =
  'EBS encryption by default is an account setting per region, off unless someone turned it on';

const findings: Finding[] = [
  {
    ruleId: 'VF-DATA-019',
    title: 'EBS volumes are encrypted',
    severity: 'medium',
    status: 'fail',
    resource: {
      type: 'AWS::EC2::Volume',
      id: 'App/Volume',
      file: 'app.json',
      path: 'Resources.Volume.Properties.Encrypted',
    },
    message: 'Encrypted is not set',
    frameworks: { 'aws-fsbp': ['EC2.3'] },
    assumptions: [ASSUMPTION],
  },
  {
    ruleId: 'AwsSolutions-EC26',
    title: 'The resource creates one or more EBS volumes that have encryption disabled.',
    severity: 'high',
    status: 'fail',
    resource: { type: 'AWS::EC2::Volume', id: 'App/Volume', file: 'app.json' },
    message: 'The resource creates one or more EBS volumes that have encryption disabled.',
    frameworks: { 'aws-fsbp': ['EC2.3'] },
    origin: 'cdk-nag',
    duplicateOf: ['VF-DATA-019'],
  },
];

/** What the prover lists for a template without a flow spec: exposures for review, with no intent. */
const foreignFlows: FlowResult[] = [
  {
    from: 'internet',
    to: 'App/Bastion',
    port: 22,
    protocol: 'tcp',
    expected: 'unknown',
    verdict: 'allowed',
    reason: 'reachable from the internet: review',
    path: [{ node: 'App/Igw', rule: 'internet gateway' }],
  },
];

const report: Report = {
  tool: { name: 'vectorfort', version: '0.1.0' },
  summary: summarize(findings),
  verdict: verdictOf(findings, foreignFlows, { failOn: 'info' }),
  findings,
  flows: foreignFlows,
  inputs: [{ path: 'app.json', kind: 'cloudformation' }],
  controlsEvaluated: ['VF-DATA-019'],
};

describe('assumptions and duplicates in the reports', () => {
  it('are valid JSON report fields', () => {
    const validate = reportValidator();
    const json = JSON.parse(renderReport(report, 'json')) as { findings: Finding[] };
    assert.ok(validate(json), JSON.stringify(validate.errors));
    assert.deepEqual(json.findings[0]!.assumptions, [ASSUMPTION]);
    assert.deepEqual(json.findings[1]!.duplicateOf, ['VF-DATA-019']);
  });

  it('are shown in the text report under the finding', () => {
    const text = renderReport(report, 'text');
    assert.match(text, new RegExp(`Encrypted is not set\\n(.*\\n)?    assumes: ${ASSUMPTION}`));
    assert.match(
      text,
      /\nDUPLICATES \(1\) — other tools repeating a finding above\n {2}AwsSolutions-EC26 .*\n.*\n {4}duplicates VF-DATA-019\n/,
    );
    assert.ok(text.indexOf('VF-DATA-019 EBS volumes') < text.indexOf('AwsSolutions-EC26'), 'ours first');
  });

  it('are SARIF result properties', () => {
    const sarif = JSON.parse(renderReport(report, 'sarif')) as {
      runs: { results: { ruleId: string; properties: Record<string, unknown> }[] }[];
    };
    const results = sarif.runs[0]!.results;
    assert.equal(results.length, 2);
    assert.deepEqual(results.find((r) => r.ruleId === 'VF-DATA-019')!.properties.assumptions, [ASSUMPTION]);
    assert.deepEqual(results.find((r) => r.ruleId === 'AwsSolutions-EC26')!.properties.duplicateOf, [
      'VF-DATA-019',
    ]);
  });

  it('are shown in the HTML report', () => {
    const html = renderReport(report, 'html');
    assert.ok(html.includes(`Assumes: ${ASSUMPTION}`));
    assert.ok(html.includes('Duplicates VF-DATA-019, listed first'));
    assert.ok(html.indexOf('<section id="duplicates">') > html.indexOf('<section id="findings">'));
  });
});

describe('flows of an input without a flow spec', () => {
  it('count none as not as intended in the verdict', () => {
    assert.equal(report.verdict.flowsNotAsIntended, 0);
  });

  it('are listed for review in the text report, not as failures', () => {
    const text = renderReport(report, 'text');
    assert.match(
      text,
      /FLOWS: 1 checked, 0 not as intended, 1 for review \(no flow spec: no intent to compare with\)/,
    );
    assert.match(text, / {2}REVIEW internet -> App\/Bastion:22\/tcp expected unknown, allowed/);
    assert.doesNotMatch(text, /FAIL internet/);
  });

  it('are marked for review in the HTML report, not as mismatches', () => {
    const html = renderReport(report, 'html');
    assert.match(
      html,
      /<tr class="flow v-allowed st-unknown review"><td>internet<\/td><td>App\/Bastion<\/td>/,
    );
    assert.ok(!html.includes('bad"><td>internet'));
    assert.match(html, /<td class="review" title="22\/tcp allowed">/);
  });
});
