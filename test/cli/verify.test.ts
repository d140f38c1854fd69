/**
 * `vectorfort verify` as a process: the default output passes with the coverage the issue asks for, a weakened
 * input fails with exit 1, and bad inputs exit 2 naming the file without a stack trace.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/model.js';
import { FRAMEWORK_KEYS } from '../../src/findings/index.js';
import { root, vectorfort } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'vectorfort-verify-'));
const out = join(work, 'out');
after(() => rmSync(work, { recursive: true, force: true }));

function assertInputError(run: ReturnType<typeof vectorfort>, file: string, reason: RegExp) {
  assert.equal(run.status, 2, `exit code (stderr: ${run.stderr})`);
  assert.ok(run.stderr.includes(file), `names ${file}: ${run.stderr}`);
  assert.match(run.stderr, reason);
  assert.doesNotMatch(run.stderr, /\n\s+at .+\(.*:\d+:\d+\)/, 'no stack trace');
}

/** Writes `lines` (joined with new lines) to `name` in the work directory; returns its path. */
function writeLines(name: string, lines: readonly string[]): string {
  const file = join(work, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Verifies `file` as JSON, which must fail (exit 1); returns the report and what went to stderr. */
function verifyFailing(file: string): { report: Report; stderr: string } {
  const run = vectorfort('verify', file, '--format', 'json');
  assert.equal(run.status, 1, run.stderr);
  return { report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

describe('vectorfort verify', () => {
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'index.js')))
      throw new Error('run `npm run build` before the CLI tests');
    const synth = vectorfort('synth', '--out', out, '--no-verify');
    assert.equal(synth.status, 0, synth.stderr);
  });

  it('passes the default output with at least 60 controls, all six frameworks and ten proved flows', () => {
    const run = vectorfort('verify', join(out, 'cdk.out'), join(out, 'k8s'), '--format', 'json');
    const report = JSON.parse(run.stdout) as Report;
    const failing = report.findings.filter((f) => f.status === 'fail' && !f.acknowledged);
    assert.deepEqual(
      failing.map((f) => `${f.ruleId} ${f.resource.id}: ${f.message}`),
      [],
      'no failing finding on our own output',
    );
    assert.equal(run.status, 0, run.stderr);
    assert.ok((report.controlsEvaluated?.length ?? 0) >= 60, `${report.controlsEvaluated?.length} controls`);
    const mapped = new Set(report.findings.flatMap((f) => Object.keys(f.frameworks)));
    for (const key of FRAMEWORK_KEYS) assert.ok(mapped.has(key), `findings mapped to ${key}`);
    assert.ok(report.flows.length >= 10, `${report.flows.length} flows`);
    for (const flow of report.flows) {
      assert.equal(flow.verdict, flow.expected, `${flow.from} -> ${flow.to}:${flow.port}`);
      assert.ok((flow.path?.length ?? 0) > 0 || (flow.blockedBy?.length ?? 0) > 0, 'each flow has a witness');
    }
    assert.ok(report.flows.some((f) => f.from === 'internet' && f.verdict === 'denied'));
    assert.ok(report.flows.some((f) => f.to === 'instance-metadata' && f.verdict === 'denied'));
  });

  it('writes SARIF 2.1.0 to a file with --output', () => {
    const file = join(work, 'report.sarif');
    const run = vectorfort('verify', join(out, 'cdk.out'), '--format', 'sarif', '--output', file);
    // The stack alone has no unacknowledged failure either: every failing result carries its acknowledgement.
    assert.equal(run.status, 0, run.stderr);
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as {
      version: string;
      runs: { results: { kind?: string; suppressions?: unknown[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const failing = sarif.runs[0]!.results.filter((r) => r.kind === 'fail');
    assert.ok(failing.length > 0, 'the acknowledged failures are in the SARIF results');
    for (const r of failing) assert.ok((r.suppressions?.length ?? 0) > 0, 'each failure is suppressed');
  });

  it('fails (exit 1) on a template that opens SSH to the internet and names the resource', () => {
    const file = writeLines('open-ssh.yaml', [
      'Resources:',
      '  Open:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: open',
      '      VpcId: vpc-1234',
      '      SecurityGroupIngress:',
      '        - IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
      '          CidrIp: 0.0.0.0/0',
      '',
    ]);
    const { report } = verifyFailing(file);
    assert.ok(report.findings.some((f) => f.status === 'fail' && f.resource.id.endsWith('/Open')));
  });

  it('writes nothing to stderr for a YAML tag only CloudFormation knows, such as !ValueOf', () => {
    const file = writeLines('rules-tag.yaml', [
      'Parameters:',
      '  Env: { Type: String }',
      'Rules:',
      '  ProdOnly:',
      '    Assertions:',
      '      - Assert: !Equals [!ValueOf [Env, Value], prod]',
      'Resources:',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '',
    ]);
    const { stderr, report } = verifyFailing(file);
    // cdk-nag's template importer reads the file with a YAML library that warned "The tag !ValueOf is unavailable".
    assert.equal(stderr, '');
    assert.ok(report.findings.some((f) => f.ruleId.startsWith('AwsSolutions-SQS') && f.status === 'fail'));
  });

  it('exits 2 naming a missing input', () => {
    assertInputError(
      vectorfort('verify', join(work, 'nope.yaml')),
      'nope.yaml',
      /not found|does not exist|no such/i,
    );
  });

  it('exits 2 naming a binary input', () => {
    const file = join(work, 'binary.yaml');
    writeFileSync(file, Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x41, 0x00, 0x00]));
    assertInputError(vectorfort('verify', file), 'binary.yaml', /binary|not text|utf-?8/i);
  });

  it('exits 2 naming the line of a truncated manifest', () => {
    const file = join(work, 'truncated.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "unterminated\n');
    assertInputError(vectorfort('verify', file), 'truncated.yaml', /line|:\d+/i);
  });

  it('exits 2 naming the path of a flow spec whose denial has no class', () => {
    const assembly = join(out, 'cdk.out');
    const withSpec = readdirSync(assembly)
      .filter((f) => f.endsWith('.template.json'))
      .map(
        (f) => JSON.parse(readFileSync(join(assembly, f), 'utf8')) as { Metadata?: Record<string, unknown> },
      )
      .find((t) => t.Metadata?.['vectorfort:flowSpec'] !== undefined);
    assert.ok(withSpec, 'the synthesized stack carries its flow spec');
    const spec = withSpec.Metadata!['vectorfort:flowSpec'] as { denials: Record<string, unknown>[] };
    assert.ok(spec.denials.length > 0);
    delete spec.denials[0]!.class;
    const file = join(work, 'no-class.template.json');
    writeFileSync(file, JSON.stringify(withSpec));
    const run = vectorfort('verify', file);
    assertInputError(run, 'no-class.template.json', /Metadata\.vectorfort:flowSpec\.denials\.0\.class: /);
    assert.match(run.stderr, /the flow spec is malformed: expected the denial's class/);
  });

  it('exits 2 for an unknown format', () => {
    const run = vectorfort('verify', join(out, 'cdk.out'), '--format', 'xml');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /text, json, sarif, html/);
  });
});
