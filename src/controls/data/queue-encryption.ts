/** SQS.1: SQS queues are encrypted at rest with a customer-managed KMS key. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import { keyReference } from './key-reference.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-DATA-017',
  area: 'data',
  title: 'SQS queues are encrypted with a customer-managed KMS key',
  severity: 'low',
  rationale:
    'New queues default to SSE-SQS, whose keys the account cannot restrict or audit; a customer-managed key adds a key policy and CloudTrail records of every decrypt, and SQS.1 fails a queue with neither.',
  remediation:
    'Set KmsMasterKeyId on the AWS::SQS::Queue to a customer-managed key (and remove SqsManagedSseEnabled).',
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1',
  ],
  frameworks: {
    'aws-fsbp': ['SQS.1'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::SQS::Queue'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::SQS::Queue').map((q) => {
      const key = keyReference(inventory, prop(q, 'KmsMasterKeyId'));
      if (key.kind === 'customer') return result(q, 'pass', `encrypted with ${key.text}`, 'KmsMasterKeyId');
      if (key.kind === 'aws-managed')
        return result(q, 'fail', `${key.text} is the AWS-managed key`, 'KmsMasterKeyId');
      if (key.kind === 'undetermined')
        return result(q, 'unknown', `KmsMasterKeyId: ${key.reason}`, 'KmsMasterKeyId');
      const managed = boolOf(prop(q, 'SqsManagedSseEnabled'), 'SqsManagedSseEnabled');
      if (isUnknownValue(managed))
        return result(q, 'unknown', `SqsManagedSseEnabled: ${managed.reason}`, 'SqsManagedSseEnabled');
      return managed === false
        ? result(q, 'fail', 'encryption at rest is turned off', 'SqsManagedSseEnabled')
        : result(q, 'fail', 'no KmsMasterKeyId: SQS-owned keys (SSE-SQS) only', 'KmsMasterKeyId');
    });
  },
};
