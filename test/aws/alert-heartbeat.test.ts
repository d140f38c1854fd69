import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlertHeartbeat } from '../../src/aws/alert-heartbeat.js';

type Props = Record<string, unknown>;

function synth() {
  const stack = new Stack(new App(), 'Test');
  const key = new kms.Key(stack, 'AlertingKey');
  const publisher = new iam.Role(stack, 'Alertmanager', {
    assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com'),
  });
  const critical = new sns.Topic(stack, 'Critical');
  const heartbeat = new AlertHeartbeat(stack, 'Heartbeat', {
    topicName: 'vf-alert-heartbeat',
    key,
    publisher,
    alarmTopic: critical,
  });
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as sns.CfnTopic);
  return { template: Template.fromStack(stack), stack, key, publisher, critical, heartbeat, id };
}

describe('AlertHeartbeat', () => {
  it('creates one topic, named, encrypted with the alerting key, with no subscription', () => {
    const { template, stack, key } = synth();
    const topics = Object.entries(template.findResources('AWS::SNS::Topic')).filter(
      ([, r]) => (r.Properties as Props | undefined)?.TopicName === 'vf-alert-heartbeat',
    );
    assert.equal(topics.length, 1);
    assert.deepEqual((topics[0]![1].Properties as Props).KmsMasterKeyId, {
      'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'],
    });
    assert.deepEqual(template.findResources('AWS::SNS::Subscription'), {});
  });

  it("lets only Alertmanager's role publish, over TLS", () => {
    const { template, stack, publisher, heartbeat } = synth();
    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    assert.equal(policies.length, 1);
    const doc = (policies[0]!.Properties as Props).PolicyDocument as { Statement: Props[] };
    const topicRef = { Ref: stack.getLogicalId(heartbeat.topic.node.defaultChild as sns.CfnTopic) };
    const roleArn = { 'Fn::GetAtt': [stack.getLogicalId(publisher.node.defaultChild as iam.CfnRole), 'Arn'] };
    const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));
    assert.deepEqual(bySid.AlertmanagerPublishes, {
      Sid: 'AlertmanagerPublishes',
      Effect: 'Allow',
      Principal: { AWS: roleArn },
      Action: 'sns:Publish',
      Resource: topicRef,
    });
    assert.deepEqual(bySid.OnlyAlertmanagerPublishes, {
      Sid: 'OnlyAlertmanagerPublishes',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sns:Publish',
      Resource: topicRef,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': roleArn } },
    });
    const tls = doc.Statement.find((s) => s.Effect === 'Deny' && s.Sid !== 'OnlyAlertmanagerPublishes');
    assert.deepEqual(tls?.Condition, { Bool: { 'aws:SecureTransport': 'false' } });
    assert.equal(doc.Statement.length, 3);
  });

  it('pages through the critical topic when fewer than one publish arrives in three 5-minute periods', () => {
    const { template, stack, heartbeat, critical } = synth();
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    assert.equal(alarms.length, 1);
    const p = alarms[0]!.Properties as Props;
    assert.equal(p.Namespace, 'AWS/SNS');
    assert.equal(p.MetricName, 'NumberOfMessagesPublished');
    assert.deepEqual(p.Dimensions, [
      {
        Name: 'TopicName',
        Value: {
          'Fn::GetAtt': [stack.getLogicalId(heartbeat.topic.node.defaultChild as sns.CfnTopic), 'TopicName'],
        },
      },
    ]);
    assert.equal(p.Statistic, 'Sum');
    assert.equal(p.Period, 300);
    assert.equal(p.EvaluationPeriods, 3);
    assert.equal(p.DatapointsToAlarm, 3);
    assert.equal(p.Threshold, 1);
    assert.equal(p.ComparisonOperator, 'LessThanThreshold');
    assert.equal(p.TreatMissingData, 'breaching');
    const criticalRef = { Ref: stack.getLogicalId(critical.node.defaultChild as sns.CfnTopic) };
    assert.deepEqual(p.AlarmActions, [criticalRef]);
    assert.deepEqual(p.OKActions, [criticalRef]);
  });
});
