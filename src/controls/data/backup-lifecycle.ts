/** S3.13: backup buckets have an enabled lifecycle rule (noncurrent versions and uploads expire). */
import type { Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { isBackupBucket } from './s3.js';

export const control: Control = {
  id: 'VF-DATA-005',
  area: 'data',
  title: 'Backup buckets have a lifecycle configuration',
  severity: 'low',
  rationale:
    'With versioning on, every overwrite keeps a copy forever unless a lifecycle rule expires noncurrent versions; backups then grow without bound, and abandoned multipart uploads accumulate unseen. A lifecycle rule states the retention on purpose.',
  remediation:
    'Add LifecycleConfiguration.Rules with Status Enabled: NoncurrentVersionExpiration for the retention period and AbortIncompleteMultipartUpload.',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-13',
  ],
  frameworks: {
    'aws-fsbp': ['S3.13'],
    'nist-csf-2.0': ['PR.DS-11'],
    'iso-27001-2022': ['A.8.13', 'A.5.33'],
    soc2: ['A1.2'],
  },
  appliesTo: ['AWS::S3::Bucket'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      if (!isBackupBucket(inventory, b)) return result(b, 'not-applicable', 'not a backup bucket');
      const path = 'LifecycleConfiguration.Rules';
      const rules = listOf(prop(b, path), 'Rules');
      if (isUnknownValue(rules)) return result(b, 'unknown', `lifecycle rules: ${rules.reason}`, path);
      const enabled = (rules ?? []).filter((r) => isObject(r) && r.Status === 'Enabled');
      if (enabled.length > 0) return result(b, 'pass', `${enabled.length} enabled lifecycle rule(s)`, path);
      return result(
        b,
        'fail',
        rules?.length ? 'no lifecycle rule is enabled' : 'no lifecycle configuration',
        path,
      );
    });
  },
};
