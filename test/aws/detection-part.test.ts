import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Template } from 'aws-cdk-lib/assertions';
import {
  addDetection,
  EVENT_PATTERNS,
  TRAIL_ALARMS,
  type DetectionProps,
} from '../../src/aws/detection/index.js';
import { bareStack } from './part-helper.js';

function build(extra: (bare: ReturnType<typeof bareStack>) => Partial<DetectionProps>) {
  const bare = bareStack();
  const detection = addDetection(bare.stack, {
    name: 'demo',
    logsKey: bare.logsKey,
    accessLogBucket: bare.bucket,
    retentionDays: 365,
    ...extra(bare),
  });
  return { ...bare, detection, template: Template.fromStack(bare.stack) };
}

const spikeAlarm = (bare: ReturnType<typeof bareStack>) =>
  new cloudwatch.Alarm(bare.stack, 'WafSpike', {
    metric: new cloudwatch.Metric({ namespace: 'AWS/WAFV2', metricName: 'BlockedRequests' }),
    threshold: 1000,
    evaluationPeriods: 1,
  });

describe('detection in a bare stack', () => {
  it('builds nothing by default: no audit bucket, trail, detector, recorder, hub or routing', () => {
    const { detection, template } = build(() => ({}));
    assert.deepEqual(
      Object.values(detection).filter((part) => part !== undefined),
      [],
    );
    for (const type of [
      'AWS::CloudTrail::Trail',
      'AWS::GuardDuty::Detector',
      'AWS::Config::ConfigurationRecorder',
      'AWS::SecurityHub::Hub',
      'AWS::Events::Rule',
    ])
      assert.deepEqual(template.findResources(type), {}, type);
    assert.equal(
      Object.keys(template.findResources('AWS::S3::Bucket')).length,
      1,
      'only the given log bucket',
    );
  });

  it('routes every enabled source and the given alarms to the topics', () => {
    let alarm: cloudwatch.Alarm | undefined;
    let topics: { topic: sns.Topic; criticalTopic: sns.Topic } | undefined;
    const { detection, template, stack } = build((bare) => {
      alarm = spikeAlarm(bare);
      topics = {
        topic: new sns.Topic(bare.stack, 'Topic'),
        criticalTopic: new sns.Topic(bare.stack, 'Critical'),
      };
      return {
        cloudTrail: { dataEventBuckets: [bare.bucket] },
        guardDuty: {
          vpc: bare.vpc,
          endpointSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
          endpointSecurityGroup: bare.securityGroup,
          clusterName: 'demo',
          agentAfter: [],
        },
        config: { albWaf: true, authorizedTcpPorts: [443] },
        securityHub: true,
        inspector: true,
        alerting: topics,
        alarms: [alarm],
      };
    });
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'demo-audit',
      IsMultiRegionTrail: true,
    });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'demo-alb-waf-enabled',
      Source: { Owner: 'AWS', SourceIdentifier: 'ALB_WAF_ENABLED' },
    });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { Owner: 'AWS', SourceIdentifier: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS' },
      InputParameters: { authorizedTcpPorts: '443' },
    });
    assert.equal(detection.routing?.rules.length, Object.keys(EVENT_PATTERNS).length);
    const topicRef = { Ref: stack.getLogicalId(topics!.topic.node.defaultChild as never) };
    const given = template.toJSON().Resources[stack.getLogicalId(alarm!.node.defaultChild as never)];
    assert.deepEqual(given.Properties.AlarmActions, [topicRef]);
    assert.equal(Object.keys(detection.trail!.alarms).length, Object.keys(TRAIL_ALARMS).length);
  });

  it('acknowledges the missing alarm action on the given alarms when alerting is off', () => {
    let alarm: cloudwatch.Alarm | undefined;
    const { template, stack } = build((bare) => {
      alarm = spikeAlarm(bare);
      return { alarms: [alarm] };
    });
    const given = template.toJSON().Resources[stack.getLogicalId(alarm!.node.defaultChild as never)];
    assert.equal(given.Properties.AlarmActions, undefined);
    const acknowledged = alarm!.node.metadata.filter(
      (m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
    );
    assert.ok(acknowledged.length > 0);
    assert.match(JSON.stringify(acknowledged), /NIST\.800\.53\.R5-CloudWatchAlarmAction/);
  });
});
