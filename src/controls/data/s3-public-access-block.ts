/** S3.8: all four block-public-access settings are on for every bucket. */
import type { Inventory } from '../../inventory/model.js';
import { ASSUMPTIONS, assuming } from '../assumptions.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

const SETTINGS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
] as const;

export const control: Control = {
  id: 'VF-DATA-002',
  area: 'data',
  title: 'S3 buckets block all public access',
  severity: 'high',
  rationale:
    'Block Public Access is the guard rail that makes a mistaken ACL or bucket policy harmless. Since April 2023 new buckets get all four settings; a template that sets the configuration but leaves one out turns that setting off.',
  remediation:
    'Omit PublicAccessBlockConfiguration (new buckets block everything) or set all four of BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true (CDK: BlockPublicAccess.BLOCK_ALL).',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8',
  ],
  frameworks: {
    'aws-fsbp': ['S3.8', 'S3.2', 'S3.3'],
    'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
    'iso-27001-2022': ['A.8.3', 'A.8.12'],
    soc2: ['CC6.1', 'C1.1'],
  },
  appliesTo: ['AWS::S3::Bucket'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => {
      const path = 'PublicAccessBlockConfiguration';
      if (prop(b, path) === undefined)
        return assuming(
          result(b, 'pass', 'not set: S3 enables all four block-public-access settings on new buckets', path),
          ASSUMPTIONS.s3BlockPublicAccess,
        );
      const off: string[] = [];
      const unknown: string[] = [];
      for (const s of SETTINGS) {
        // Inside an explicit configuration, an omitted setting is false.
        const v = boolOf(prop(b, `${path}.${s}`), s) ?? false;
        if (isUnknownValue(v)) unknown.push(`${s}: ${v.reason}`);
        else if (!v) off.push(s);
      }
      if (off.length > 0) return result(b, 'fail', `not blocked: ${off.join(', ')}`, path);
      if (unknown.length > 0) return result(b, 'unknown', unknown.join('; '), path);
      return result(b, 'pass', 'all four settings are on', path);
    });
  },
};
