import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Alerting, NOTIFIER_RUNTIME, type AlertingProps } from '../../src/aws/alerting.js';
import { NOTIFIER_ENV } from '../../src/notifier/env.js';
import { bareStack, keyPolicySids, onlyResource, type BareStack } from './part-helper.js';

function build(extra: Partial<AlertingProps> = {}): BareStack & { alerting: Alerting; template: Template } {
  const bare = bareStack();
  // GIVEN only what the part needs: keys, a network placement and a name
  const alerting = new Alerting(bare.stack, 'Alerting', {
    name: 'demo',
    key: bare.key,
    logsKey: bare.logsKey,
    vpc: bare.vpc,
    subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroup: bare.securityGroup,
    ...extra,
  });
  return { ...bare, alerting, template: Template.fromStack(bare.stack) };
}

describe('Alerting in a bare stack', () => {
  const defaults = build();

  it('creates the two topics, encrypted with the alerting key and named after the part', () => {
    const { template, stack, key } = defaults;
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'] };
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'demo-security-events',
      KmsMasterKeyId: keyArn,
    });
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'demo-security-events-critical',
      KmsMasterKeyId: keyArn,
    });
  });

  it('runs the notifier with the documented defaults: 2 reserved, 15-minute window, burst 10, no tracing', () => {
    const fn = onlyResource(defaults.template, 'AWS::Lambda::Function');
    assert.equal(fn.Runtime, NOTIFIER_RUNTIME.name);
    assert.equal(fn.ReservedConcurrentExecutions, 2);
    assert.equal(fn.TracingConfig, undefined);
    const env = fn.Environment.Variables as Record<string, unknown>;
    assert.equal(env[NOTIFIER_ENV.dedupWindowSeconds], '900');
    assert.equal(env[NOTIFIER_ENV.burstThreshold], '10');
    assert.equal(env[NOTIFIER_ENV.chatSecretId], 'demo/alerts/chat-webhook');
    assert.equal(env[NOTIFIER_ENV.pagingSecretId], 'demo/alerts/paging-webhook');
    assert.deepEqual(fn.VpcConfig.SecurityGroupIds, [
      {
        'Fn::GetAtt': [
          defaults.stack.getLogicalId(defaults.securityGroup.node.defaultChild as never),
          'GroupId',
        ],
      },
    ]);
  });

  it('creates both webhook secrets by default and keeps the notifier log group a year', () => {
    const names = Object.values(defaults.template.findResources('AWS::SecretsManager::Secret')).map(
      (r) => (r as { Properties: { Name: string } }).Properties.Name,
    );
    assert.deepEqual(names.sort(), ['demo/alerts/chat-webhook', 'demo/alerts/paging-webhook']);
    defaults.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/vectorfort/demo/notifier',
      RetentionInDays: 365,
    });
  });

  it('adds its key-policy statements to the alerting key, in one place and in order', () => {
    const { template, stack, key, logsKey } = defaults;
    const added = keyPolicySids(template, stack, key).filter((sid) => sid !== '');
    assert.deepEqual(added, [
      'SnsDeadLettersOfThisAccount',
      'DynamoDbTablesOfThisAccount',
      'WebhookSecretsThroughSecretsManager',
      'NotifierThroughItsServices',
      'LambdaEnvironmentEncryption',
    ]);
    assert.ok(keyPolicySids(template, stack, logsKey).includes('CloudWatchLogsvectorfortdemonotifier'));
  });

  it('subscribes the notifier to both topics', () => {
    const subscriptions = Object.values(defaults.template.findResources('AWS::SNS::Subscription'));
    assert.equal(subscriptions.length, 2);
    for (const s of subscriptions)
      assert.equal((s as { Properties: { Protocol: string } }).Properties.Protocol, 'lambda');
  });

  it('references existing secrets by name (ARN suffix wildcard) when told not to create them', () => {
    const { template, stack, key } = build({
      createSecrets: false,
      chatWebhookSecretName: 'ops/chat',
      pagingWebhookSecretName: 'ops/pager',
    });
    assert.deepEqual(template.findResources('AWS::SecretsManager::Secret'), {});
    assert.ok(!keyPolicySids(template, stack, key).includes('WebhookSecretsThroughSecretsManager'));
    const policy = onlyResource(template, 'AWS::IAM::ManagedPolicy');
    const read = (policy.PolicyDocument.Statement as { Sid: string; Resource: unknown[] }[]).find(
      (s) => s.Sid === 'ReadWebhookUrls',
    )!;
    assert.equal(read.Resource.length, 2);
    assert.match(JSON.stringify(read.Resource), /secret:ops\/chat-\?\?\?\?\?\?/);
  });

  it('takes tracing, concurrency, window and pager subscriptions from its props', () => {
    const { template } = build({
      tracing: true,
      reservedConcurrency: 5,
      burstThreshold: 3,
      pagerSubscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 5,
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: Match.objectLike({ [NOTIFIER_ENV.burstThreshold]: '3' }) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });
});
