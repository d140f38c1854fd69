/** S3.5: bucket policies deny requests that do not use TLS. */
import type { Inventory } from '../../inventory/model.js';
import { resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { asList, bucketPolicies, conditionValues, isEveryone, type Statement } from './s3.js';

function deniesInsecureTransport(s: Statement): boolean {
  if (s.Effect !== 'Deny' || !isEveryone(s.Principal)) return false;
  if (!asList(s.Action).some((a) => a === 's3:*' || a === '*')) return false;
  return conditionValues(s, ['Bool', 'BoolIfExists'], 'aws:SecureTransport').some(
    (v) => v === false || v === 'false',
  );
}

export const control: Control = {
  id: 'VF-DATA-003',
  area: 'data',
  title: 'S3 bucket policies deny requests without TLS',
  severity: 'medium',
  rationale:
    'S3 accepts plain HTTP unless the bucket policy refuses it; requests and credentials-signed responses can then be read or altered on the way. A Deny on aws:SecureTransport false makes TLS mandatory for every principal.',
  remediation:
    'Add a bucket policy statement: Effect Deny, Principal *, Action s3:*, Resource the bucket and bucket/*, Condition Bool aws:SecureTransport "false" (CDK: enforceSSL: true).',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5',
    'https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule',
  ],
  frameworks: {
    'aws-fsbp': ['S3.5'],
    'nist-csf-2.0': ['PR.DS-02'],
    'iso-27001-2022': ['A.8.24', 'A.8.21'],
    soc2: ['CC6.7'],
  },
  appliesTo: ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      const { policies, statements, undetermined } = bucketPolicies(inventory, b);
      const deny = statements.findIndex(deniesInsecureTransport);
      if (deny >= 0)
        return result(b, 'pass', `${policies.map((p) => p.key).join(', ')} denies requests without TLS`);
      if (undetermined.length > 0)
        return result(b, 'unknown', `undetermined bucket policies: ${undetermined.join('; ')}`);
      return result(
        b,
        'fail',
        policies.length === 0
          ? 'no bucket policy: plain HTTP requests are accepted'
          : 'the bucket policy does not deny aws:SecureTransport false',
      );
    });
  },
};
