/** S3.14: backup buckets keep object versions, so a deleted or overwritten backup can be recovered. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { isBackupBucket } from './s3.js';

export const control: Control = {
  id: 'VF-DATA-004',
  area: 'data',
  title: 'Backup buckets have versioning enabled',
  severity: 'high',
  rationale:
    'Without versioning an overwrite or delete (a bug, an operator, ransomware with the backup role) destroys the only copy of a backup. Versioning keeps prior versions for the lifecycle period.',
  remediation:
    'Set VersioningConfiguration.Status to Enabled on the backup AWS::S3::Bucket (CDK: versioned: true).',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14',
  ],
  frameworks: {
    'aws-fsbp': ['S3.14'],
    'nist-csf-2.0': ['PR.DS-11'],
    'iso-27001-2022': ['A.8.13'],
    soc2: ['A1.2'],
  },
  appliesTo: ['AWS::S3::Bucket'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      if (!isBackupBucket(inventory, b)) return result(b, 'not-applicable', 'not a backup bucket');
      const path = 'VersioningConfiguration.Status';
      const status = stringOf(prop(b, path), 'Status');
      if (isUnknownValue(status)) return result(b, 'unknown', `versioning: ${status.reason}`, path);
      return status === 'Enabled'
        ? result(b, 'pass', 'versioning is enabled', path)
        : result(
            b,
            'fail',
            status ? `versioning is ${status}` : 'versioning is not configured (off by default)',
            path,
          );
    });
  },
};
