/** Backup buckets refuse object access that does not come through the VPC's S3 endpoint. */
import type { Inventory } from '../../inventory/model.js';
import { resourcesOfType, result, show } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { asList, bucketPolicies, conditionValues, isBackupBucket, isEveryone, type Statement } from './s3.js';

const NOT_EQUALS = ['StringNotEquals', 'StringNotEqualsIfExists', 'StringNotLike', 'StringNotLikeIfExists'];

/** The endpoint condition of a Deny-everyone statement over object access (also read by the log archive control). */
export function pinsToEndpoint(s: Statement): string | undefined {
  if (s.Effect !== 'Deny' || !isEveryone(s.Principal)) return undefined;
  const actions = asList(s.Action).filter((a): a is string => typeof a === 'string');
  const coversObjects = actions.some((a) => a === '*' || a === 's3:*' || /^s3:(GetObject|PutObject)/.test(a));
  if (!coversObjects) return undefined;
  for (const key of ['aws:SourceVpce', 'aws:SourceVpc']) {
    const values = conditionValues(s, NOT_EQUALS, key);
    if (values.length > 0) return `${key} ${values.map(show).join(', ')}`;
  }
  return undefined;
}

export const control: Control = {
  id: 'VF-DATA-006',
  area: 'data',
  title: 'Backup buckets accept object access only through the VPC endpoint',
  severity: 'high',
  rationale:
    "Backups are the whole database. If the backup role's credentials leak (from a pod, a log, a laptop), a bucket policy that denies object access from anywhere but the VPC's S3 endpoint stops them being used from outside.",
  remediation:
    "Add a Deny statement for s3:GetObject*/PutObject*/DeleteObject*/ListBucket with Principal * and Condition StringNotEquals aws:SourceVpce <the S3 gateway endpoint id> to the backup bucket's policy.",
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
    'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-11', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.13', 'A.8.3'],
    soc2: ['CC6.1', 'A1.2'],
  },
  appliesTo: ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      if (!isBackupBucket(inventory, b)) return result(b, 'not-applicable', 'not a backup bucket');
      const { statements, undetermined } = bucketPolicies(inventory, b);
      for (const s of statements) {
        const pin = pinsToEndpoint(s);
        if (pin) return result(b, 'pass', `object access is denied unless ${pin}`);
      }
      if (undetermined.length > 0)
        return result(b, 'unknown', `undetermined bucket policies: ${undetermined.join('; ')}`);
      return result(b, 'fail', 'nothing denies object access from outside the VPC endpoint');
    });
  },
};
