/**
 * Weaviate's API keys with automatic rotation (docs/api-key-rotation.md): one Secrets Manager secret per
 * Weaviate user, holding that client's key (and the previous and the next one), the roster secret Weaviate reads
 * (every user's allowed keys in one list, the `{"keys", "users"}` the Secrets Store CSI driver delivers into
 * AUTHENTICATION_APIKEY_ALLOWED_KEYS / _USERS), and the rotation function with a schedule on each of them.
 *
 * The function is ours (src/rotation/, bundled at synthesis like the notifier). It never talks to Weaviate: the
 * keys reach Weaviate through the roster, which the pods read when they start, and each rotation hands out a key
 * that the roster already announced one rotation earlier. It restarts Weaviate itself, through the cluster's
 * private API endpoint, so it runs in the application tier with the security group the flow spec generates
 * (`api-key-rotation`), and its role maps through an access entry without any access policy to one Kubernetes
 * group, whose Role (k8s/weaviate/key-rollout-rbac.ts) allows reading the synced roster Secret and reading and
 * patching the Weaviate StatefulSet, nothing else.
 */
import { existsSync } from 'node:fs';
import { Duration, Lazy, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TAG_ROTATION_DAYS } from '../contract/keys.js';
import { COMPONENT_TAG } from '../flows/index.js';
import { API_KEY_ROLLOUT_GROUP } from '../k8s/weaviate/key-rollout-rbac.js';
import { API_KEYS_SECRET, CLUSTER_AUTH_SECRET } from '../k8s/weaviate/secrets.js';
import { ROTATION_ENV } from '../rotation/env.js';
import { rotationRulesOf, type MaintenanceWindow } from '../rotation/maintenance-window.js';
import { moduleFile } from '../package-files.js';
import { ValidationError } from './errors.js';
import { acknowledgeNag } from './nag.js';
import { lambdaBundleCode } from './private/lambda-bundle.js';
import { logGroupEncryptionStatement } from './private/kms-statements.js';
import { lambdaNetworkInterfacesStatement } from './private/lambda-network-interfaces.js';

/** The rotation function's runtime and syntax target (as the notifier's). */
const ROTATION_RUNTIME = lambda.Runtime.NODEJS_24_X;
const ROTATION_TARGET = 'node22';
/**
 * Lambda's limit: a step that waits for Weaviate's rolling restart may take most of it (the rotator gives up
 * after 12 minutes and fails the step, leaving every key valid).
 */
const ROTATION_TIMEOUT = Duration.minutes(15);

export interface ApiKeyRotationProps {
  /** The blueprint's name (the function's description and log group). */
  readonly name: string;
  /** Name of the roster secret Weaviate reads; each user's secret is `<roster name>/<user>`. */
  readonly rosterSecretName: string;
  /** The Weaviate users, one key secret each, in the order of the roster. */
  readonly users: readonly string[];
  /** Encrypts the secrets (the EKS secrets key: the same data lives as Kubernetes Secrets). */
  readonly key: kms.IKey;
  /** Key of the function's log group. */
  readonly logsKey: kms.Key;
  /** @default Duration.days(30) */
  readonly rotationInterval?: Duration;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** The VPC the function runs in, to reach the cluster's private API endpoint. */
  readonly vpc: ec2.IVpc;
  /** The application tier's subnets. */
  readonly subnets: ec2.SubnetSelection;
  /** The function's security group, generated from the flow spec (`api-key-rotation`). */
  readonly securityGroup: ec2.ISecurityGroup;
  /** The cluster Weaviate runs in. */
  readonly cluster: eks.ICluster;
  /** Weaviate's namespace and StatefulSet, which the function restarts after a new roster. */
  readonly weaviate: { readonly namespace: string; readonly statefulSet: string };
}

export class ApiKeyRotation extends Construct {
  /** The roster Weaviate reads. */
  readonly rosterSecret: secretsmanager.Secret;
  /** Each user's key secret, by user. */
  readonly userSecrets: Readonly<Record<string, secretsmanager.Secret>>;
  readonly function: lambda.Function;
  /** Fires when a rotation step fails; routed to the alert topic with the other alarms. */
  readonly failureAlarm: cloudwatch.Alarm;
  readonly policy: iam.ManagedPolicy;
  /** The secret names, for the key policy statement of the secrets' key. */
  readonly secretNames: readonly string[];
  /** Weaviate's cluster password secret, once rotateClusterAuth has given it to the function. */
  private clusterAuthSecret?: secretsmanager.ISecret;
  /** Every rotated user key secret with its user, in roster order (those added with rotateUserSecret too). */
  private readonly rotated: { readonly user: string; readonly secret: secretsmanager.ISecret }[] = [];
  private readonly props: ApiKeyRotationProps;

  constructor(scope: Construct, id: string, props: ApiKeyRotationProps) {
    super(scope, id);
    this.props = props;
    const stack = Stack.of(this);
    const secret = (cid: string, name: string, description: string, template: object, field: string) => {
      const s = new secretsmanager.Secret(this, cid, {
        secretName: name,
        description,
        generateSecretString: {
          secretStringTemplate: JSON.stringify(template),
          generateStringKey: field,
          passwordLength: 48,
          excludePunctuation: true,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // The key is set on the L1: passing it to the L2 would also grant the whole account use of the key through
      // Secrets Manager for any secret; the key policy statement the caller adds limits that to these secrets.
      (s.node.defaultChild as secretsmanager.CfnSecret).kmsKeyId = props.key.keyArn;
      return s;
    };
    const userSecrets: Record<string, secretsmanager.Secret> = {};
    for (const [i, user] of props.users.entries())
      userSecrets[user] = secret(
        `User${i}`,
        `${props.rosterSecretName}/${user}`,
        `Weaviate API key of ${user} (JSON: the client reads "key"; rotated, see docs/api-key-rotation.md)`,
        { user },
        'key',
      );
    // Until every user's first rotation has written the roster, it has no `keys`: the CSI driver's mount fails
    // and the Weaviate pods wait, rather than start with a key list nobody holds.
    this.rosterSecret = secret(
      'Roster',
      props.rosterSecretName,
      'Weaviate API-key roster (JSON {"keys", "users"}: every user\'s allowed keys), written by the rotation function',
      {},
      'unset',
    );
    this.userSecrets = userSecrets;
    for (const user of props.users) this.rotated.push({ user, secret: userSecrets[user]! });
    const all = [this.rosterSecret, ...Object.values(userSecrets)];
    this.secretNames = [props.rosterSecretName, ...props.users.map((u) => `${props.rosterSecretName}/${u}`)];

    const logGroupName = `/vectorfort/${props.name}/api-key-rotation`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, logGroupName));
    const role = new iam.Role(this, 'Role', {
      description: `vectorfort ${props.name}: rotates the Weaviate API keys`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    // Secrets added later (rotateUserSecret) join the list when the template is written.
    const arns = Lazy.list({
      produce: () => [
        this.rosterSecret.secretArn,
        ...this.rotated.map((r) => r.secret.secretArn),
        ...(this.clusterAuthSecret ? [this.clusterAuthSecret.secretArn] : []),
      ],
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `vectorfort ${props.name}: rotate the Weaviate API-key secrets, and nothing else`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'RotateTheKeySecrets',
          actions: [
            'secretsmanager:DescribeSecret',
            'secretsmanager:GetSecretValue',
            'secretsmanager:PutSecretValue',
            'secretsmanager:UpdateSecretVersionStage',
          ],
          resources: arns,
        }),
        new iam.PolicyStatement({
          sid: 'GenerateKeys',
          actions: ['secretsmanager:GetRandomPassword'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'KeyThroughSecretsManager',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
        }),
        new iam.PolicyStatement({
          sid: 'WriteLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
        lambdaNetworkInterfacesStatement(),
      ],
    });
    acknowledgeNag(
      this.policy,
      'AwsSolutions-IAM5',
      "Lambda manages the function's network interfaces with these EC2 actions, which accept no narrower resource (the interfaces do not exist yet); the same statement's secretsmanager:GetRandomPassword names no resource either.",
      'Resource::*',
    );

    this.function = new lambda.Function(this, 'Function', {
      description: `vectorfort ${props.name}: rotates the Weaviate API keys (Secrets Manager rotation)`,
      runtime: ROTATION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: rotationCode(this),
      memorySize: 256,
      timeout: ROTATION_TIMEOUT,
      role,
      reservedConcurrentExecutions: 2,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [props.securityGroup],
      environment: {
        [ROTATION_ENV.rosterSecretArn]: this.rosterSecret.secretArn,
        [ROTATION_ENV.userSecretArns]: Lazy.string({
          produce: () => stack.toJsonString(this.rotated.map((r) => r.secret.secretArn)),
        }),
        [ROTATION_ENV.userNames]: Lazy.string({
          produce: () => JSON.stringify(this.rotated.map((r) => r.user)),
        }),
        [ROTATION_ENV.clusterName]: props.cluster.clusterName,
        [ROTATION_ENV.clusterEndpoint]: props.cluster.clusterEndpoint,
        [ROTATION_ENV.clusterCertificateAuthority]: props.cluster.clusterCertificateAuthorityData,
        [ROTATION_ENV.weaviateNamespace]: props.weaviate.namespace,
        [ROTATION_ENV.weaviateStatefulSet]: props.weaviate.statefulSet,
        [ROTATION_ENV.rosterKubernetesSecret]: API_KEYS_SECRET.name,
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup,
    });
    Tags.of(this.function).add(COMPONENT_TAG, 'api-key-rotation');
    this.function.node.addDependency(this.policy);
    // A step that fails (Weaviate not restarted in time, the cluster refusing a call) fails the rotation and
    // leaves every old key working; Secrets Manager retries on the next schedule, so someone must hear of it now.
    this.failureAlarm = new cloudwatch.Alarm(this, 'FailureAlarm', {
      alarmDescription: `vectorfort ${props.name}: a Weaviate API-key rotation step failed; the previous keys stay valid until it succeeds (docs/api-key-rotation.md)`,
      metric: this.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // No access policy: the group's Role in Weaviate's namespace is everything the function may do there.
    const accessEntry = new eks.CfnAccessEntry(this, 'ClusterAccess', {
      clusterName: props.cluster.clusterName,
      principalArn: role.roleArn,
      type: 'STANDARD',
      kubernetesGroups: [API_KEY_ROLLOUT_GROUP],
    });
    this.function.node.addDependency(accessEntry);
    this.function.addPermission('SecretsManagerInvokes', {
      principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceAccount: stack.account,
    });
    acknowledgeNag(
      this.function,
      'NIST.800.53.R5-LambdaDLQ',
      'Secrets Manager invokes the rotation function synchronously and retries a failed step itself; a dead-letter queue applies to asynchronous invocations only.',
    );

    this.rosterSchedule = this.schedule(this, 'Schedule0', this.rosterSecret);
    for (const [i, s] of all.slice(1).entries()) this.schedule(this, `Schedule${i + 1}`, s);
  }

  /** The roster's schedule; it comes after every user's (its first rotation needs their first ones). */
  private readonly rosterSchedule: secretsmanager.CfnRotationSchedule;

  /**
   * Rotates a key secret made elsewhere (the backup user's) like the users' own: its keys join the roster and
   * the function's permissions. Its first version may hold only `{"key"}`; `user` names whose key it is.
   * `scope` holds the schedule, next to the secret.
   */
  rotateUserSecret(scope: Construct, user: string, secret: secretsmanager.ISecret): void {
    if (this.rotated.some((r) => r.user === user))
      throw new ValidationError('duplicate-api-key-user', `${user} already has a rotated key secret`, this);
    this.rotated.push({ user, secret });
    this.schedule(scope, 'RotationSchedule', secret);
  }

  /**
   * Rotates Weaviate's cluster password too (src/rotation/cluster-auth-rotator.ts): in the maintenance window
   * only, restarting every Weaviate pod together. The schedule does not rotate at creation, which would fall
   * outside the window.
   */
  rotateClusterAuth(
    scope: Construct,
    secret: secretsmanager.ISecret,
    options: { readonly window: MaintenanceWindow; readonly pods: readonly string[] },
  ): secretsmanager.CfnRotationSchedule {
    this.clusterAuthSecret = secret;
    this.function.addEnvironment(ROTATION_ENV.clusterAuthSecretArn, secret.secretArn);
    this.function.addEnvironment(ROTATION_ENV.clusterAuthKubernetesSecret, CLUSTER_AUTH_SECRET.name);
    this.function.addEnvironment(ROTATION_ENV.clusterAuthWindow, JSON.stringify(options.window));
    this.function.addEnvironment(ROTATION_ENV.weaviatePods, JSON.stringify(options.pods));
    const rules = rotationRulesOf(options.window);
    const schedule = new secretsmanager.CfnRotationSchedule(scope, 'RotationSchedule', {
      secretId: secret.secretArn,
      rotationLambdaArn: this.function.functionArn,
      rotationRules: { scheduleExpression: rules.scheduleExpression, duration: rules.duration },
      rotateImmediatelyOnUpdate: false,
    });
    const permission = this.function.node.tryFindChild('SecretsManagerInvokes');
    if (permission) schedule.node.addDependency(permission);
    return schedule;
  }

  private schedule(
    scope: Construct,
    id: string,
    secret: secretsmanager.ISecret,
  ): secretsmanager.CfnRotationSchedule {
    const days = (this.props.rotationInterval ?? Duration.days(30)).toDays();
    const schedule = new secretsmanager.CfnRotationSchedule(scope, id, {
      secretId: secret.secretArn,
      rotationLambdaArn: this.function.functionArn,
      rotationRules: { automaticallyAfterDays: days },
      rotateImmediatelyOnUpdate: true,
    });
    // The blueprint's interval, on the secret: a verifier holds the schedule to it, not only to a generic ceiling.
    Tags.of(secret).add(TAG_ROTATION_DAYS, String(days));
    schedule.node.addDependency(this.function);
    const permission = this.function.node.tryFindChild('SecretsManagerInvokes');
    if (permission) schedule.node.addDependency(permission);
    if (this.rosterSchedule) this.rosterSchedule.node.addDependency(schedule);
    return schedule;
  }
}

function rotationEntry(): string | undefined {
  const handler = moduleFile('rotation/handler');
  return existsSync(handler) ? handler : undefined;
}

function rotationCode(scope: Construct): lambda.Code {
  const entry = rotationEntry();
  if (!entry)
    throw new ValidationError(
      'rotation-handler-missing',
      'the rotation handler is missing from src/rotation',
      scope,
    );
  return lambdaBundleCode('api-key-rotation', entry, ROTATION_TARGET);
}
