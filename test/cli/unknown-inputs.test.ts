/**
 * No silent pass: what the inventory could not model (a transform, a loop over an undetermined collection, a
 * kind that runs containers, a malformed pod spec) is an unknown finding naming the file, the path and why;
 * such a run is INCOMPLETE and exits 1 unless --allow-unknown. No shadowed object: two definitions of one
 * object are both evaluated, and the pair is reported.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/model.js';
import { root, vectorfort } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'vf-unknown-'));
const file = (name: string, text: string): string => {
  const path = join(work, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};

/** A queue every data control passes, so that the unknown is the only thing between the run and PASS. */
const QUEUE = [
  '  Key:',
  '    Type: AWS::KMS::Key',
  '    Properties:',
  '      EnableKeyRotation: true',
  '      KeyPolicy:',
  '        Version: "2012-10-17"',
  '        Statement:',
  '          - Effect: Allow',
  '            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}',
  '            Action: kms:*',
  '            Resource: "*"',
  '  Queue:',
  '    Type: AWS::SQS::Queue',
  '    Properties:',
  '      KmsMasterKeyId: !Ref Key',
].join('\n');

function verify(...args: string[]): { status: number | null; report: Report; stderr: string } {
  const run = vectorfort('verify', ...args, '--format', 'json');
  return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

describe('vectorfort verify on inputs it cannot fully model', () => {
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'index.js')))
      throw new Error('run `npm run build` before the CLI tests');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('states the unknown policy and the exit codes in the help of verify and synth', () => {
    for (const command of ['verify', 'synth']) {
      const help = vectorfort(command, '--help');
      assert.equal(help.status, 0);
      assert.match(help.stdout, /--allow-unknown/);
      assert.match(help.stdout, /Exit codes:\n {2}0 {2}the run passed/);
      assert.match(help.stdout, /1 {2}the run did not pass: failing findings, or unknown results/);
    }
  });

  it('is INCOMPLETE with exit 1 on a loop over an undetermined collection, and PASS with --allow-unknown', () => {
    const template = file(
      'foreach.yaml',
      [
        'Transform: AWS::LanguageExtensions',
        'Parameters:',
        '  Names: {Type: CommaDelimitedList}',
        'Resources:',
        QUEUE,
        '  Fn::ForEach::Buckets:',
        '    - Name',
        '    - !Ref Names',
        '    - Bucket${Name}: {Type: AWS::S3::Bucket}',
      ].join('\n'),
    );
    const strict = verify(template);
    assert.equal(strict.status, 1, strict.stderr);
    assert.equal(strict.report.verdict.status, 'incomplete');
    const notDetermined = strict.report.findings.filter((f) => f.ruleId.startsWith('input-'));
    assert.deepEqual(
      notDetermined.map((f) => [f.ruleId, f.status, f.resource.path, f.resource.line]),
      [['input-not-determined', 'unknown', 'Resources.Fn::ForEach::Buckets', 20]],
    );
    assert.match(notDetermined[0]!.resource.file!, /foreach\.yaml$/);
    assert.match(
      notDetermined[0]!.message,
      /^loop Buckets: the collection is not determined by the template \(parameter Names is chosen at deploy time \(it has no default\)/,
    );
    const text = vectorfort('verify', template);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^vectorfort \S+: INCOMPLETE\n/);

    const allowed = vectorfort('verify', template, '--allow-unknown');
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stdout, /^vectorfort \S+: PASS with \d+ unknown\n/);
    assert.match(allowed.stdout, /input-not-determined/);
  });

  it('expands a loop over a literal list and checks what it generates', () => {
    const template = file(
      'foreach-literal.yaml',
      [
        'Transform: AWS::LanguageExtensions',
        'Resources:',
        '  Fn::ForEach::Queues:',
        '    - Name',
        '    - [orders, refunds]',
        '    - Queue${Name}: {Type: AWS::SQS::Queue}',
      ].join('\n'),
    );
    const { status, report } = verify(template);
    assert.equal(status, 1);
    assert.equal(report.verdict.status, 'fail');
    const encryption = report.findings.filter((f) => f.ruleId === 'VF-DATA-017');
    assert.deepEqual(
      encryption.map((f) => [f.resource.id, f.status]),
      [
        ['foreach-literal/Queueorders', 'fail'],
        ['foreach-literal/Queuerefunds', 'fail'],
      ],
    );
    assert.ok(encryption.every((f) => typeof f.resource.line === 'number'));
  });

  it('names the Serverless transform and an AWS::Include as not expanded', () => {
    const template = file(
      'sam.yaml',
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        QUEUE,
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/fn.yaml}}',
      ].join('\n'),
    );
    const { status, report } = verify(template);
    assert.equal(status, 1);
    assert.equal(report.verdict.status, 'incomplete');
    const found = report.findings.filter((f) => f.ruleId === 'input-transform-not-expanded');
    assert.deepEqual(
      found.map((f) => f.resource.path),
      ['Transform', 'Resources.Fn.Properties.Fn::Transform'],
    );
    assert.match(found[0]!.message, /"AWS::Serverless-2016-10-31", which is not expanded offline/);
    assert.match(found[1]!.message, /"AWS::Include"/);
  });

  it('reports a pod spec that is a list and a kind that runs pods, but not a CRD instance without pods', () => {
    const manifests = file(
      'openshift.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api, namespace: shop}',
        'spec:',
        '  template:',
        '    spec:',
        '      - name: app',
        '        image: registry.example/api:1',
        '---',
        'apiVersion: apps.openshift.io/v1',
        'kind: DeploymentConfig',
        'metadata: {name: legacy, namespace: shop}',
        'spec:',
        '  template:',
        '    spec:',
        '      hostNetwork: true',
        '      containers: [{name: app, image: registry.example/legacy:1, securityContext: {privileged: true}}]',
        '---',
        'apiVersion: cert-manager.io/v1',
        'kind: Certificate',
        'metadata: {name: api-tls, namespace: shop}',
        'spec: {secretName: api-tls, dnsNames: [api.example.com]}',
      ].join('\n'),
    );
    const { status, report } = verify(manifests);
    assert.equal(status, 1);
    assert.deepEqual(
      report.findings
        .filter((f) => f.status === 'unknown' && f.ruleId.startsWith('input-'))
        .map((f) => [f.ruleId, f.resource.type, f.resource.id, f.resource.path]),
      [
        ['input-kind-not-modelled', 'apps.openshift.io/v1/DeploymentConfig', 'shop/legacy', 'documents.1'],
        ['input-malformed', 'apps/v1/Deployment', 'shop/api', 'documents.0'],
        // The Certificate is read without a finding; nothing else is of a kind the controls check.
        ['input-nothing-checked', 'input', manifests, undefined],
      ],
    );
    const kind = report.findings.find((f) => f.ruleId === 'input-kind-not-modelled')!;
    assert.match(kind.message, /runs containers \(spec\.template\.spec\.containers\)/);
  });

  it('is INCOMPLETE when no control applies to anything in the input', () => {
    const manifests = file(
      'config.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\n',
    );
    const { status, report } = verify(manifests);
    assert.equal(status, 1);
    assert.equal(report.verdict.status, 'incomplete');
    assert.deepEqual(
      report.findings.filter((f) => f.status === 'unknown').map((f) => f.ruleId),
      ['input-nothing-checked'],
    );
  });

  it('evaluates both of two files defining one pod, and reports the pair naming both', () => {
    const pod = (hostile: boolean) =>
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: api, namespace: shop}',
        'spec:',
        `  hostNetwork: ${hostile}`,
        '  containers:',
        `    - {name: app, image: registry.example/api:1, securityContext: {privileged: ${hostile}}}`,
      ].join('\n');
    const dir = join(work, 'overlays');
    file('overlays/base/pod.yaml', pod(false));
    file('overlays/prod/pod.yaml', pod(true));
    const { status, report } = verify(dir);
    assert.equal(status, 1);
    const privileged = report.findings.filter(
      (f) => f.ruleId === 'VF-PSS-014' || f.title.includes('rivileged'),
    );
    assert.ok(privileged.length > 0);
    assert.ok(
      report.findings.some(
        (f) =>
          f.status === 'fail' &&
          f.resource.id === 'shop/api' &&
          /overlays\/prod\/pod\.yaml$/.test(f.resource.file ?? ''),
      ),
      'a failure points at the second file',
    );
    const duplicate = report.findings.filter((f) => f.ruleId === 'VF-K8S-014' && f.status === 'fail');
    assert.equal(duplicate.length, 1);
    assert.match(
      duplicate[0]!.message,
      /defined twice: at \S*overlays\/base\/pod\.yaml:1 documents\.0 and at \S*overlays\/prod\/pod\.yaml:1 documents\.0 \(a different definition\)/,
    );
  });
});
