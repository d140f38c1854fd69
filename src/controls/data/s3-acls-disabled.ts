/** S3.12: ACLs are disabled (bucket owner enforced), so access is governed by policies alone. */
import type { Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { cloudFrontLogBuckets } from './s3.js';

export const control: Control = {
  id: 'VF-DATA-015',
  area: 'data',
  title: 'S3 buckets disable ACLs (object ownership: bucket owner enforced)',
  severity: 'medium',
  rationale:
    'With ACLs enabled, objects written by other accounts stay theirs and per-object grants bypass the bucket policy review. BucketOwnerEnforced (the default for new buckets since April 2023) disables ACLs entirely.',
  remediation:
    'Leave OwnershipControls unset or set ObjectOwnership to BucketOwnerEnforced, and remove AccessControl from the AWS::S3::Bucket (CDK: objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED).',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-12',
  ],
  frameworks: {
    'aws-fsbp': ['S3.12'],
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.5.15'],
    soc2: ['CC6.3'],
  },
  appliesTo: ['AWS::S3::Bucket'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const cloudFrontLogs = cloudFrontLogBuckets(inventory);
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      if (cloudFrontLogs.has(b.key))
        return result(
          b,
          'not-applicable',
          "CloudFront's standard logging delivers through ACLs and needs them enabled",
        );
      const rules = listOf(prop(b, 'OwnershipControls.Rules'), 'Rules');
      if (isUnknownValue(rules))
        return result(b, 'unknown', `ownership controls: ${rules.reason}`, 'OwnershipControls');
      const first = rules?.find((r) => isObject(r) || isUnknownValue(r));
      if (isUnknownValue(first))
        return result(b, 'unknown', `ownership rule: ${first.reason}`, 'OwnershipControls');
      const ownership =
        first && isObject(first) ? stringOf(first.ObjectOwnership, 'ObjectOwnership') : undefined;
      if (isUnknownValue(ownership))
        return result(b, 'unknown', `ObjectOwnership: ${ownership.reason}`, 'OwnershipControls');
      const acl = stringOf(prop(b, 'AccessControl'), 'AccessControl');
      if (isUnknownValue(acl)) return result(b, 'unknown', `AccessControl: ${acl.reason}`, 'AccessControl');
      if (ownership === undefined && acl === undefined)
        return result(
          b,
          'pass',
          'not set: new buckets enforce bucket ownership (ACLs disabled)',
          'OwnershipControls',
        );
      if (ownership === 'BucketOwnerEnforced' || (ownership === undefined && acl === 'Private'))
        return result(b, 'pass', 'ACLs are disabled', 'OwnershipControls');
      return result(
        b,
        'fail',
        ownership
          ? `ObjectOwnership ${ownership} keeps ACLs in effect`
          : `AccessControl ${String(acl)} relies on ACLs`,
        'OwnershipControls',
      );
    });
  },
};
