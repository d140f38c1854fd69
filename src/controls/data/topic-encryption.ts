/** SNS.1: SNS topics are encrypted at rest with a customer-managed KMS key. */
import type { Inventory } from '../../inventory/model.js';
import { prop, resourcesOfType, result } from '../network/cfn.js';
import { keyReference } from './key-reference.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-DATA-016',
  area: 'data',
  title: 'SNS topics are encrypted with a customer-managed KMS key',
  severity: 'medium',
  rationale:
    'Security alerts and notifications carry resource names, addresses and findings. SNS stores messages unencrypted unless a KMS key is set; a customer-managed key also lets the key policy limit which services may publish.',
  remediation:
    'Set KmsMasterKeyId on the AWS::SNS::Topic to a customer-managed key whose policy admits the publishing services.',
  references: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1',
  ],
  frameworks: {
    'aws-fsbp': ['SNS.1'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::SNS::Topic'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::SNS::Topic').map((t) => {
      const key = keyReference(inventory, prop(t, 'KmsMasterKeyId'));
      switch (key.kind) {
        case 'none':
          return result(t, 'fail', 'no KmsMasterKeyId: messages are stored unencrypted', 'KmsMasterKeyId');
        case 'undetermined':
          return result(t, 'unknown', `KmsMasterKeyId: ${key.reason}`, 'KmsMasterKeyId');
        case 'aws-managed':
          return result(t, 'fail', `${key.text} is the AWS-managed key`, 'KmsMasterKeyId');
        default:
          return result(t, 'pass', `encrypted with ${key.text}`, 'KmsMasterKeyId');
      }
    });
  },
};
