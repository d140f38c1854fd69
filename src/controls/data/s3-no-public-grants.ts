/** S3.2 / S3.3: no bucket policy or canned ACL grants access to everyone. */
import type { Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { bucketPolicies } from './s3.js';
import { allOf } from '../maybe.js';
import { effectIs, principalIsEveryone } from './statement-terms.js';

const PUBLIC_ACLS = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];

export const control: Control = {
  id: 'VF-DATA-014',
  area: 'data',
  title: 'S3 bucket policies and ACLs grant nothing to everyone',
  severity: 'critical',
  rationale:
    "An Allow to Principal * without conditions, or a public canned ACL, publishes the bucket's contents (or lets anyone write to it). Block Public Access may mask it today; the grant stays a latent leak if that setting is ever relaxed.",
  remediation:
    'Remove Allow statements with Principal * that carry no restricting condition, and remove public canned ACLs (AccessControl) from the bucket.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
  ],
  frameworks: {
    'aws-fsbp': ['S3.2', 'S3.3'],
    'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
    'iso-27001-2022': ['A.8.3', 'A.8.12'],
    soc2: ['CC6.1', 'C1.1'],
  },
  appliesTo: ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      const acl = stringOf(prop(b, 'AccessControl'), 'AccessControl');
      if (isUnknownValue(acl)) return result(b, 'unknown', `AccessControl: ${acl.reason}`, 'AccessControl');
      if (typeof acl === 'string' && PUBLIC_ACLS.includes(acl))
        return result(b, 'fail', `canned ACL ${acl} grants access to everyone`, 'AccessControl');
      const { statements, undetermined } = bucketPolicies(inventory, b);
      const grants = statements.map((s) =>
        allOf(effectIs(s, 'Allow'), principalIsEveryone(s.Principal), isObject(s.Condition) ? 'no' : 'yes'),
      );
      const open = statements[grants.indexOf('yes')];
      if (open)
        return result(
          b,
          'fail',
          `a bucket policy allows ${JSON.stringify(open.Action)} to everyone without conditions`,
        );
      const possible = grants.indexOf('maybe');
      if (possible >= 0)
        undetermined.push(
          `statement ${possible} may allow everyone: its effect or principal is undetermined`,
        );
      if (undetermined.length > 0)
        return result(b, 'unknown', `undetermined bucket policies: ${undetermined.join('; ')}`);
      return result(b, 'pass', 'no public grant');
    });
  },
};
