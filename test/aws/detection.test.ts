import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { parse } from 'yaml';
import { EVENT_PATTERNS, SecurityEventRouting, TRAIL_ALARMS } from '../../src/aws/detection/index.js';
import { resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const example = (name: string) =>
  parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const props = (r: CfnResource) => r.Properties as Record<string, any>;
const { json } = synth();
const publicAlb = synth(example('public-alb.yaml')).json;
const viaCloudFront = synth(example('cloudfront.yaml')).json;
const bare = synth({
  detection: {
    cloudTrail: { enabled: false, providedBy: 'the organisation trail' },
    guardDuty: { enabled: false, providedBy: 'the delegated administrator' },
    config: { enabled: false, providedBy: 'the landing zone recorder' },
  },
}).json;

function one(t: CfnTemplate, type: string): [string, CfnResource] {
  const found = resourcesOf(t, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0]!;
}

const BASE_RULES = [
  'CLOUD_TRAIL_ENABLED',
  'CMK_BACKING_KEY_ROTATION_ENABLED',
  'EKS_ENDPOINT_NO_PUBLIC_ACCESS',
  'EKS_SECRETS_ENCRYPTED',
  'INCOMING_SSH_DISABLED',
  'RESTRICTED_INCOMING_TRAFFIC',
  'S3_BUCKET_PUBLIC_READ_PROHIBITED',
  'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
  'S3_BUCKET_SSL_REQUESTS_ONLY',
  'VPC_FLOW_LOGS_ENABLED',
  'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
];
const configRules = (t: CfnTemplate) => resourcesOf(t, 'AWS::Config::ConfigRule').map(([, r]) => props(r));

describe('detection: CloudTrail (production default)', () => {
  const [, trail] = one(json, 'AWS::CloudTrail::Trail');
  const p = props(trail);

  it('is multi-region, validated, KMS-encrypted and delivered to CloudWatch Logs', () => {
    assert.equal(p.IsMultiRegionTrail, true);
    assert.equal(p.IncludeGlobalServiceEvents, true);
    assert.equal(p.EnableLogFileValidation, true);
    assert.equal(p.IsLogging, true);
    assert.ok(JSON.stringify(p.KMSKeyId).includes('KeysLogs'), 'the logs key');
    const groupId = p.CloudWatchLogsLogGroupArn['Fn::GetAtt'][0] as string;
    assert.ok(props(json.Resources[groupId]!).KmsKeyId);
  });

  it('records S3 data events for the backup bucket', () => {
    const values = JSON.stringify(p.EventSelectors);
    assert.match(values, /AWS::S3::Object/);
    assert.match(values, /BackupsBucket/);
  });

  it('writes to a KMS-encrypted, versioned, private audit bucket', () => {
    const [, bucket] = resourcesOf(json, 'AWS::S3::Bucket').find(([id]) => id === p.S3BucketName.Ref)!;
    const b = props(bucket);
    assert.equal(
      b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
      'aws:kms',
    );
    assert.equal(b.VersioningConfiguration.Status, 'Enabled');
    assert.deepEqual(Object.values(b.PublicAccessBlockConfiguration), [true, true, true, true]);
  });

  it('alarms on AccessDenied bursts, console sign-in without MFA and root activity', () => {
    const filters = resourcesOf(json, 'AWS::Logs::MetricFilter').map(([, r]) => props(r));
    for (const spec of Object.values(TRAIL_ALARMS))
      assert.ok(
        filters.some((f) => f.FilterPattern === spec.pattern),
        spec.description,
      );
    assert.ok(
      filters.some(
        (f) => /AccessDenied/.test(f.FilterPattern) && /UnauthorizedOperation/.test(f.FilterPattern),
      ),
    );
    assert.ok(filters.some((f) => /MFAUsed != "Yes"/.test(f.FilterPattern)));
    const alarms = resourcesOf(json, 'AWS::CloudWatch::Alarm').map(([, r]) => props(r));
    for (const name of Object.keys(TRAIL_ALARMS))
      assert.ok(
        alarms.some((a) => a.MetricName === name),
        name,
      );
  });
});

describe('detection: GuardDuty', () => {
  it('enables EKS audit logs, EKS runtime monitoring and S3 protection, and installs the agent', () => {
    const [, detector] = one(json, 'AWS::GuardDuty::Detector');
    const features = Object.fromEntries(
      (props(detector).Features as { Name: string; Status: string }[]).map((f) => [f.Name, f.Status]),
    );
    assert.deepEqual(features, {
      EKS_AUDIT_LOGS: 'ENABLED',
      EKS_RUNTIME_MONITORING: 'ENABLED',
      S3_DATA_EVENTS: 'ENABLED',
    });
    assert.equal(props(detector).Enable, true);
    assert.ok(
      resourcesOf(json, 'AWS::EKS::Addon').some(([, a]) => props(a).AddonName === 'aws-guardduty-agent'),
    );
    assert.ok(
      resourcesOf(json, 'AWS::EC2::VPCEndpoint').some(([, e]) =>
        JSON.stringify(props(e).ServiceName).includes('guardduty-data'),
      ),
    );
  });
});

describe('detection: AWS Config', () => {
  it('records every resource type and delivers to the audit bucket with KMS', () => {
    const [, recorder] = one(json, 'AWS::Config::ConfigurationRecorder');
    assert.deepEqual(props(recorder).RecordingGroup, {
      AllSupported: true,
      IncludeGlobalResourceTypes: true,
    });
    const [, channel] = one(json, 'AWS::Config::DeliveryChannel');
    assert.ok(props(channel).S3KmsKeyArn);
    assert.equal(props(channel).S3KeyPrefix, 'config');
  });

  it('watches what the architecture promises (ALB_WAF_ENABLED only with an ALB web ACL)', () => {
    const ids = (t: CfnTemplate) =>
      configRules(t)
        .map((r) => r.Source.SourceIdentifier)
        .sort();
    assert.deepEqual(ids(json), BASE_RULES);
    assert.deepEqual(ids(publicAlb), [...BASE_RULES, 'ALB_WAF_ENABLED'].sort());
    assert.deepEqual(ids(viaCloudFront), BASE_RULES);
    const open = configRules(publicAlb).find(
      (r) => r.Source.SourceIdentifier === 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
    )!;
    assert.deepEqual(open.InputParameters, { authorizedTcpPorts: '80,443' });
    assert.ok(configRules(json).every((r) => r.Source.Owner === 'AWS'));
  });
});

describe('detection: Security Hub and switches', () => {
  it('enables Security Hub with FSBP only on opt-in', () => {
    assert.equal(resourcesOf(json, 'AWS::SecurityHub::Hub').length, 0);
    one(viaCloudFront, 'AWS::SecurityHub::Hub');
    const [, standard] = one(viaCloudFront, 'AWS::SecurityHub::Standard');
    assert.match(props(standard).StandardsArn, /aws-foundational-security-best-practices\/v\/1\.0\.0$/);
  });

  it('builds none of them when turned off', () => {
    for (const type of [
      'AWS::CloudTrail::Trail',
      'AWS::GuardDuty::Detector',
      'AWS::Config::ConfigurationRecorder',
      'AWS::Config::ConfigRule',
    ])
      assert.equal(resourcesOf(bare, type).length, 0, type);
  });
});

describe('detection: event routing', () => {
  const stack = new Stack(new App(), 'Routing');
  const topic = new sns.Topic(stack, 'Topic');
  const criticalTopic = new sns.Topic(stack, 'Critical');
  const metric = new cloudwatch.Metric({ namespace: 'x', metricName: 'y', period: Duration.minutes(5) });
  const warning = new cloudwatch.Alarm(stack, 'Warning', { metric, threshold: 1, evaluationPeriods: 1 });
  const critical = new cloudwatch.Alarm(stack, 'CriticalAlarm', {
    metric,
    threshold: 1,
    evaluationPeriods: 1,
  });
  new SecurityEventRouting(stack, 'Routing', {
    alerting: { topic, criticalTopic },
    sources: { config: true, guardDuty: true, securityHub: true, inspector: true },
    alarms: [
      { alarm: warning, critical: false },
      { alarm: critical, critical: true },
    ],
  });
  const template = Template.fromStack(stack).toJSON() as CfnTemplate;
  const rules = resourcesOf(template, 'AWS::Events::Rule').map(([, r]) => props(r));
  const topicId = stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic);
  const criticalId = stack.getLogicalId(criticalTopic.node.defaultChild as sns.CfnTopic);
  const targetsOf = (rule: { Targets?: unknown }) =>
    (rule.Targets as { Arn: { Ref: string } }[]).map((t) => t.Arn.Ref).sort();

  it('sends Config non-compliance and GuardDuty medium+ findings to the chat topic', () => {
    const config = rules.find((r) => r.EventPattern.source[0] === 'aws.config')!;
    assert.deepEqual(config.EventPattern.detail.newEvaluationResult.complianceType, ['NON_COMPLIANT']);
    assert.deepEqual(targetsOf(config), [topicId]);
    const medium = rules.find((r) => JSON.stringify(r.EventPattern).includes('">=",4'))!;
    assert.deepEqual(medium.EventPattern.detail.severity, [{ numeric: ['>=', 4] }]);
    assert.deepEqual(targetsOf(medium), [topicId]);
  });

  it('pages on GuardDuty high and Security Hub critical findings', () => {
    const high = rules.find((r) => JSON.stringify(r.EventPattern).includes('">=",7'))!;
    assert.deepEqual(targetsOf(high), [criticalId]);
    const hub = rules.find((r) => r.EventPattern.source[0] === 'aws.securityhub')!;
    assert.deepEqual(hub.EventPattern.detail.findings.Severity.Label, ['CRITICAL']);
    assert.deepEqual(targetsOf(hub), [criticalId, topicId].sort());
    assert.equal(rules.length, Object.keys(EVENT_PATTERNS).length);
  });

  it('sends high and critical Inspector findings to chat, and pages on critical ones', () => {
    const inspector = rules.filter((r) => r.EventPattern.source[0] === 'aws.inspector2');
    assert.deepEqual(
      inspector.map((r) => [r.EventPattern.detail.severity, r.EventPattern.detail.status, targetsOf(r)]),
      [
        [['HIGH', 'CRITICAL'], ['ACTIVE'], [topicId]],
        [['CRITICAL'], ['ACTIVE'], [criticalId]],
      ],
    );
  });

  it('notifies the alarms: warnings to chat, critical ones to both topics', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([id, r]) => [id, props(r)] as const);
    const actionsOf = (prefix: string) =>
      (alarms.find(([id]) => id.startsWith(prefix))![1].AlarmActions as { Ref: string }[])
        .map((a) => a.Ref)
        .sort();
    assert.deepEqual(actionsOf('Warning'), [topicId]);
    assert.deepEqual(actionsOf('CriticalAlarm'), [criticalId, topicId].sort());
  });
});
