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
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { Duration, RemovalPolicy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { TAG_COMPONENT } from '../contract/keys.js';
import { NOTIFIER_ENV } from '../notifier/env.js';
import { moduleFile } from '../package-files.js';
import { ValidationError } from './errors.js';
import { acknowledgeNag } from './nag.js';
import { alarmOnDeadLetters } from './private/dead-letter-alarm.js';
import { lambdaBundle, lambdaBundleCode } from './private/lambda-bundle.js';
import {
  logGroupEncryptionStatement,
  secretsThroughSecretsManagerStatement,
} from './private/kms-statements.js';
import { lambdaNetworkInterfacesStatement } from './private/lambda-network-interfaces.js';
import { rotateWebhookSecrets } from './webhook-rotation.js';

/** The two topics publishers use. */
export interface AlertTopics {
  /** Security events of every severity; the notifier posts them to chat. */
  readonly topic: sns.ITopic;
  /** Critical events; pages people (a second subscription). */
  readonly criticalTopic: sns.ITopic;
}

/** A subscription of the critical topic beyond the notifier: a pager's e-mail address or HTTPS endpoint. */
export interface PagerSubscription {
  readonly protocol: 'email' | 'https';
  readonly endpoint: string;
}

export interface AlertingProps {
  /** Prefix of the topic, queue, secret and log group names (the blueprint name). */
  readonly name: string;
  /** The alerting key: topics, dead-letter queue, dedup table, webhook secrets, the function's environment. */
  readonly key: kms.IKey;
  /** Key of the notifier's log group. */
  readonly logsKey: kms.IKey;
  readonly vpc: ec2.IVpc;
  /** Where the notifier runs (the application tier: NAT egress to the webhooks). */
  readonly subnets: ec2.SubnetSelection;
  /** The `notifier` security group generated from the flow spec. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Secret holding the chat webhook URL. @default - `<name>/alerts/chat-webhook` */
  readonly chatWebhookSecretName?: string;
  /** Secret holding the paging webhook URL. @default - `<name>/alerts/paging-webhook` */
  readonly pagingWebhookSecretName?: string;
  /** Create both secrets with an empty placeholder; false references existing secrets by name. @default true */
  readonly createSecrets?: boolean;
  /** Identical events within this window are collapsed into one message. @default Duration.minutes(15) */
  readonly dedupWindow?: Duration;
  /** Distinct events of one kind within the window above which one summary is sent. @default 10 */
  readonly burstThreshold?: number;
  /** Further subscriptions of the critical topic. @default [] */
  readonly pagerSubscriptions?: readonly PagerSubscription[];
  /** Reserved concurrency of the notifier. @default 2 */
  readonly reservedConcurrency?: number;
  /** AWS X-Ray active tracing for the notifier. @default false */
  readonly tracing?: boolean;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** Rotation interval of the webhook secrets the stack creates (webhook-rotation.ts). @default Duration.days(90) */
  readonly webhookRotationInterval?: Duration;
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

/** The alert topics, the notifier and the stores it uses. */
export class Alerting extends Construct implements AlertTopics {
  readonly topic: sns.Topic;
  readonly criticalTopic: sns.Topic;
  readonly notifier: lambda.Function;
  readonly deadLetterQueue: sqs.Queue;
  readonly dedupTable: dynamodb.Table;
  readonly chatWebhookSecret: secretsmanager.ISecret;
  readonly pagingWebhookSecret: secretsmanager.ISecret;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  /** Fire when a webhook secret's rotation fails; none when the secrets are referenced, not created. */
  readonly webhookRotationAlarms: readonly cloudwatch.Alarm[];
  private readonly chatWebhookSecretName: string;
  private readonly pagingWebhookSecretName: string;

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    const name = props.name;
    const createSecrets = props.createSecrets ?? true;
    this.chatWebhookSecretName = props.chatWebhookSecretName ?? `${name}/alerts/chat-webhook`;
    this.pagingWebhookSecretName = props.pagingWebhookSecretName ?? `${name}/alerts/paging-webhook`;

    this.topic = this.alertTopic(
      'SecurityEvents',
      `${name}-security-events`,
      `${name}: security events`,
      props,
    );
    this.criticalTopic = this.alertTopic(
      'CriticalSecurityEvents',
      `${name}-security-events-critical`,
      `${name}: critical security events`,
      props,
    );
    for (const t of [this.topic, this.criticalTopic]) admitPublishersOfThisAccount(t);
    this.deadLetterQueue = this.createDeadLetterQueue(props);
    this.dedupTable = this.createDedupTable(props);
    this.chatWebhookSecret = webhookSecret(
      this,
      'ChatWebhook',
      this.chatWebhookSecretName,
      createSecrets,
      props.key,
      'chat',
    );
    this.pagingWebhookSecret = webhookSecret(
      this,
      'PagingWebhook',
      this.pagingWebhookSecretName,
      createSecrets,
      props.key,
      'paging',
    );
    this.logGroup = new logs.LogGroup(this, 'NotifierLogs', {
      logGroupName: notifierLogGroupName(name),
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'NotifierRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `vectorfort ${name}: the security-event notifier`,
    });
    const policy = this.createNotifierPolicy(name, props.key, createSecrets);
    this.notifier = this.createNotifier(props, policy);
    this.subscribe(props.pagerSubscriptions ?? []);
    this.webhookRotationAlarms = createSecrets
      ? rotateWebhookSecrets(this, {
          name,
          notifier: this.notifier,
          logGroup: this.logGroup,
          role: this.role,
          interval: props.webhookRotationInterval,
          secrets: [
            { purpose: 'chat', secret: this.chatWebhookSecret, secretName: this.chatWebhookSecretName },
            { purpose: 'paging', secret: this.pagingWebhookSecret, secretName: this.pagingWebhookSecretName },
          ],
        })
      : [];
    alarmOnDeadLetters(this, this.deadLetterQueue, this.criticalTopic);
    this.admitKeyUsers(props, createSecrets);
  }

  private alertTopic(id: string, topicName: string, displayName: string, props: AlertingProps): AlertTopic {
    // TLS only (enforceSSL adds the aws:SecureTransport deny), encrypted with the alerting key, whose policy
    // already admits EventBridge and CloudWatch of this account (keys.ts).
    return new AlertTopic(this, id, { topicName, displayName, masterKey: props.key, enforceSSL: true });
  }

  /**
   * Events the notifier could not deliver, failed asynchronous invocations, and messages SNS could not hand to a
   * subscription.
   */
  private createDeadLetterQueue(props: AlertingProps): sqs.Queue {
    const queue = new sqs.Queue(this, 'NotifierDeadLetters', {
      queueName: `${props.name}-notifier-dead-letters`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNag(
      queue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the notifier and of the alert subscriptions; a queue behind it would only move the problem.',
    );
    return queue;
  }

  private createDedupTable(props: AlertingProps): dynamodb.Table {
    const table = new dynamodb.Table(this, 'NotifierDedup', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeNag(
      table,
      'NIST.800.53.R5-DynamoDBInBackupPlan',
      'Holds only deduplication state that expires within two windows (at most two days); point-in-time recovery covers mistakes, a backup plan would keep nothing worth restoring.',
    );
    return table;
  }

  /** What the notifier may do, and nothing else: a managed policy on its role. */
  private createNotifierPolicy(name: string, key: kms.IKey, createSecrets: boolean): iam.ManagedPolicy {
    const logGroup = this.logGroup;
    const policy = new iam.ManagedPolicy(this, 'NotifierPolicy', {
      description: `vectorfort ${name}: what the security-event notifier may do, and nothing else`,
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'OwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${logGroup.logGroupArn}:log-stream:*`, logGroup.logGroupArn],
        }),
        lambdaNetworkInterfacesStatement(),
        new iam.PolicyStatement({
          sid: 'ReadWebhookUrls',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [this.chatWebhookSecret.secretArn, this.pagingWebhookSecret.secretArn].map((arn) =>
            // Secrets referenced by name have an ARN with an unknown six-character suffix.
            createSecrets ? arn : `${arn}-??????`,
          ),
        }),
        new iam.PolicyStatement({
          sid: 'DeadLetters',
          actions: ['sqs:SendMessage'],
          resources: [this.deadLetterQueue.queueArn],
        }),
        new iam.PolicyStatement({
          sid: 'DedupState',
          actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          resources: [this.dedupTable.tableArn],
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
    return policy;
  }

  private createNotifier(props: AlertingProps, policy: iam.ManagedPolicy): lambda.Function {
    const tracing = props.tracing ?? false;
    const notifier = new lambda.Function(this, 'Notifier', {
      description: `vectorfort ${props.name}: posts security events to chat and pages on critical ones`,
      runtime: NOTIFIER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: notifierCode(this),
      memorySize: 256,
      timeout: NOTIFIER_TIMEOUT,
      role: this.role,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 2,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [props.securityGroup],
      environment: {
        [NOTIFIER_ENV.chatSecretId]: this.chatWebhookSecretName,
        [NOTIFIER_ENV.pagingSecretId]: this.pagingWebhookSecretName,
        [NOTIFIER_ENV.deadLetterQueueUrl]: this.deadLetterQueue.queueUrl,
        [NOTIFIER_ENV.dedupTable]: this.dedupTable.tableName,
        [NOTIFIER_ENV.dedupWindowSeconds]: String((props.dedupWindow ?? Duration.minutes(15)).toSeconds()),
        [NOTIFIER_ENV.burstThreshold]: String(props.burstThreshold ?? 10),
        [NOTIFIER_ENV.criticalTopicArn]: this.criticalTopic.topicArn,
        NODE_OPTIONS: '--enable-source-maps',
      },
      environmentEncryption: props.key,
      logGroup: this.logGroup,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      tracing: tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
    });
    notifier.node.addDependency(policy);
    Tags.of(notifier).add(TAG_COMPONENT, 'notifier');
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      acknowledgeNag(
        defaultPolicy,
        'NIST.800.53.R5-IAMNoInlinePolicy',
        "Inline policy CDK adds for the function's own dead-letter queue (and X-Ray when tracing is on); the rest of the role is the managed NotifierPolicy.",
      );
      if (tracing)
        acknowledgeNag(
          defaultPolicy,
          'AwsSolutions-IAM5',
          'X-Ray trace segments and telemetry accept no resource narrower than *.',
          'Resource::*',
        );
    }
    return notifier;
  }

  /** The notifier on both topics; the pagers on the critical one. */
  private subscribe(pagers: readonly PagerSubscription[]): void {
    const deadLetterQueue = this.deadLetterQueue;
    for (const t of [this.topic, this.criticalTopic])
      t.addSubscription(new subscriptions.LambdaSubscription(this.notifier, { deadLetterQueue }));
    for (const pager of pagers)
      this.criticalTopic.addSubscription(
        pager.protocol === 'email'
          ? new subscriptions.EmailSubscription(pager.endpoint, { deadLetterQueue })
          : new subscriptions.UrlSubscription(pager.endpoint, {
              protocol: sns.SubscriptionProtocol.HTTPS,
              deadLetterQueue,
            }),
      );
  }

  /**
   * Every key-policy statement this part needs, in one place. The key policies do not delegate use to IAM
   * (keys.ts), so each service and principal that uses a key is named here, with the narrowest condition.
   */
  private admitKeyUsers(props: AlertingProps, createSecrets: boolean): void {
    const { key, logsKey } = props;
    const stack = Stack.of(this);
    const { region, account } = stack;
    // SNS writes undeliverable messages to the encrypted dead-letter queue.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SnsDeadLettersOfThisAccount',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
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
    if (createSecrets)
      // Whoever IAM lets write or read these two secrets may use the key for them, through Secrets Manager only.
      key.addToResourcePolicy(
        secretsThroughSecretsManagerStatement(this, 'WebhookSecretsThroughSecretsManager', [
          this.chatWebhookSecretName,
          this.pagingWebhookSecretName,
        ]),
      );
    logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, notifierLogGroupName(props.name)));
    // The notifier role is named here, and only through the services it calls.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'NotifierThroughItsServices',
        principals: [this.role],
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
  }
}

function notifierLogGroupName(name: string): string {
  return `/vectorfort/${name}/notifier`;
}

/** Admits EventBridge rules and CloudWatch alarms of this account to publish, over TLS (enforceSSL). */
function admitPublishersOfThisAccount(topic: sns.Topic): void {
  const account = Stack.of(topic).account;
  for (const [sid, service] of [
    ['EventBridgeRulesOfThisAccount', PUBLISHER_SERVICES[0]!],
    ['CloudWatchAlarmsOfThisAccount', PUBLISHER_SERVICES[1]!],
  ] as const)
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [new iam.ServicePrincipal(service)],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
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
  // Rotated on a schedule by the notifier once an operator stages the new URL (webhook-rotation.ts).
  (secret.node.defaultChild as secretsmanager.CfnSecret).kmsKeyId = key.keyArn;
  return secret;
}

/** The handler's source: the TypeScript under tsx and in tests, the transpiled module when run from dist/. */
function notifierEntry(): string | undefined {
  const handler = moduleFile('notifier/handler');
  return existsSync(handler) ? handler : undefined;
}

function notifierDirectory(): string {
  return dirname(moduleFile('notifier/handler'));
}

/** One bundle per process: every synthesis of the same sources produces the same bytes. */
/**
 * The notifier bundled for Lambda (CommonJS `index.js` exporting `handler`, with its source map), exactly as
 * the stack ships it. Exported so tests can run the artefact itself.
 */
export function notifierBundle(): { readonly code: string; readonly map: string } {
  // Without a handler next to the constructs esbuild names the missing file (notifierCode checks first).
  return lambdaBundle(notifierEntry() ?? notifierDirectory(), NOTIFIER_TARGET);
}

/** The bundle as a Lambda asset (private/lambda-bundle.ts), after checking the handler ships with the constructs. */
function notifierCode(scope: IConstruct): lambda.Code {
  const entry = notifierEntry();
  if (!entry)
    throw new ValidationError(
      'notifier-handler-missing',
      `the notifier handler is missing from ${notifierDirectory()}`,
      scope,
    );
  return lambdaBundleCode('notifier', entry, NOTIFIER_TARGET);
}
