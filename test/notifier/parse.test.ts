import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedEventError } from '../../src/notifier/events.js';
import { parseMessage } from '../../src/notifier/parse.js';
import {
  ACCOUNT,
  REGION,
  configComplianceChange,
  directAlarm,
  guardDutyFinding,
  securityHubFindings,
  wafAlarmStateChange,
} from './fixtures.js';

const ctx = { topicRegion: REGION };
const parse = (m: unknown) => parseMessage(typeof m === 'string' ? m : JSON.stringify(m), ctx).events;

describe('parseMessage', () => {
  it('reads a GuardDuty finding: high severity is critical, the workload is the resource', () => {
    const [e] = parse(guardDutyFinding({ severity: 8 }));
    assert.equal(e!.kind, 'guardduty');
    assert.equal(e!.tier, 'critical');
    assert.equal(e!.severity, 'HIGH (8.0)');
    assert.equal(e!.account, ACCOUNT);
    assert.equal(e!.region, REGION);
    assert.equal(e!.resource, 'EKSCluster weaviate/weaviate-0 in cluster weaviate');
    assert.match(
      e!.consoleUrl ?? '',
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/guardduty\/home\?region=eu-west-1#\/findings\?macros=current&fId=5ec1/,
    );
    assert.deepEqual(
      e!.fields.map((f) => f.name),
      ['Finding type', 'Action', 'Count', 'First seen', 'Last seen'],
    );
    assert.equal(e!.fingerprint, `guardduty:${ACCOUNT}:${REGION}:5ec1a2b3c4d5e6f7a8b9c0d1e2f3a4b5`);
  });

  it('tiers GuardDuty by its bands: medium is a warning, 7 and above critical', () => {
    assert.equal(parse(guardDutyFinding({ severity: 5.5 }))[0]!.tier, 'warning');
    assert.equal(parse(guardDutyFinding({ severity: 5.5 }))[0]!.severity, 'MEDIUM (5.5)');
    assert.equal(parse(guardDutyFinding({ severity: 7 }))[0]!.tier, 'critical');
    assert.equal(parse(guardDutyFinding({ severity: 9.2 }))[0]!.severity, 'CRITICAL (9.2)');
  });

  it('gives an updated GuardDuty finding the same fingerprint (GuardDuty updates findings in place)', () => {
    const a = parse(guardDutyFinding({ severity: 8 }))[0]!;
    const b = parse(guardDutyFinding({ severity: 8, title: 'updated' }))[0]!;
    assert.equal(a.fingerprint, b.fingerprint);
  });

  it('reads every finding of a Security Hub event, tiering CRITICAL and HIGH as critical', () => {
    const events = parse(securityHubFindings(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']));
    assert.deepEqual(
      events.map((e) => [e.kind, e.tier, e.severity]),
      [
        ['security-hub', 'critical', 'CRITICAL'],
        ['security-hub', 'critical', 'HIGH'],
        ['security-hub', 'warning', 'MEDIUM'],
        ['security-hub', 'warning', 'LOW'],
      ],
    );
    const [first] = events;
    assert.equal(first!.resource, `AwsS3Bucket arn:aws:s3:::weaviate-backups-${ACCOUNT}-${REGION}`);
    assert.ok(first!.fields.some((f) => f.name === 'Control' && f.value === 'S3.8'));
    assert.equal(first!.remediationUrl, 'https://docs.aws.amazon.com/console/securityhub/S3.8/remediation');
    assert.ok(!first!.fields.some((f) => f.name === 'Remediation'));
    assert.match(first!.consoleUrl ?? '', /\/securityhub\/home\?region=eu-west-1#\/findings\?search=Id%3D/);
    assert.equal(new Set(events.map((e) => e.fingerprint)).size, 4);
  });

  it('reads a Config compliance change as a warning, and a return to compliance as resolved', () => {
    const [bad] = parse(configComplianceChange('NON_COMPLIANT'));
    assert.equal(bad!.kind, 'config');
    assert.equal(bad!.tier, 'warning');
    assert.equal(bad!.resolved, false);
    assert.equal(
      bad!.title,
      'AWS::EC2::SecurityGroup sg-0123456789abcdef0 is NON_COMPLIANT with vpc-sg-open-only-to-authorized-ports',
    );
    assert.deepEqual(
      bad!.fields.find((f) => f.name === 'Compliance'),
      { name: 'Compliance', value: 'COMPLIANT → NON_COMPLIANT' },
    );
    assert.match(
      bad!.consoleUrl ?? '',
      /\/config\/home\?region=eu-west-1#\/rules\/details\?configRuleName=vpc-sg-open-only-to-authorized-ports$/,
    );
    const [good] = parse(configComplianceChange('COMPLIANT'));
    assert.equal(good!.resolved, true);
    assert.notEqual(good!.fingerprint, bad!.fingerprint);
  });

  it('reads an alarm action message (CloudTrail metric-filter alarm)', () => {
    const [e] = parse(directAlarm('ALARM'));
    assert.equal(e!.kind, 'alarm');
    assert.equal(e!.tier, 'warning');
    assert.equal(e!.region, REGION, 'the region comes from the alarm ARN, not the display name');
    assert.equal(e!.title, 'Metric alarm weaviate-console-signin-without-mfa is in state ALARM');
    assert.ok(
      e!.fields.some(
        (f) => f.name === 'Metric' && f.value === 'vectorfort/CloudTrail / ConsoleSignInWithoutMfa',
      ),
    );
    assert.ok(e!.fields.some((f) => f.name === 'Threshold' && f.value === 'GreaterThanOrEqualToThreshold 1'));
    assert.match(
      e!.consoleUrl ?? '',
      /\/cloudwatch\/home\?region=eu-west-1#alarmsV2:alarm\/weaviate-console-signin-without-mfa$/,
    );
    assert.equal(parse(directAlarm('OK'))[0]!.resolved, true);
  });

  it('reads the WAF blocked-requests alarm from EventBridge, naming the web ACL', () => {
    const [e] = parse(wafAlarmStateChange('ALARM'));
    assert.equal(e!.kind, 'alarm');
    assert.equal(e!.resource, 'WAF web ACL weaviate-edge');
    assert.equal(e!.title, 'WAF alarm weaviate-waf-blocked-spike is in state ALARM');
    assert.ok(e!.fields.some((f) => f.name === 'Metric' && f.value === 'AWS/WAFV2 / BlockedRequests'));
    assert.ok(e!.fields.some((f) => f.name === 'State' && f.value === 'OK → ALARM'));
  });

  it('gives an alarm transition the same fingerprint whichever way it arrives', () => {
    const direct = parse({ ...directAlarm('ALARM', 'weaviate-waf-blocked-spike') })[0]!;
    const viaEvents = parse(wafAlarmStateChange('ALARM'))[0]!;
    assert.equal(direct.fingerprint, viaEvents.fingerprint);
  });

  const malformed: [string, unknown, RegExp][] = [
    ['text that is not JSON', 'hello', /not JSON/],
    ['a JSON array', '[1,2]', /not a JSON object/],
    ['an object of no known shape', { hello: 'world' }, /neither an EventBridge event/],
    [
      'an event from another source',
      { ...guardDutyFinding(), source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification' },
      /unsupported source/,
    ],
    [
      'a GuardDuty finding without a severity',
      (() => {
        const f = guardDutyFinding();
        delete (f.detail as Record<string, unknown>).severity;
        return f;
      })(),
      /GuardDuty finding: severity/,
    ],
    ['a GuardDuty severity out of range', guardDutyFinding({ severity: 42 }), /GuardDuty finding: severity/],
    [
      'a Security Hub event without findings',
      { ...securityHubFindings(), detail: { findings: [] } },
      /Security Hub event: findings/,
    ],
    [
      'a Security Hub finding with an unknown label',
      securityHubFindings(['URGENT']),
      /Security Hub finding 0: Severity.Label/,
    ],
    [
      'a Config change without its rule',
      { ...configComplianceChange(), detail: { awsRegion: REGION } },
      /Config compliance change: configRuleName/,
    ],
    [
      'an alarm message without an account',
      (() => {
        const a: Record<string, unknown> = directAlarm();
        delete a.AWSAccountId;
        return a;
      })(),
      /CloudWatch alarm message: AWSAccountId/,
    ],
    [
      'an envelope without an account',
      (() => {
        const e: Record<string, unknown> = wafAlarmStateChange();
        delete e.account;
        return e;
      })(),
      /EventBridge event: account/,
    ],
  ];
  for (const [name, message, reason] of malformed)
    it(`rejects ${name} with a reason naming the path`, () => {
      assert.throws(
        () => parse(message),
        (error: unknown) => error instanceof MalformedEventError && reason.test(error.reason),
      );
    });

  it('never quotes message content in the reason', () => {
    const secretish = {
      ...guardDutyFinding(),
      detail: { ...guardDutyFinding().detail, severity: 'hunter2-password' },
    };
    assert.throws(
      () => parse(secretish),
      (error: unknown) => error instanceof MalformedEventError && !error.reason.includes('hunter2'),
    );
  });

  it('links to an alarm whose name is not well-formed UTF-16, instead of failing on it', () => {
    const [e] = parse(directAlarm('ALARM', 'weaviate-\ud800-alarm'));
    assert.match(e!.consoleUrl ?? '', /#alarmsV2:alarm\/weaviate-%EF%BF%BD-alarm$/);
  });
});
