import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { alarmOnDeadLetters } from '../../src/aws/private/dead-letter-alarm.js';

describe('alarmOnDeadLetters', () => {
  it('alarms on the first visible dead letter and notifies the critical topic', () => {
    // GIVEN a queue and a topic
    const stack = new Stack(new App(), 'Test');
    const queue = new sqs.Queue(stack, 'Queue');
    const topic = new sns.Topic(stack, 'Critical');
    // WHEN
    alarmOnDeadLetters(stack, queue, topic);
    // THEN exactly one alarm, on the queue's visible messages, with the topic as its only action
    const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
    assert.equal(alarms.length, 1);
    const p = alarms[0]!.Properties as Record<string, unknown>;
    assert.equal(p.Namespace, 'AWS/SQS');
    assert.equal(p.MetricName, 'ApproximateNumberOfMessagesVisible');
    assert.deepEqual(p.Dimensions, [
      {
        Name: 'QueueName',
        Value: { 'Fn::GetAtt': [stack.getLogicalId(queue.node.defaultChild as sqs.CfnQueue), 'QueueName'] },
      },
    ]);
    assert.equal(p.Statistic, 'Maximum');
    assert.equal(p.Period, 300);
    assert.equal(p.EvaluationPeriods, 1);
    assert.equal(p.Threshold, 1);
    assert.equal(p.ComparisonOperator, 'GreaterThanOrEqualToThreshold');
    assert.equal(p.TreatMissingData, 'notBreaching');
    assert.deepEqual(p.AlarmActions, [{ Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) }]);
    assert.equal(p.OKActions, undefined);
  });
});
