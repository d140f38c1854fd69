/**
 * cdk-nag's failures to decide reach the report as clear unknowns that name the resource and the rule, never
 * as JavaScript's error text; and cdk-nag findings that duplicate one of our controls are marked and ranked
 * after ours.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runVerify, sortFindings } from '../../src/cli/run-verify.js';
import { markDuplicates, NAG_DUPLICATES, nagFindings } from '../../src/controls/nag/index.js';
import { CONTROLS } from '../../src/controls/registry.js';
import type { Finding } from '../../src/findings/index.js';
import { loadInventory } from '../../src/inventory/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-nag-errors-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function template(name: string, resources: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ Resources: resources }, null, 2));
  return file;
}

const JS_ERROR = /Cannot read properties|is not a function|undefined \(reading/;

describe('cdk-nag failures to decide', () => {
  it('names the resource the template importer stopped at instead of leaking its TypeError', async () => {
    const file = template('crash.json', {
      Fine: { Type: 'AWS::S3::Bucket' },
      Broken: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Select': [0] } } },
    });
    const out = await nagFindings(await loadInventory([file]));
    // Every resource of the template is named as not checked, each with where the importer stopped.
    assert.deepEqual(out.map((f) => f.resource.id).sort(), ['crash/Broken', 'crash/Fine']);
    for (const f of out) {
      assert.equal(f.status, 'unknown');
      assert.equal(f.resource.file, file);
      assert.doesNotMatch(f.message, JS_ERROR);
      assert.match(
        f.message,
        /^the cdk-nag packs were not run: CloudFormation's template importer stopped at resource Broken \(or a resource it references\) on a value of a shape it does not accept.*; this resource was not checked$/,
      );
    }
  });

  it("keeps the importer's own validation message, which already names the problem", async () => {
    const file = template('missing-condition.json', {
      B: { Type: 'AWS::S3::Bucket', Condition: 'Nope' },
    });
    const [f] = await nagFindings(await loadInventory([file]));
    assert.equal(f?.status, 'unknown');
    assert.equal(
      f?.message,
      "the template could not be loaded for the cdk-nag packs: Resource 'B' uses Condition 'Nope' that doesn't exist; this resource was not checked",
    );
  });

  it('reports a rule that threw as unknown, naming the rule and the resource', async () => {
    const file = template('rule-error.json', {
      Lc: {
        Type: 'AWS::AutoScaling::LaunchConfiguration',
        Properties: {
          ImageId: 'ami-1',
          InstanceType: 't3.micro',
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda' }],
        },
      },
    });
    const out = await nagFindings(await loadInventory([file]));
    const errors = out.filter((f) => f.status === 'unknown');
    assert.ok(errors.length > 0, out.map((f) => f.ruleId).join(', '));
    const ec26 = errors.find((f) => f.ruleId === 'AwsSolutions-EC26');
    assert.ok(ec26, errors.map((f) => f.ruleId).join(', '));
    assert.equal(ec26.resource.id, 'rule-error/Lc');
    assert.equal(ec26.title, 'AwsSolutions-EC26 could not evaluate the resource');
    assert.match(ec26.message, /^cdk-nag's rule AwsSolutions-EC26 could not evaluate rule-error\/Lc: /);
    for (const f of errors) assert.doesNotMatch(f.message, /Rule threw an error|intrinsic function\.$/);
  });
});

describe('cdk-nag findings that duplicate our controls', () => {
  const base = { title: 't', severity: 'high', frameworks: {}, message: 'm' } as const;
  const ours: Finding[] = [
    {
      ...base,
      ruleId: 'VF-DATA-019',
      status: 'fail',
      resource: { type: 'AWS::EC2::Volume', id: 'App/Volume' },
    },
  ];
  const nag: Finding[] = [
    {
      ...base,
      ruleId: 'AwsSolutions-EC26',
      status: 'fail',
      origin: 'cdk-nag',
      resource: { type: 'AWS::EC2::Volume', id: 'App/Volume' },
    },
    {
      ...base,
      ruleId: 'AwsSolutions-EC26',
      status: 'fail',
      origin: 'cdk-nag',
      resource: { type: 'AWS::EC2::Volume', id: 'App/Other' },
    },
    {
      ...base,
      ruleId: 'AwsSolutions-EC27',
      status: 'fail',
      origin: 'cdk-nag',
      resource: { type: 'AWS::EC2::SecurityGroup', id: 'App/Sg' },
    },
  ];

  it('maps only to controls that exist', () => {
    const ids = new Set<string>(CONTROLS.map((c) => c.id));
    const entries = Object.entries(NAG_DUPLICATES);
    assert.ok(entries.length > 0);
    for (const [rule, controls] of entries)
      for (const id of controls) assert.ok(ids.has(id), `${rule}: ${id}`);
  });

  it('marks a finding as duplicating ours only where our control evaluated the same resource', () => {
    const marked = markDuplicates(ours, nag);
    assert.deepEqual(marked[0]!.duplicateOf, ['VF-DATA-019']);
    assert.equal(marked[1]!.duplicateOf, undefined, 'no finding of ours on App/Other');
    assert.equal(marked[2]!.duplicateOf, undefined, 'EC27 duplicates no control of ours');
  });

  it('leaves a finding alone whose rule name is a property every object has', () => {
    const odd = ['constructor', '__proto__', 'toString'].map((ruleId) => ({ ...nag[0]!, ruleId }));
    assert.deepEqual(markDuplicates(ours, odd), odd);
  });

  it('marks nothing when our finding on the resource is not applicable', () => {
    const notApplicable = ours.map((f) => ({ ...f, status: 'not-applicable' as const }));
    assert.equal(markDuplicates(notApplicable, nag)[0]!.duplicateOf, undefined);
  });

  it('ranks the duplicates after all of our findings and the other cdk-nag findings', () => {
    const sorted = sortFindings([...markDuplicates(ours, nag), ...ours]);
    assert.deepEqual(
      sorted.map((f) => `${f.ruleId}@${f.resource.id}`),
      [
        'AwsSolutions-EC26@App/Other',
        'AwsSolutions-EC27@App/Sg',
        'VF-DATA-019@App/Volume',
        'AwsSolutions-EC26@App/Volume',
      ],
    );
  });

  it('marks the duplicates in a verification, template by template as the packs come back', async () => {
    // Two templates, each a bucket without a default encryption key: our VF-DATA-001 and cdk-nag's
    // S3DefaultEncryptionKMS both judge each bucket.
    const files = ['first', 'second'].map((name) =>
      template(`${name}.template.json`, { Data: { Type: 'AWS::S3::Bucket', Properties: {} } }),
    );
    const { report } = await runVerify({ paths: files, failOn: 'info', allowUnknown: false });
    const duplicates = report.findings.filter(
      (f) => f.ruleId === 'NIST.800.53.R5-S3DefaultEncryptionKMS' && f.resource.type === 'AWS::S3::Bucket',
    );
    assert.equal(duplicates.length, 2, 'one per template');
    for (const f of duplicates) assert.deepEqual(f.duplicateOf, ['VF-DATA-001']);
    const unmarked = report.findings.filter(
      (f) => f.ruleId === 'AwsSolutions-S1' && f.duplicateOf === undefined,
    );
    assert.deepEqual(unmarked, [], 'AwsSolutions-S1 duplicates VF-DATA-007, which judged both buckets');
  });
});
