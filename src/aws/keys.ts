/**
 * One customer-managed KMS key per purpose (EKS secrets, EBS volumes, backups, logs, alerting), each with
 * automatic rotation and a least-privilege key policy.
 *
 * Who keeps administration, and why it cannot lock us out: the account principal (`arn:aws:iam::<account>:root`)
 * keeps the administrative actions (describe, put policy, enable/disable, tag, schedule deletion …) and may
 * create grants for AWS services only. That statement delegates to IAM in this account, so whoever the account's
 * IAM policies make a key administrator can always repair the key policy, even after every role named in it is
 * deleted. Projects that instead name the deploying role or user as the only administrator lock themselves out
 * when that identity changes or disappears (terraform-aws-modules/terraform-aws-eks#2816, where an SSO role
 * replaced the creator). `keys.administratorArns` adds named administrators on top; they never replace the
 * account principal.
 *
 * Cryptographic use is not delegated to IAM: the account principal cannot encrypt or decrypt. Each consumer adds
 * its own statement naming exactly who may use the key, through which service (kms:ViaService) or for which
 * resource (encryption context, aws:SourceAccount): the cluster role for secrets, the EBS CSI driver and the
 * Auto Scaling service-linked role for volumes, Weaviate's backup role through S3, CloudWatch Logs for named log
 * groups, EventBridge and CloudWatch alarms for the alert topic.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KEY_PURPOSES, type KeyPurpose } from '../flows/index.js';
import { ValidationError } from './errors.js';

/** Actions of the administrators: everything except using the key and creating grants for non-AWS principals. */
export const KEY_ADMIN_ACTIONS = [
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:UpdateAlias',
  'kms:Describe*',
  'kms:Enable*',
  'kms:Disable*',
  'kms:List*',
  'kms:Get*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
] as const;

const DESCRIPTIONS: Record<KeyPurpose, string> = {
  'eks-secrets': 'Envelope encryption of Kubernetes secrets',
  ebs: 'EBS volumes of the nodes and of Weaviate',
  backup: 'Weaviate backups in S3',
  logs: 'CloudWatch log groups (VPC flow logs, EKS control plane)',
  alerting: 'Alert topics and queues',
};

export interface KeysProps {
  /** Alias of each key (`alias/<name>/<purpose>`; the manifests reference the alias ARNs). */
  readonly aliases: Readonly<Record<KeyPurpose, string>>;
  /** @default Duration.days(365) */
  readonly rotationPeriod?: Duration;
  /** Waiting period of a scheduled deletion. @default Duration.days(30) */
  readonly pendingWindow?: Duration;
  /** Roles that administer the keys, in addition to the account principal. @default [] */
  readonly administratorArns?: readonly string[];
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The keys to create, for a stack that needs only some (the us-east-1 edge stack has only log groups).
   * @default KEY_PURPOSES (all of them)
   */
  readonly purposes?: readonly KeyPurpose[];
  /** What a key encrypts, where a stack's use differs from the usual one (its description). @default - the usual use */
  readonly descriptions?: Readonly<Partial<Record<KeyPurpose, string>>>;
}

export class Keys extends Construct {
  /** The keys created (every purpose unless `purposes` narrowed them). */
  readonly keys: Readonly<Partial<Record<KeyPurpose, kms.Key>>>;

  constructor(scope: Construct, id: string, props: KeysProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const account = new iam.AccountRootPrincipal();
    const keys: Partial<Record<KeyPurpose, kms.Key>> = {};
    for (const purpose of props.purposes ?? KEY_PURPOSES) {
      const policy = new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountAdministration',
            principals: [account],
            actions: [...KEY_ADMIN_ACTIONS],
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'AccountGrantsForAwsServices',
            principals: [account],
            actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
            resources: ['*'],
            conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
          }),
          ...(props.administratorArns?.length
            ? [
                new iam.PolicyStatement({
                  sid: 'NamedAdministrators',
                  principals: props.administratorArns.map((arn) => new iam.ArnPrincipal(arn)),
                  actions: [...KEY_ADMIN_ACTIONS],
                  resources: ['*'],
                }),
              ]
            : []),
        ],
      });
      const key = new kms.Key(this, pascal(purpose), {
        description: `vectorfort ${stack.stackName}: ${props.descriptions?.[purpose] ?? DESCRIPTIONS[purpose]}`,
        alias: props.aliases[purpose],
        enableKeyRotation: true,
        rotationPeriod: props.rotationPeriod ?? Duration.days(365),
        pendingWindow: props.pendingWindow ?? Duration.days(30),
        policy,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      keys[purpose] = key;
    }
    this.keys = keys;

    // Alerting: EventBridge rules and CloudWatch alarms publish to the encrypted alert topic of this account.
    keys.alerting?.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlertPublishers',
        principals: [
          new iam.ServicePrincipal('events.amazonaws.com'),
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
        ],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }

  key(purpose: KeyPurpose): kms.Key {
    const key = this.keys[purpose];
    if (!key) throw new ValidationError('key-not-created', `no ${purpose} key was created here`, this);
    return key;
  }
}

function pascal(id: string): string {
  return id
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
