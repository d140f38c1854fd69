/**
 * Weaviate's API keys with automatic rotation (docs/api-key-rotation.md): one Secrets Manager secret per
 * Weaviate user, holding that client's key (and the previous and the next one), the roster secret Weaviate reads
 * (every user's allowed keys in one list, the `{"keys", "users"}` the Secrets Store CSI driver delivers into
 * AUTHENTICATION_APIKEY_ALLOWED_KEYS / _USERS), and the rotation function with a schedule on each of them.
 *
 * The function is ours (src/rotation/, bundled at synthesis like the notifier). It talks to Secrets Manager only,
 * never to Weaviate, so it runs outside the VPC: the keys reach Weaviate through the roster, which the pods read
 * when they start, and each rotation hands out a key that the roster already announced one rotation earlier.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ROTATION_ENV } from '../rotation/env.js';
import { ValidationError } from './errors.js';
import { acknowledgeNag } from './nag.js';
import { lambdaBundleCode } from './private/lambda-bundle.js';
import { logGroupEncryptionStatement } from './private/kms-statements.js';

/** The rotation function's runtime and syntax target (as the notifier's). */
const ROTATION_RUNTIME = lambda.Runtime.NODEJS_24_X;
const ROTATION_TARGET = 'node22';

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
}

export class ApiKeyRotation extends Construct {
  /** The roster Weaviate reads. */
  readonly rosterSecret: secretsmanager.Secret;
  /** Each user's key secret, by user. */
  readonly userSecrets: Readonly<Record<string, secretsmanager.Secret>>;
  readonly function: lambda.Function;
  readonly policy: iam.ManagedPolicy;
  /** The secret names, for the key policy statement of the secrets' key. */
  readonly secretNames: readonly string[];

  constructor(scope: Construct, id: string, props: ApiKeyRotationProps) {
    super(scope, id);
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
    const arns = all.map((s) => s.secretArn);
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
      ],
    });
    acknowledgeNag(
      this.policy,
      'AwsSolutions-IAM5',
      'secretsmanager:GetRandomPassword names no resource; it generates the new keys and reads nothing.',
      'Resource::*',
    );
    acknowledgeNag(
      this.policy,
      'AwsSolutions-IAM5',
      "The function writes log streams of its own log group only; the streams' names are chosen by Lambda.",
      `Resource::<${stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup)}.Arn>:*`,
    );

    this.function = new lambda.Function(this, 'Function', {
      description: `vectorfort ${props.name}: rotates the Weaviate API keys (Secrets Manager rotation)`,
      runtime: ROTATION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: rotationCode(this),
      memorySize: 256,
      timeout: Duration.seconds(30),
      role,
      reservedConcurrentExecutions: 2,
      environment: {
        [ROTATION_ENV.rosterSecretArn]: this.rosterSecret.secretArn,
        [ROTATION_ENV.userSecretArns]: stack.toJsonString(Object.values(userSecrets).map((s) => s.secretArn)),
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup,
    });
    this.function.node.addDependency(this.policy);
    this.function.addPermission('SecretsManagerInvokes', {
      principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceAccount: stack.account,
    });
    acknowledgeNag(
      this.function,
      'NIST.800.53.R5-LambdaInsideVPC',
      'The rotation function calls only the Secrets Manager API (TLS, SigV4) and never Weaviate or anything in the VPC; outside the VPC it needs no interface endpoint or route.',
    );
    acknowledgeNag(
      this.function,
      'NIST.800.53.R5-LambdaDLQ',
      'Secrets Manager invokes the rotation function synchronously and retries a failed step itself; a dead-letter queue applies to asynchronous invocations only.',
    );

    const schedules = all.map((s, i) => {
      const schedule = new secretsmanager.CfnRotationSchedule(this, `Schedule${i}`, {
        secretId: s.secretArn,
        rotationLambdaArn: this.function.functionArn,
        rotationRules: {
          automaticallyAfterDays: (props.rotationInterval ?? Duration.days(30)).toDays(),
        },
        rotateImmediatelyOnUpdate: true,
      });
      schedule.node.addDependency(this.function);
      const permission = this.function.node.tryFindChild('SecretsManagerInvokes');
      if (permission) schedule.node.addDependency(permission);
      return schedule;
    });
    // The roster lists every user's keys: its schedule (and its first rotation) comes after theirs.
    for (const userSchedule of schedules.slice(1)) schedules[0]!.node.addDependency(userSchedule);
  }
}

function rotationEntry(): string | undefined {
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'rotation');
  return ['handler.ts', 'handler.js'].map((c) => join(dir, c)).find((p) => existsSync(p));
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
