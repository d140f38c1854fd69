/** S3.9: buckets record server access logs (log-target buckets excepted). */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, resourcesOfType, result, show } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { logTargetBuckets } from './s3.js';

export const control: Control = {
  id: 'VF-DATA-007',
  area: 'data',
  title: 'S3 buckets have server access logging enabled',
  severity: 'low',
  rationale:
    'Server access logs record each request (requester, operation, key, source address) including ones CloudTrail data events would not cover without extra cost; they are the evidence of who read or deleted a backup.',
  remediation:
    'Set LoggingConfiguration.DestinationBucketName (and a LogFilePrefix) on the AWS::S3::Bucket, pointing at a dedicated SSE-S3 log bucket (CDK: serverAccessLogsBucket).',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9',
  ],
  frameworks: {
    'aws-fsbp': ['S3.9'],
    'nist-csf-2.0': ['PR.PS-04', 'DE.CM-09'],
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::S3::Bucket'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const logTargets = logTargetBuckets(inventory);
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      const destination = prop(b, 'LoggingConfiguration.DestinationBucketName');
      if (isUnknownValue(destination))
        return result(b, 'unknown', `the log destination: ${destination.reason}`, 'LoggingConfiguration');
      if (destination !== undefined && destination !== null)
        return result(b, 'pass', `access logs go to ${show(destination)}`, 'LoggingConfiguration');
      if (logTargets.has(b.key))
        return result(
          b,
          'not-applicable',
          'the access-log bucket itself (logging it into itself would loop)',
        );
      return result(b, 'fail', 'no server access logging configured', 'LoggingConfiguration');
    });
  },
};
