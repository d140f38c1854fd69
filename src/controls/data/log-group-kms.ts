/** CloudWatch log groups are encrypted with a customer-managed KMS key. */
import type { Inventory } from '../../inventory/model.js';
import { prop, resourcesOfType, result } from '../network/cfn.js';
import { keyReference } from './key-reference.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-DATA-011',
  area: 'data',
  title: 'CloudWatch log groups are encrypted with a customer-managed KMS key',
  severity: 'medium',
  rationale:
    "Control-plane audit logs, flow logs and application logs reveal the system's structure and sometimes data. With a customer-managed key, reading them needs kms:Decrypt as well as logs:GetLogEvents, and every read is recorded.",
  remediation:
    'Set KmsKeyId on every AWS::Logs::LogGroup to a customer-managed key whose policy admits logs.<region>.amazonaws.com for that group.',
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-01', 'PR.PS-04'],
    'iso-27001-2022': ['A.8.24', 'A.8.15'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::Logs::LogGroup'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::Logs::LogGroup').map((g) => {
      const key = keyReference(inventory, prop(g, 'KmsKeyId'));
      switch (key.kind) {
        case 'none':
          return result(g, 'fail', 'no KmsKeyId: CloudWatch Logs uses its service-owned key', 'KmsKeyId');
        case 'undetermined':
          return result(g, 'unknown', `KmsKeyId: ${key.reason}`, 'KmsKeyId');
        default:
          return result(g, 'pass', `encrypted with ${key.text}`, 'KmsKeyId');
      }
    });
  },
};
