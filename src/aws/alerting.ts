/**
 * Alerting: two KMS-encrypted SNS topics (security events of every severity, and critical ones) and the notifier
 * Lambda that posts them to a Slack-compatible chat webhook, critical ones to a paging webhook as well. The
 * critical topic can also carry the blueprint's own pager subscriptions (e-mail or HTTPS).
 *
 * Publishers (the detection part's EventBridge rules and CloudWatch alarms) use `topic` or `criticalTopic`;
 * the topic policies admit EventBridge and CloudWatch of this account only, over TLS only.
 *
 * The notifier is bundled from `src/notifier/handler.ts` with esbuild's API during synthesis (local bundling,
 * no Docker), runs in the application tier with the security group the flow spec generates for the `notifier`
 * component (443 to the interface endpoints and, through NAT, to the webhooks), keeps its dedup state in a
 * DynamoDB table with TTL and sends what it cannot deliver to an SQS dead-letter queue. Every store uses the
 * alerting key; its log group uses the logs key.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { COMPONENT_TAG } from '../flows/index.js';
import { NOTIFIER_ENV } from '../notifier/env.js';
import { acknowledgeControl } from './acknowledge-control.js';
import { acknowledgeNag } from './nag.js';
import { alarmOnDeadLetters } from './private/dead-letter-alarm.js';
import {
  logGroupEncryptionStatement,
  secretsThroughSecretsManagerStatement,
} from './private/kms-statements.js';
import type { VectorfortStack } from './stack.js';

export interface Alerting {
  /** Security events of every severity; the notifier posts them to chat. */
  readonly topic: sns.ITopic;
  /** Critical events; pages people (a second subscription). */
  readonly criticalTopic: sns.ITopic;
}

/** The notifier's resources, for tests and for parts that want to alarm on them. */
export interface AlertingResources extends Alerting {
  readonly topic: sns.Topic;
  readonly criticalTopic: sns.Topic;
  readonly notifier: lambda.Function;
  readonly deadLetterQueue: sqs.Queue;
  readonly dedupTable: dynamodb.Table;
  readonly chatWebhookSecret: secretsmanager.ISecret;
  readonly pagingWebhookSecret: secretsmanager.ISecret;
  readonly logGroup: logs.LogGroup;
}

/**
 * The Lambda runtime: the latest Node.js (the longest support window; cdk-nag's AwsSolutions-L1 asks for it).
 * The bundle targets Node.js 22 syntax, so it also runs on the previous runtime and on the Node.js 20 the
 * tests use.
 */
export const NOTIFIER_RUNTIME = lambda.Runtime.NODEJS_24_X;
const NOTIFIER_TARGET = 'node22';
/** Long enough for two destinations of four attempts with five-second timeouts and backoff. */
const NOTIFIER_TIMEOUT = Duration.seconds(90);

/** @returns undefined when the blueprint turns alerting off. */
export function addAlerting(stack: VectorfortStack): AlertingResources | undefined {
  const options = stack.blueprint.detection.alerting;
  if (!options.enabled) return undefined;
  return new SecurityAlerting(stack, 'Alerting').resources;
}

const PUBLISHER_SERVICES = ['events.amazonaws.com', 'cloudwatch.amazonaws.com'];

/**
 * A topic whose policy admits EventBridge and CloudWatch of this account only. CDK's EventBridge target grants
 * the service `sns:Publish` (and use of the key) without any condition, which would let rules of other accounts
 * publish here (a confused deputy); that grant is dropped, because the conditioned statements this construct
 * and the Keys construct add already admit the same publisher.
 */
class AlertTopic extends sns.Topic {
  override grantPublish(grantee: iam.IGrantable): iam.Grant {
    const principal = grantee.grantPrincipal;
    if (principal instanceof iam.ServicePrincipal && PUBLISHER_SERVICES.includes(principal.service))
      // Already admitted, with aws:SourceAccount, by the topic policy and the alerting key's policy.
      return iam.Grant.drop(grantee, 'publish to the alert topic');
    return super.grantPublish(grantee);
  }
}

/** Everything of the alerting part, under one construct so its ids cannot collide with other parts'. */
class SecurityAlerting extends Construct {
  readonly resources: AlertingResources;

  constructor(stack: VectorfortStack, id: string) {
    super(stack, id);
    const bp = stack.blueprint;
    const options = bp.detection.alerting;
    const key = stack.keys.key('alerting');
    const name = bp.name;
    const region = stack.region;
    const account = stack.account;

    // Topics: TLS only (enforceSSL adds the aws:SecureTransport deny), encrypted with the alerting key, whose
    // policy already admits EventBridge and CloudWatch of this account (keys.ts).
    const topic = new AlertTopic(this, 'SecurityEvents', {
      topicName: `${name}-security-events`,
      displayName: `${name}: security events`,
      masterKey: key,
      enforceSSL: true,
    });
    const criticalTopic = new AlertTopic(this, 'CriticalSecurityEvents', {
      topicName: `${name}-security-events-critical`,
      displayName: `${name}: critical security events`,
      masterKey: key,
      enforceSSL: true,
    });
    for (const t of [topic, criticalTopic]) {
      for (const [sid, service] of [
        ['EventBridgeRulesOfThisAccount', PUBLISHER_SERVICES[0]!],
        ['CloudWatchAlarmsOfThisAccount', PUBLISHER_SERVICES[1]!],
      ] as const)
        t.addToResourcePolicy(
          new iam.PolicyStatement({
            sid,
            principals: [new iam.ServicePrincipal(service)],
            actions: ['sns:Publish'],
            resources: [t.topicArn],
            conditions: { StringEquals: { 'aws:SourceAccount': account } },
          }),
        );
    }

    // Dead letters: events the notifier could not deliver, failed asynchronous invocations, and messages SNS
    // could not hand to a subscription.
    const deadLetterQueue = new sqs.Queue(this, 'NotifierDeadLetters', {
      queueName: `${name}-notifier-dead-letters`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNag(
      deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the notifier and of the alert subscriptions; a queue behind it would only move the problem.',
    );
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SnsDeadLettersOfThisAccount',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    const dedupTable = new dynamodb.Table(this, 'NotifierDedup', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeNag(
      dedupTable,
      'NIST.800.53.R5-DynamoDBInBackupPlan',
      'Holds only deduplication state that expires within two windows (at most two days); point-in-time recovery covers mistakes, a backup plan would keep nothing worth restoring.',
    );
    // DynamoDB uses the key on behalf of the callers it authorises (the documented key policy for DynamoDB).
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DynamoDbTablesOfThisAccount',
        principals: [new iam.AccountRootPrincipal()],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:DescribeKey',
          'kms:CreateGrant',
        ],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': `dynamodb.${region}.amazonaws.com`,
            'kms:CallerAccount': account,
          },
        },
      }),
    );

    const chatSecretName = options.chatWebhookSecretName ?? `${name}/alerts/chat-webhook`;
    const pagingSecretName = options.pagingWebhookSecretName ?? `${name}/alerts/paging-webhook`;
    const chatWebhookSecret = webhookSecret(
      this,
      'ChatWebhook',
      chatSecretName,
      options.createSecrets,
      key,
      'chat',
    );
    const pagingWebhookSecret = webhookSecret(
      this,
      'PagingWebhook',
      pagingSecretName,
      options.createSecrets,
      key,
      'paging',
    );
    if (options.createSecrets)
      // Whoever IAM lets write or read these two secrets may use the key for them, through Secrets Manager only.
      key.addToResourcePolicy(
        secretsThroughSecretsManagerStatement(this, 'WebhookSecretsThroughSecretsManager', [
          chatSecretName,
          pagingSecretName,
        ]),
      );

    const logGroupName = `/vectorfort/${name}/notifier`;
    const logsKey = stack.keys.key('logs');
    logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, logGroupName));
    const logGroup = new logs.LogGroup(this, 'NotifierLogs', {
      logGroupName,
      encryptionKey: logsKey,
      retention: options.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const role = new iam.Role(this, 'NotifierRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `vectorfort ${name}: the security-event notifier`,
    });
    const policy = new iam.ManagedPolicy(this, 'NotifierPolicy', {
      description: `vectorfort ${name}: what the security-event notifier may do, and nothing else`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'OwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${logGroup.logGroupArn}:log-stream:*`, logGroup.logGroupArn],
        }),
        // Lambda creates and removes the function's network interfaces with the execution role; EC2 does not
        // support resource-level permissions for the Describe calls, and the interfaces do not exist yet.
        new iam.PolicyStatement({
          sid: 'NetworkInterfaces',
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ReadWebhookUrls',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [chatWebhookSecret.secretArn, pagingWebhookSecret.secretArn].map((arn) =>
            // Secrets referenced by name have an ARN with an unknown six-character suffix.
            options.createSecrets ? arn : `${arn}-??????`,
          ),
        }),
        new iam.PolicyStatement({
          sid: 'DeadLetters',
          actions: ['sqs:SendMessage'],
          resources: [deadLetterQueue.queueArn],
        }),
        new iam.PolicyStatement({
          sid: 'DedupState',
          actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          resources: [dedupTable.tableArn],
        }),
        new iam.PolicyStatement({
          sid: 'AlertingKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [key.keyArn],
        }),
      ],
    });
    acknowledgeNag(
      policy,
      'AwsSolutions-IAM5',
      "Lambda manages the function's network interfaces with these EC2 actions, which accept no narrower resource (the interfaces do not exist yet).",
      'Resource::*',
    );
    acknowledgeNag(
      policy,
      'AwsSolutions-IAM5',
      'Log streams are created per container inside the one named log group; their names are not known before.',
      `Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup)}.Arn>:log-stream:*`,
    );
    // The key policy does not delegate use to IAM (keys.ts): the notifier role is named here, and only through
    // the services it calls.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'NotifierThroughItsServices',
        principals: [role],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': ['lambda', 'sqs', 'secretsmanager', 'dynamodb'].map(
              (s) => `${s}.${region}.amazonaws.com`,
            ),
          },
        },
      }),
    );
    // Lambda encrypts the function's environment with the caller's permissions when the function is created or
    // updated (CloudFormation's role); it can only do so through Lambda.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'LambdaEnvironmentEncryption',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Encrypt', 'kms:CreateGrant', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:ViaService': `lambda.${region}.amazonaws.com`, 'kms:CallerAccount': account },
        },
      }),
    );

    const network = stack.network;
    const notifier = new lambda.Function(this, 'Notifier', {
      description: `vectorfort ${name}: posts security events to chat and pages on critical ones`,
      runtime: NOTIFIER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: notifierCode(),
      memorySize: 256,
      timeout: NOTIFIER_TIMEOUT,
      role,
      reservedConcurrentExecutions: options.reservedConcurrency,
      vpc: network.vpc,
      vpcSubnets: network.subnets('application'),
      securityGroups: [network.securityGroups.securityGroup('notifier')],
      environment: {
        [NOTIFIER_ENV.chatSecretId]: chatSecretName,
        [NOTIFIER_ENV.pagingSecretId]: pagingSecretName,
        [NOTIFIER_ENV.deadLetterQueueUrl]: deadLetterQueue.queueUrl,
        [NOTIFIER_ENV.dedupTable]: dedupTable.tableName,
        [NOTIFIER_ENV.dedupWindowSeconds]: String(options.dedupWindowMinutes * 60),
        [NOTIFIER_ENV.burstThreshold]: String(options.burstThreshold),
        [NOTIFIER_ENV.criticalTopicArn]: criticalTopic.topicArn,
        NODE_OPTIONS: '--enable-source-maps',
      },
      environmentEncryption: key,
      logGroup,
      deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      tracing: options.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
    });
    notifier.node.addDependency(policy);
    Tags.of(notifier).add(COMPONENT_TAG, 'notifier');
    const defaultPolicy = role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      acknowledgeNag(
        defaultPolicy,
        'NIST.800.53.R5-IAMNoInlinePolicy',
        "Inline policy CDK adds for the function's own dead-letter queue (and X-Ray when tracing is on); the rest of the role is the managed NotifierPolicy.",
      );
      if (options.tracing)
        acknowledgeNag(
          defaultPolicy,
          'AwsSolutions-IAM5',
          'X-Ray trace segments and telemetry accept no resource narrower than *.',
          'Resource::*',
        );
    }

    for (const t of [topic, criticalTopic])
      t.addSubscription(new subscriptions.LambdaSubscription(notifier, { deadLetterQueue }));
    for (const pager of options.pagerSubscriptions)
      criticalTopic.addSubscription(
        pager.protocol === 'email'
          ? new subscriptions.EmailSubscription(pager.endpoint, { deadLetterQueue })
          : new subscriptions.UrlSubscription(pager.endpoint, {
              protocol: sns.SubscriptionProtocol.HTTPS,
              deadLetterQueue,
            }),
      );
    alarmOnDeadLetters(this, deadLetterQueue, criticalTopic);

    this.resources = {
      topic,
      criticalTopic,
      notifier,
      deadLetterQueue,
      dedupTable,
      chatWebhookSecret,
      pagingWebhookSecret,
      logGroup,
    };
  }
}

function webhookSecret(
  scope: Construct,
  id: string,
  secretName: string,
  create: boolean,
  key: kms.IKey,
  purpose: string,
): secretsmanager.ISecret {
  if (!create) return secretsmanager.Secret.fromSecretNameV2(scope, id, secretName);
  const secret = new secretsmanager.Secret(scope, id, {
    secretName,
    description: `The ${purpose} webhook URL for security events (JSON {"url": "https://…"}); empty until set after deployment`,
    // A placeholder, not a secret: the notifier dead-letters chat events until a URL is put here.
    secretStringValue: SecretValue.unsafePlainText('{"url":""}'),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // The key is set on the L1: given to the L2, it would also let every principal of the account use the key
  // through Secrets Manager for any secret; WebhookSecretsThroughSecretsManager limits that to these secrets.
  (secret.node.defaultChild as secretsmanager.CfnSecret).kmsKeyId = key.keyArn;
  const reason = `The ${purpose} webhook URL is issued by the chat or paging service and can only be rotated there; after it is rotated there and written here, the notifier reads it again within five minutes.`;
  acknowledgeNag(secret, 'AwsSolutions-SMG4', reason);
  acknowledgeNag(secret, 'NIST.800.53.R5-SecretsManagerRotationEnabled', reason);
  acknowledgeControl(secret, 'VF-DATA-013', reason);
  return secret;
}

/** The handler's source: the TypeScript under tsx and in tests, the transpiled module when run from dist/. */
function notifierEntry(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const candidate of ['handler.ts', 'handler.js']) {
    const path = join(here, '..', 'notifier', candidate);
    if (existsSync(path)) return path;
  }
  throw new Error(`the notifier handler is missing next to ${here}`);
}

/** One bundle per process: every synthesis of the same sources produces the same bytes. */
let bundled: { readonly entry: string; readonly code: string; readonly map: string } | undefined;

/**
 * The notifier bundled for Lambda (CommonJS `index.js` exporting `handler`, with its source map), exactly as
 * the stack ships it. Exported so tests can run the artefact itself.
 */
export function notifierBundle(): { readonly code: string; readonly map: string } {
  const entry = notifierEntry();
  if (bundled?.entry === entry) return bundled;
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: NOTIFIER_TARGET,
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    outfile: 'index.js',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('index.js'))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('index.js.map'))!.text;
  bundled = { entry, code, map };
  return bundled;
}

/**
 * The bundle as a Lambda asset: written once into a directory named after its content hash (so concurrent and
 * repeated syntheses share it and nothing goes stale), then staged into the cloud assembly by CDK.
 */
function notifierCode(): lambda.Code {
  const { code, map } = notifierBundle();
  const hash = createHash('sha256').update(code).update(map).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `vectorfort-notifier-${hash}`);
  if (!existsSync(join(dir, 'index.js'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js.map'), map);
    // Written last and atomically: its presence means the directory is complete.
    const partial = join(dir, `index.js.${process.pid}.tmp`);
    writeFileSync(partial, code);
    renameSync(partial, join(dir, 'index.js'));
  }
  return lambda.Code.fromAsset(dir);
}
