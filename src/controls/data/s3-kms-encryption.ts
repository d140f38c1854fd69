/** S3.17: buckets are encrypted at rest with a customer-managed KMS key. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { ASSUMPTIONS, assuming } from '../assumptions.js';
import {
  isObject,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  result,
  show,
  stringOf,
} from '../network/cfn.js';
import { keyReference } from './key-reference.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { logTargetBuckets } from './s3.js';

export const control: Control = {
  id: 'VF-DATA-001',
  area: 'data',
  title: 'S3 buckets are encrypted with a customer-managed KMS key',
  severity: 'medium',
  rationale:
    'SSE-S3 (the default) and the AWS-managed aws/s3 key encrypt data, but anyone with s3:GetObject can read it. A customer-managed key adds a second, separately audited permission, lets the account revoke access to all objects at once, and logs every decrypt in CloudTrail.',
  remediation:
    'Set BucketEncryption.ServerSideEncryptionConfiguration to SSEAlgorithm aws:kms with KMSMasterKeyID a customer-managed key, and BucketKeyEnabled true (CDK: encryption: BucketEncryption.KMS, encryptionKey).',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
  ],
  frameworks: {
    'aws-fsbp': ['S3.17'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1', 'C1.1'],
  },
  appliesTo: ['AWS::S3::Bucket'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const logTargets = logTargetBuckets(inventory);
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) =>
      logTargets.has(b.key)
        ? result(
            b,
            'not-applicable',
            'a server access log target: S3 delivers access logs only to SSE-S3 buckets',
          )
        : bucketKmsEncryption(inventory, b),
    );
  },
};

/** Whether a bucket's default encryption is a customer-managed KMS key (also read by the log archive control). */
export function bucketKmsEncryption(inventory: Inventory, b: CfnResource): ControlResult {
  const path = 'BucketEncryption.ServerSideEncryptionConfiguration';
  const rules = listOf(prop(b, path), 'ServerSideEncryptionConfiguration');
  if (rules === undefined || (Array.isArray(rules) && rules.length === 0))
    return assuming(
      result(
        b,
        'fail',
        'no default encryption configured: S3 applies SSE-S3 (AWS-owned keys)',
        'BucketEncryption',
      ),
      ASSUMPTIONS.s3DefaultEncryption,
    );
  if (isUnknownValue(rules))
    return result(b, 'unknown', `the encryption configuration: ${rules.reason}`, path);
  const rule = rules[0];
  const byDefault = isObject(rule) ? rule.ServerSideEncryptionByDefault : undefined;
  if (!isObject(byDefault)) return result(b, 'unknown', `the encryption rule is ${show(rule)}`, path);
  const algorithm = stringOf(byDefault.SSEAlgorithm, 'SSEAlgorithm');
  if (isUnknownValue(algorithm))
    return result(b, 'unknown', `SSEAlgorithm: ${algorithm.reason}`, `${path}.0`);
  if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse')
    return result(b, 'fail', `SSEAlgorithm ${algorithm ?? 'not set'}: not a KMS key`, `${path}.0`);
  const key = keyReference(inventory, byDefault.KMSMasterKeyID);
  switch (key.kind) {
    case 'none':
      return result(b, 'fail', 'aws:kms without KMSMasterKeyID uses the AWS-managed aws/s3 key', `${path}.0`);
    case 'undetermined':
      return result(b, 'unknown', `KMSMasterKeyID: ${key.reason}`, `${path}.0`);
    case 'aws-managed':
      return result(b, 'fail', `${key.text} is an AWS-managed key`, `${path}.0`);
    default:
      return result(b, 'pass', `encrypted with KMS key ${key.text}`, `${path}.0`);
  }
}
