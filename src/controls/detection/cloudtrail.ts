/** FSBP CloudTrail.1/2/4/5: multi-region, KMS-encrypted, validated trails that log to CloudWatch Logs. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknown, type SymbolicValue } from '../../inventory/values.js';
import { keyReference } from '../data/key-reference.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { absentResults } from './platform.js';

function isAttributeReference(v: SymbolicValue | undefined): boolean {
  return (
    isUnknown(v) && typeof v.expression === 'object' && v.expression !== null && 'Fn::GetAtt' in v.expression
  );
}

export const control: Control = {
  id: 'VF-DETECTION-001',
  area: 'detection',
  title: 'CloudTrail trails are multi-region, logging, KMS-encrypted, validated and sent to CloudWatch Logs',
  severity: 'high',
  rationale:
    'The trail is the record of every API call against the deployment. A single-region trail misses activity in other regions, unvalidated files can be altered unnoticed, unencrypted logs leak resource details, and without CloudWatch Logs no alarm can fire on them.',
  remediation:
    'Set IsLogging, IsMultiRegionTrail and EnableLogFileValidation to true, KMSKeyId to a customer-managed key, and CloudWatchLogsLogGroupArn with CloudWatchLogsRoleArn.',
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html',
  ],
  frameworks: {
    'aws-fsbp': ['CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5'],
    'nist-csf-2.0': ['PR.PS-04', 'DE.CM-01'],
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::CloudTrail::Trail'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const trails = resourcesOfType(inventory, 'AWS::CloudTrail::Trail');
    if (trails.length === 0) return absentResults(inventory, 'CloudTrail trail');
    return trails.map((t) => {
      const problems: string[] = [];
      const unknowns: string[] = [];
      for (const [key, label] of [
        ['IsLogging', 'logging is off'],
        ['IsMultiRegionTrail', 'single-region trail'],
        ['EnableLogFileValidation', 'log file validation is off'],
      ] as const) {
        const v = boolOf(prop(t, key), key);
        if (isUnknownValue(v)) unknowns.push(`${key}: ${v.reason}`);
        else if (v !== true) problems.push(label);
      }
      const written = prop(t, 'KMSKeyId');
      const key = keyReference(inventory, written);
      if (key.kind === 'none') problems.push('no KMS key (SSE-S3 only)');
      // An attribute of a resource names a key even when that resource is elsewhere; a value a parameter,
      // import or condition chooses may be empty.
      else if (key.kind === 'undetermined' && !isAttributeReference(written))
        unknowns.push(`KMSKeyId: ${key.reason}`);
      if (
        prop(t, 'CloudWatchLogsLogGroupArn') === undefined ||
        prop(t, 'CloudWatchLogsRoleArn') === undefined
      )
        problems.push('not delivered to CloudWatch Logs');
      if (problems.length) return result(t, 'fail', problems.join('; '));
      if (unknowns.length) return result(t, 'unknown', unknowns.join('; '));
      return result(
        t,
        'pass',
        'multi-region, logging, KMS-encrypted, validated, delivered to CloudWatch Logs',
      );
    });
  },
};
