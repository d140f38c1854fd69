/**
 * Reports of crafted inputs: the text report (terminals, CI logs) carries no escape sequence, no line of the
 * input's making and no bidi control; SARIF locations stay valid URI references; the HTML page declares a
 * strict Content-Security-Policy that admits exactly its own style sheets.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { summarize, verdictOf, type Finding, type FlowResult } from '../../src/findings/index.js';
import { renderReport } from '../../src/report/format/index.js';
import type { Report } from '../../src/report/model.js';
import { SAMPLE_REPORT } from './sample-report.js';
import { sarifValidator } from './schema-validators.js';

const CRAFTED = '\x1b[2J\n::error::forged\u202e';

const crafted: Finding[] = [
  {
    ruleId: 'VF-DATA-017',
    title: `Queues are encrypted${CRAFTED}`,
    severity: 'low',
    status: 'fail',
    resource: {
      type: 'AWS::SQS::Queue',
      id: `::error::forged-id${CRAFTED}`,
      file: `templates/my dir/#1 queue${CRAFTED}.yaml`,
      line: 3,
    },
    message: `no KmsMasterKeyId${CRAFTED}`,
    remediation: `Set KmsMasterKeyId${CRAFTED}`,
    frameworks: {},
  },
  {
    ruleId: 'VF-DATA-013',
    title: 'Buckets are versioned',
    severity: 'medium',
    status: 'fail',
    resource: { type: 'AWS::S3::Bucket', id: 'app/Bucket' },
    message: 'versioning is off',
    frameworks: {},
    acknowledged: { reason: `reviewed${CRAFTED}` },
  },
];
const flows: FlowResult[] = [
  {
    from: `internet${CRAFTED}`,
    to: 'weaviate',
    port: 8080,
    protocol: 'tcp',
    expected: 'denied',
    verdict: 'allowed',
    path: [{ node: `sg${CRAFTED}`, rule: 'ingress 0.0.0.0/0' }],
  },
];
const report: Report = {
  tool: { name: 'vectorfort', version: '0.1.0' },
  summary: summarize(crafted),
  verdict: verdictOf(crafted, flows, { failOn: 'info' }),
  findings: crafted,
  flows,
};

/** Our own colour codes, the only escape sequences the text report may hold. */
// eslint-disable-next-line no-control-regex -- matching the escape sequences is the point
const OWN_ANSI = /\x1b\[(?:31|32|33|2|1|0)m/g;

function assertInert(text: string) {
  assert.ok(text.length > 0);
  assert.ok(!text.includes('\x1b'), 'no ESC');
  assert.ok(!text.includes('\u202e'), 'no bidi override');
  assert.ok(!text.includes('\r'), 'no carriage return');
  const lines = text.split('\n');
  assert.ok(lines.length > 5);
  for (const line of lines)
    assert.ok(!/^\s*(::|##)/.test(line), `no line can start a workflow command: ${JSON.stringify(line)}`);
}

describe('text report of crafted input', () => {
  const text = renderReport(report, 'text');

  it('passes no escape sequence, line break or bidi control of the input to the terminal', () => {
    assertInert(text);
  });

  it('shows the crafted characters as escapes, where they were', () => {
    assert.ok(text.includes('\\x3a:error::forged-id\\x1b[2J\\n::error::forged\\u202e'), text);
    assert.ok(text.includes('no KmsMasterKeyId\\x1b[2J\\n::error::forged\\u202e'));
    assert.ok(text.includes('reviewed\\x1b[2J\\n::error::forged\\u202e'));
    assert.ok(text.includes('internet\\x1b[2J\\n::error::forged\\u202e -> weaviate'));
    assert.ok(text.includes('via sg\\x1b[2J\\n::error::forged\\u202e'));
  });

  it('keeps the same number of lines as a report of plain names', () => {
    const plain = renderReport(
      JSON.parse(JSON.stringify(report).replaceAll('\\u001b[2J\\n::error::forged\u202e', '')) as Report,
      'text',
    );
    assert.ok(!plain.includes('[2J'));
    assert.equal(text.split('\n').length, plain.split('\n').length);
  });

  it('holds no escape sequence but its own colours when coloured', () => {
    const coloured = renderReport(report, 'text', { color: true });
    assert.match(coloured, OWN_ANSI);
    assertInert(coloured.replace(OWN_ANSI, ''));
  });
});

describe('SARIF locations of paths with spaces and #', () => {
  const validate = sarifValidator();
  const file = 'templates/my dir/#1 queue.yaml';
  const withFile: Report = {
    ...report,
    findings: [{ ...crafted[0]!, resource: { ...crafted[0]!.resource, file } }],
    inputs: [{ path: 'templates/my dir', kind: 'cloudformation' }],
  };
  const sarif = JSON.parse(renderReport(withFile, 'sarif')) as {
    runs: {
      results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      artifacts: { location: { uri: string } }[];
    }[];
  };

  it('percent-encodes artifact URIs and validates against the SARIF 2.1.0 schema', () => {
    const run = sarif.runs[0]!;
    assert.equal(
      run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri,
      'templates/my%20dir/%231%20queue.yaml',
    );
    assert.equal(run.artifacts[0]!.location.uri, 'templates/my%20dir');
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('would fail the schema with the raw path, so the check above is not vacuous', () => {
    const raw = structuredClone(sarif);
    raw.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = file;
    assert.equal(validate(raw), false);
  });

  it('keeps a drive-letter colon from reading as a URI scheme', () => {
    const windows: Report = {
      ...report,
      findings: [{ ...crafted[0]!, resource: { ...crafted[0]!.resource, file: 'C:\\repo\\a b.yaml' } }],
    };
    const uri = (JSON.parse(renderReport(windows, 'sarif')) as typeof sarif).runs[0]!.results[0]!
      .locations[0]!.physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'C%3A/repo/a%20b.yaml');
  });
});

describe('HTML Content-Security-Policy', () => {
  const html = renderReport(SAMPLE_REPORT, 'html');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];

  it('is declared before any style sheet, denies everything by default and allows no inline code', () => {
    assert.ok(policy, 'a CSP meta element');
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'));
    const directives = policy.split('; ');
    assert.ok(directives.includes("default-src 'none'"), policy);
    assert.ok(directives.includes("base-uri 'none'"), policy);
    assert.ok(directives.includes("form-action 'none'"), policy);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|script-src|https?:|\*/);
  });

  it('allows exactly the page’s own style sheets, by hash', () => {
    const sheets = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]!);
    assert.equal(
      sheets.length,
      4,
      "the page, the flows view, this report's flow filters and the flow diagram",
    );
    const hashes = sheets.map((css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    const styleSrc = policy!.split('; ').find((d) => d.startsWith('style-src '));
    assert.deepEqual(styleSrc?.split(' ').slice(1), hashes);
  });
});
