import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { NOTIFIER_ENV } from '../../src/notifier/env.js';
import { logicalIdAt, resourcesOf, subnetsOfTier, synth, type CfnTemplate } from './synth-helper.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const ACCOUNT = '111111111111';

function props(json: CfnTemplate, path: string): Record<string, unknown> {
  return json.Resources[logicalIdAt(json, path)]!.Properties!;
}

function alertingKeyId(json: CfnTemplate): string {
  const [, alias] = resourcesOf(json, 'AWS::KMS::Alias').find(
    ([, r]) => r.Properties!.AliasName === 'alias/weaviate/alerting',
  )!;
  return (alias.Properties!.TargetKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
}

function keyStatements(json: CfnTemplate, keyId: string): Statement[] {
  return (json.Resources[keyId]!.Properties!.KeyPolicy as { Statement: Statement[] }).Statement;
}

describe('alerting', () => {
  const { json, template, result } = synth();
  const keyId = alertingKeyId(json);
  const topicId = logicalIdAt(json, '/Alerting/SecurityEvents/Resource');
  const criticalId = logicalIdAt(json, '/Alerting/CriticalSecurityEvents/Resource');
  const queueId = logicalIdAt(json, '/Alerting/NotifierDeadLetters/Resource');
  const functionId = logicalIdAt(json, '/Alerting/Notifier/Resource');
  const roleId = logicalIdAt(json, '/Alerting/NotifierRole/Resource');

  it('creates two topics encrypted with the alerting key', () => {
    assert.deepEqual(props(json, '/Alerting/SecurityEvents/Resource').KmsMasterKeyId, {
      'Fn::GetAtt': [keyId, 'Arn'],
    });
    assert.deepEqual(props(json, '/Alerting/CriticalSecurityEvents/Resource').KmsMasterKeyId, {
      'Fn::GetAtt': [keyId, 'Arn'],
    });
    assert.equal(props(json, '/Alerting/SecurityEvents/Resource').TopicName, 'weaviate-security-events');
    assert.equal(
      props(json, '/Alerting/CriticalSecurityEvents/Resource').TopicName,
      'weaviate-security-events-critical',
    );
  });

  for (const [name, path, id] of [
    ['topic', '/Alerting/SecurityEvents/Policy/Resource', () => topicId],
    ['critical topic', '/Alerting/CriticalSecurityEvents/Policy/Resource', () => criticalId],
  ] as const)
    it(`lets only EventBridge and CloudWatch of this account publish to the ${name}, over TLS only`, () => {
      const policy = props(json, path);
      assert.deepEqual(policy.Topics, [{ Ref: id() }]);
      const statements = (policy.PolicyDocument as { Statement: Statement[] }).Statement;
      const allows = statements.filter((s) => s.Effect === 'Allow');
      assert.deepEqual(
        allows.map((s) => [s.Principal, actions(s), s.Condition]),
        [
          [
            { Service: 'events.amazonaws.com' },
            ['sns:Publish'],
            { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          ],
          [
            { Service: 'cloudwatch.amazonaws.com' },
            ['sns:Publish'],
            { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          ],
        ],
      );
      const deny = statements.filter((s) => s.Effect === 'Deny');
      assert.equal(deny.length, 1);
      assert.deepEqual(deny[0]!.Condition, { Bool: { 'aws:SecureTransport': 'false' } });
      assert.deepEqual(actions(deny[0]!), ['sns:Publish']);
    });

  it('subscribes the notifier to both topics, with the dead-letter queue behind each subscription', () => {
    const lambdaSubscriptions = resourcesOf(json, 'AWS::SNS::Subscription').filter(
      ([, r]) => r.Properties!.Protocol === 'lambda',
    );
    assert.deepEqual(
      lambdaSubscriptions.map(([, r]) => (r.Properties!.TopicArn as { Ref: string }).Ref).sort(),
      [criticalId, topicId].sort(),
    );
    for (const [, r] of lambdaSubscriptions) {
      assert.deepEqual(r.Properties!.Endpoint, { 'Fn::GetAtt': [functionId, 'Arn'] });
      assert.deepEqual(r.Properties!.RedrivePolicy, {
        deadLetterTargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      });
    }
  });

  it('runs the notifier in the application tier with its own flow-generated security group', () => {
    const fn = props(json, '/Alerting/Notifier/Resource');
    const vpc = fn.VpcConfig as { SubnetIds: { Ref: string }[]; SecurityGroupIds: unknown[] };
    assert.deepEqual(vpc.SubnetIds.map((s) => s.Ref).sort(), subnetsOfTier(json, 'application').sort());
    const sgId = logicalIdAt(json, '/Network/SecurityGroups/Notifier/Resource');
    assert.deepEqual(vpc.SecurityGroupIds, [{ 'Fn::GetAtt': [sgId, 'GroupId'] }]);
    const sg = json.Resources[sgId]!.Properties!;
    // Egress: 443 only, to the interface endpoints and (through NAT) the webhooks; no ingress at all.
    const egress = [
      ...((sg.SecurityGroupEgress as Record<string, unknown>[] | undefined) ?? []),
      ...resourcesOf(json, 'AWS::EC2::SecurityGroupEgress')
        .filter(([, r]) => JSON.stringify(r.Properties!.GroupId).includes(sgId))
        .map(([, r]) => r.Properties!),
    ];
    assert.ok(egress.length >= 2, JSON.stringify(egress));
    for (const rule of egress) {
      assert.equal(rule.IpProtocol, 'tcp');
      assert.equal(rule.FromPort, 443);
      assert.equal(rule.ToPort, 443);
    }
    assert.ok(egress.some((r) => r.CidrIp === '0.0.0.0/0'));
    const ingress = resourcesOf(json, 'AWS::EC2::SecurityGroupIngress').filter(([, r]) =>
      JSON.stringify(r.Properties!.GroupId).includes(sgId),
    );
    assert.deepEqual(ingress, []);
    assert.equal(sg.SecurityGroupIngress, undefined);
  });

  it('configures the function: runtime, reserved concurrency, encrypted environment, DLQ, retries, logs', () => {
    const fn = props(json, '/Alerting/Notifier/Resource');
    assert.equal(fn.Runtime, 'nodejs24.x');
    assert.equal(fn.Handler, 'index.handler');
    assert.equal(fn.ReservedConcurrentExecutions, 2);
    assert.deepEqual(fn.KmsKeyArn, { 'Fn::GetAtt': [keyId, 'Arn'] });
    assert.deepEqual(fn.DeadLetterConfig, { TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    assert.deepEqual(fn.TracingConfig, undefined);
    assert.ok((fn.Timeout as number) >= 60);
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    assert.equal(env[NOTIFIER_ENV.chatSecretId], 'weaviate/alerts/chat-webhook');
    assert.equal(env[NOTIFIER_ENV.pagingSecretId], 'weaviate/alerts/paging-webhook');
    assert.deepEqual(env[NOTIFIER_ENV.deadLetterQueueUrl], { Ref: queueId });
    assert.deepEqual(env[NOTIFIER_ENV.criticalTopicArn], { Ref: criticalId });
    assert.equal(env[NOTIFIER_ENV.dedupWindowSeconds], '900');
    assert.equal(env[NOTIFIER_ENV.burstThreshold], '10');
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 2,
    });
    const logGroupId = logicalIdAt(json, '/Alerting/NotifierLogs/Resource');
    assert.deepEqual(fn.LoggingConfig, { LogGroup: { Ref: logGroupId } });
    const logGroup = json.Resources[logGroupId]!.Properties!;
    assert.equal(logGroup.LogGroupName, '/vectorfort/weaviate/notifier');
    assert.equal(logGroup.RetentionInDays, 365);
    assert.ok(JSON.stringify(logGroup.KmsKeyId).includes('KeysLogs'));
    assert.ok(
      !resourcesOf(json, 'AWS::Logs::LogGroup').some(([, r]) =>
        JSON.stringify(r.Properties?.LogGroupName ?? '').includes(functionId),
      ),
    );
  });

  it('ships a bundled handler in the asset', () => {
    const fn = props(json, '/Alerting/Notifier/Resource');
    const key = (fn.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const dir = join(result.assemblyDir, `asset.${key}`);
    assert.ok(existsSync(join(dir, 'index.js')), dir);
    assert.ok(existsSync(join(dir, 'index.js.map')));
  });

  it('encrypts the dead-letter queue with the alerting key and refuses plain HTTP', () => {
    const queue = props(json, '/Alerting/NotifierDeadLetters/Resource');
    assert.deepEqual(queue.KmsMasterKeyId, { 'Fn::GetAtt': [keyId, 'Arn'] });
    assert.equal(queue.MessageRetentionPeriod, 14 * 24 * 3600);
    const policy = resourcesOf(json, 'AWS::SQS::QueuePolicy').find(([, r]) =>
      JSON.stringify(r.Properties!.Queues).includes(queueId),
    )![1];
    const statements = (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement;
    assert.ok(
      statements.some(
        (s) =>
          s.Effect === 'Deny' && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}',
      ),
    );
    // SNS may dead-letter into it, only from the two topics.
    const sns = statements.filter((s) => JSON.stringify(s.Principal) === '{"Service":"sns.amazonaws.com"}');
    assert.deepEqual(
      sns.map((s) => JSON.stringify(s.Condition)).sort(),
      [topicId, criticalId].map((t) => JSON.stringify({ ArnEquals: { 'aws:SourceArn': { Ref: t } } })).sort(),
    );
  });

  it('keeps dedup state in a DynamoDB table with TTL, encrypted with the alerting key', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('creates both webhook secrets as empty placeholders encrypted with the alerting key, retained', () => {
    const secrets = resourcesOf(json, 'AWS::SecretsManager::Secret').filter(([, r]) =>
      String(r.Metadata?.['aws:cdk:path']).startsWith('vectorfort-weaviate/Alerting/'),
    );
    assert.deepEqual(secrets.map(([, r]) => r.Properties!.Name).sort(), [
      'weaviate/alerts/chat-webhook',
      'weaviate/alerts/paging-webhook',
    ]);
    for (const [id, r] of secrets) {
      assert.equal(r.Properties!.SecretString, '{"url":""}');
      assert.deepEqual(r.Properties!.KmsKeyId, { 'Fn::GetAtt': [keyId, 'Arn'] });
      assert.equal((json.Resources[id] as { DeletionPolicy?: string }).DeletionPolicy, 'Retain');
      // Rotated by the notifier on a schedule, not excused: no acknowledgement on the secret.
      assert.equal((r.Metadata?.vectorfort as { acknowledge?: unknown } | undefined)?.acknowledge, undefined);
      const schedule = resourcesOf(json, 'AWS::SecretsManager::RotationSchedule').find(
        ([, s]) => JSON.stringify(s.Properties!.SecretId) === JSON.stringify({ Ref: id }),
      );
      assert.ok(schedule, `${id} has a rotation schedule`);
      assert.deepEqual(schedule[1].Properties, {
        SecretId: { Ref: id },
        RotationLambdaARN: { 'Fn::GetAtt': [functionId, 'Arn'] },
        RotationRules: { AutomaticallyAfterDays: 90 },
        RotateImmediatelyOnUpdate: false,
      });
    }
  });

  it('grants the notifier exactly its resources: two secrets, the queue, the table, the key, its logs', () => {
    const policy = props(json, '/Alerting/NotifierPolicy/Resource');
    assert.deepEqual(policy.Roles, [{ Ref: roleId }]);
    const statements = (policy.PolicyDocument as { Statement: Statement[] }).Statement;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    assert.deepEqual(Object.keys(bySid).sort(), [
      'AlertingKey',
      'DeadLetters',
      'DedupState',
      'NetworkInterfaces',
      'OwnLogs',
      'ReadWebhookUrls',
    ]);
    assert.deepEqual(actions(bySid.ReadWebhookUrls!), ['secretsmanager:GetSecretValue']);
    assert.deepEqual(bySid.ReadWebhookUrls!.Resource, [
      { Ref: logicalIdAt(json, '/Alerting/ChatWebhook/Resource') },
      { Ref: logicalIdAt(json, '/Alerting/PagingWebhook/Resource') },
    ]);
    assert.deepEqual(bySid.DeadLetters!.Resource, { 'Fn::GetAtt': [queueId, 'Arn'] });
    assert.deepEqual(actions(bySid.DedupState!).sort(), ['dynamodb:DeleteItem', 'dynamodb:UpdateItem']);
    assert.deepEqual(bySid.AlertingKey!.Resource, { 'Fn::GetAtt': [keyId, 'Arn'] });
    for (const s of statements)
      assert.ok(!actions(s).some((a) => a.endsWith('*')), `${s.Sid} has a wildcard action`);
    // The role has no AWS-managed policies.
    assert.equal(json.Resources[roleId]!.Properties!.ManagedPolicyArns, undefined);
  });

  it('names the notifier role in the alerting key policy, through its services only', () => {
    const statements = keyStatements(json, keyId);
    const notifier = statements.find((s) => s.Sid === 'NotifierThroughItsServices')!;
    assert.deepEqual(notifier.Principal, { AWS: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    assert.deepEqual(actions(notifier), ['kms:Decrypt', 'kms:GenerateDataKey']);
    assert.deepEqual(notifier.Condition, {
      StringEquals: {
        'kms:ViaService': [
          'lambda.us-east-1.amazonaws.com',
          'sqs.us-east-1.amazonaws.com',
          'secretsmanager.us-east-1.amazonaws.com',
          'dynamodb.us-east-1.amazonaws.com',
        ],
      },
    });
    // Account-wide statements are each pinned to one service (and, for secrets, to the two webhook secrets).
    const secrets = statements.find((s) => s.Sid === 'WebhookSecretsThroughSecretsManager')!;
    assert.deepEqual(secrets.Condition!.StringLike, {
      'kms:EncryptionContext:SecretARN': [
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:weaviate/alerts/chat-webhook-??????`,
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:weaviate/alerts/paging-webhook-??????`,
      ],
    });
    for (const sid of [
      'WebhookSecretsThroughSecretsManager',
      'DynamoDbTablesOfThisAccount',
      'LambdaEnvironmentEncryption',
    ]) {
      const s = statements.find((x) => x.Sid === sid)!;
      assert.equal(typeof s.Condition!.StringEquals!['kms:ViaService'], 'string', sid);
      assert.equal(s.Condition!.StringEquals!['kms:CallerAccount'], ACCOUNT, sid);
    }
    const sns = statements.find((s) => s.Sid === 'SnsDeadLettersOfThisAccount')!;
    assert.deepEqual(sns.Principal, { Service: 'sns.amazonaws.com' });
    assert.deepEqual(sns.Condition, { StringEquals: { 'aws:SourceAccount': ACCOUNT } });
  });

  it('puts the notifier into the flow spec: 443 to the endpoints and to the internet', () => {
    const spec = json.Metadata!['vectorfort:flowSpec'] as {
      components: { id: string; tier: string; awsTag?: string }[];
      flows: { from: string; to: string; port: number }[];
    };
    assert.deepEqual(
      spec.components.find((c) => c.id === 'notifier'),
      {
        id: 'notifier',
        description: 'Security-event notifier (Lambda) posting to the chat and paging webhooks',
        tier: 'application',
        awsTag: 'notifier',
      },
    );
    assert.deepEqual(
      spec.flows.filter((f) => f.from === 'notifier').map((f) => [f.to, f.port]),
      [
        ['aws-endpoints', 443],
        ['internet', 443],
      ],
    );
    assert.deepEqual(
      spec.flows.filter((f) => f.to === 'notifier'),
      [],
    );
  });

  it('leaves no unacknowledged cdk-nag error on the alerting resources', () => {
    assert.deepEqual(
      result.nagErrors.filter((e) => e.resource.startsWith('vectorfort-weaviate/Alerting/')),
      [],
    );
  });
});

describe('alerting options', () => {
  it('adds the pager subscriptions to the critical topic only, and turns on tracing', () => {
    const { json, result } = synth({
      detection: {
        alerting: {
          tracing: true,
          pagerSubscriptions: [
            { protocol: 'email', endpoint: 'oncall@example.com' },
            { protocol: 'https', endpoint: 'https://events.pagerduty.example/integration/x/enqueue' },
          ],
        },
      },
    });
    const criticalId = logicalIdAt(json, '/Alerting/CriticalSecurityEvents/Resource');
    const pagers = resourcesOf(json, 'AWS::SNS::Subscription').filter(
      ([, r]) => r.Properties!.Protocol !== 'lambda',
    );
    assert.deepEqual(
      pagers.map(([, r]) => [r.Properties!.Protocol, r.Properties!.Endpoint, r.Properties!.TopicArn]),
      [
        ['email', 'oncall@example.com', { Ref: criticalId }],
        ['https', 'https://events.pagerduty.example/integration/x/enqueue', { Ref: criticalId }],
      ],
    );
    assert.deepEqual(props(json, '/Alerting/Notifier/Resource').TracingConfig, { Mode: 'Active' });
    assert.deepEqual(
      result.nagErrors.filter((e) => e.resource.startsWith('vectorfort-weaviate/Alerting/')),
      [],
    );
  });

  it('references existing secrets by name instead of creating them', () => {
    const { json } = synth({
      detection: {
        alerting: { createSecrets: false, chatWebhookSecretName: 'team/chat', reservedConcurrency: 5 },
      },
    });
    const secrets = resourcesOf(json, 'AWS::SecretsManager::Secret').filter(([, r]) =>
      String(r.Metadata?.['aws:cdk:path']).startsWith('vectorfort-weaviate/Alerting/'),
    );
    assert.deepEqual(secrets, []);
    const statements = (
      props(json, '/Alerting/NotifierPolicy/Resource').PolicyDocument as { Statement: Statement[] }
    ).Statement;
    const read = statements.find((s) => s.Sid === 'ReadWebhookUrls')!;
    const resources = JSON.stringify(read.Resource);
    assert.match(resources, /secret:team\/chat-\?\?\?\?\?\?/);
    assert.match(resources, /secret:weaviate\/alerts\/paging-webhook-\?\?\?\?\?\?/);
    const fn = props(json, '/Alerting/Notifier/Resource');
    assert.equal(fn.ReservedConcurrentExecutions, 5);
    assert.equal(
      (fn.Environment as { Variables: Record<string, unknown> }).Variables[NOTIFIER_ENV.chatSecretId],
      'team/chat',
    );
  });

  it('creates no topic, function or notifier flow when alerting is off', () => {
    const { json, template } = synth({ detection: { alerting: { enabled: false } } });
    assert.equal(
      Object.values(json.Resources).filter((r) =>
        String(r.Metadata?.['aws:cdk:path']).startsWith('vectorfort-weaviate/Alerting/'),
      ).length,
      0,
    );
    template.resourcePropertiesCountIs(
      'AWS::SNS::Topic',
      { TopicName: Match.stringLikeRegexp('security-events') },
      0,
    );
    const spec = json.Metadata!['vectorfort:flowSpec'] as {
      components: { id: string }[];
      flows: { from: string }[];
    };
    assert.ok(!spec.components.some((c) => c.id === 'notifier'));
    assert.ok(!spec.flows.some((f) => f.from === 'notifier'));
  });
});
