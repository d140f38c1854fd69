/** The verification gate of deploy and what destroy reports it leaves behind: pure functions over reports and templates. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkVerification } from '../../../src/cli/deploy/preflight/verification.js';
import { retainedResources } from '../../../src/cli/deploy/retained.js';
import { assertMayChange, requestedRegion } from '../../../src/cli/deploy/command-options.js';
import { InputError } from '../../../src/errors.js';
import type { Finding } from '../../../src/findings/index.js';
import type { Report } from '../../../src/report/model.js';

function finding(ruleId: string, status: Finding['status'], id: string): Finding {
  return {
    ruleId,
    title: ruleId,
    severity: 'high',
    status,
    resource: { type: 'AWS::S3::Bucket', id },
    message: 'm',
    frameworks: {},
  };
}

function report(findings: Finding[], status: 'pass' | 'fail' | 'incomplete'): Report {
  return { findings, verdict: { status } } as unknown as Report;
}

const gate = { failOn: 'info' as const, allowUnknown: false, reportFile: 'out/report.json' };

function reviewed(findings: Finding[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vf-gate-')), 'reviewed.json');
  writeFileSync(file, JSON.stringify({ findings }));
  return file;
}

describe('the verification gate', () => {
  const failing = [
    finding('VF-DATA-001', 'fail', 'app/Bucket'),
    finding('VF-DATA-002', 'pass', 'app/Bucket'),
  ];

  it('lets a passing report through', () => {
    assert.deepEqual(
      checkVerification(report([finding('VF-DATA-002', 'pass', 'app/Bucket')], 'pass'), gate),
      [],
    );
  });

  it('blocks a failing report without a reviewed one, naming the report and how to accept it', () => {
    const problems = checkVerification(report(failing, 'fail'), gate);
    assert.equal(problems.length, 1);
    assert.equal(
      problems[0]!.problem,
      'the verification is failing: 1 blocking finding(s), listed in out/report.json',
    );
    assert.match(problems[0]!.fix, /--accept-findings out\/report\.json$/);
  });

  it('blocks an incomplete report (unknown results) the same way', () => {
    const problems = checkVerification(
      report([finding('VF-NET-001', 'unknown', 'app/Sg')], 'incomplete'),
      gate,
    );
    assert.match(problems[0]!.problem, /incomplete \(unknown results\): 1 blocking/);
  });

  it('lets a failing report through when the reviewed report has exactly its findings', () => {
    const file = reviewed(failing);
    assert.deepEqual(checkVerification(report(failing, 'fail'), { ...gate, acceptFindings: file }), []);
  });

  it('blocks when a finding was added since the review, or one reviewed is gone', () => {
    const file = reviewed([finding('VF-DATA-001', 'fail', 'app/Other')]);
    const problems = checkVerification(report(failing, 'fail'), { ...gate, acceptFindings: file });
    assert.equal(problems.length, 1);
    assert.equal(
      problems[0]!.problem,
      `the reviewed report ${file} does not match the current findings; ` +
        'not reviewed: VF-DATA-001 | fail | AWS::S3::Bucket | app/Bucket | ; ' +
        'reviewed but no longer found: VF-DATA-001 | fail | AWS::S3::Bucket | app/Other | ',
    );
  });

  it('refuses a reviewed file that is not a report, naming the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vf-gate-')), 'notes.json');
    writeFileSync(file, JSON.stringify({ notes: [] }));
    assert.throws(
      () => checkVerification(report(failing, 'fail'), { ...gate, acceptFindings: file }),
      (e: unknown) =>
        e instanceof InputError && e.file === file && /expected a vectorfort JSON report/.test(e.message),
    );
  });
});

describe('changing the account needs a confirmation', () => {
  it('refuses without --yes when standard input is not a terminal', () => {
    assert.throws(() => assertMayChange('deploy', { out: 'out', failOn: 'info' }, false), /pass --yes/);
  });
  it('goes ahead with --yes, or on a terminal where it can ask', () => {
    assertMayChange('deploy', { out: 'out', failOn: 'info', yes: true }, false);
    assertMayChange('destroy', { out: 'out', failOn: 'info' }, true);
  });
});

describe('what destroy leaves behind', () => {
  it('lists the resources whose deletion policy keeps them, with their names', () => {
    const retained = retainedResources([
      {
        stackName: 'app',
        template: {
          Resources: {
            Backups: {
              Type: 'AWS::S3::Bucket',
              DeletionPolicy: 'Retain',
              Properties: { BucketName: 'backups' },
            },
            Key: { Type: 'AWS::KMS::Key', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
            Volume: { Type: 'AWS::EC2::Volume', DeletionPolicy: 'Snapshot' },
            Topic: { Type: 'AWS::SNS::Topic', DeletionPolicy: 'Delete' },
            Queue: { Type: 'AWS::SQS::Queue' },
          },
        },
      },
    ]);
    assert.deepEqual(retained, [
      { stack: 'app', logicalId: 'Backups', type: 'AWS::S3::Bucket', policy: 'Retain', name: 'backups' },
      { stack: 'app', logicalId: 'Key', type: 'AWS::KMS::Key', policy: 'Retain' },
      { stack: 'app', logicalId: 'Volume', type: 'AWS::EC2::Volume', policy: 'Snapshot' },
    ]);
  });
});

describe('the region asked for', () => {
  it('is --region first, then AWS_REGION, then AWS_DEFAULT_REGION, naming where it came from', () => {
    const options = { out: 'out', failOn: 'info' as const };
    assert.deepEqual(requestedRegion({ ...options, region: 'eu-west-1' }, { AWS_REGION: 'us-east-1' }), {
      region: 'eu-west-1',
      source: '--region',
    });
    assert.deepEqual(requestedRegion(options, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2' }), {
      region: 'us-east-1',
      source: 'AWS_REGION',
    });
    assert.deepEqual(requestedRegion(options, { AWS_DEFAULT_REGION: 'us-west-2' }), {
      region: 'us-west-2',
      source: 'AWS_DEFAULT_REGION',
    });
    assert.equal(requestedRegion(options, {}), undefined);
  });
});
