/** Key-policy statements that consumers add to the key they use (each names exactly what it encrypts). */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * Lets CloudWatch Logs use the key for one log group only: the encryption context CloudWatch Logs sends names
 * the log group, so the condition pins the key to it.
 */
export function logGroupEncryptionStatement(scope: IConstruct, logGroupName: string): iam.PolicyStatement {
  const stack = Stack.of(scope);
  return new iam.PolicyStatement({
    sid: `CloudWatchLogs${logGroupName.replace(/[^A-Za-z0-9]/g, '')}`,
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnEquals: {
        'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    },
  });
}

/** The ARN pattern of a Secrets Manager secret by name (Secrets Manager appends six random characters). */
export function secretArnPattern(scope: IConstruct, secretName: string): string {
  return Stack.of(scope).formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${secretName}-??????`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * Lets whoever IAM allows to write or read the named secrets (CloudFormation creating them, an operator
 * rotating them, the notifier) use the key for them, through Secrets Manager of this account only. It replaces
 * the statement the Secret construct would add when given the key, which covers every secret of the account.
 */
export function secretsThroughSecretsManagerStatement(
  scope: IConstruct,
  sid: string,
  secretNames: readonly string[],
): iam.PolicyStatement {
  const stack = Stack.of(scope);
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.AccountRootPrincipal()],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: ['*'],
    conditions: {
      StringEquals: {
        'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com`,
        'kms:CallerAccount': stack.account,
      },
      StringLike: { 'kms:EncryptionContext:SecretARN': secretNames.map((n) => secretArnPattern(scope, n)) },
    },
  });
}
