/** DynamoDB tables are encrypted with a customer-managed KMS key. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import { keyReference } from './key-reference.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-DATA-018',
  area: 'data',
  title: 'DynamoDB tables are encrypted with a customer-managed KMS key',
  severity: 'low',
  rationale:
    'DynamoDB encrypts every table, by default with an AWS-owned key that the account can neither restrict nor audit. A customer-managed key makes reading the table depend on a key policy and leaves a CloudTrail record of its use.',
  remediation:
    'Set SSESpecification {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <customer-managed key>} on the AWS::DynamoDB::Table (CDK: encryption: TableEncryption.CUSTOMER_MANAGED).',
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable').map((t) => {
      const path = 'SSESpecification';
      const enabled = boolOf(prop(t, `${path}.SSEEnabled`), 'SSEEnabled');
      if (isUnknownValue(enabled)) return result(t, 'unknown', `SSEEnabled: ${enabled.reason}`, path);
      if (enabled !== true)
        return result(
          t,
          'fail',
          'SSESpecification does not enable KMS encryption: an AWS-owned key is used',
          path,
        );
      // Global tables name their keys per replica; a table names it here.
      if (t.type === 'AWS::DynamoDB::GlobalTable')
        return result(t, 'pass', 'KMS encryption is enabled', path);
      const key = keyReference(inventory, prop(t, `${path}.KMSMasterKeyId`));
      switch (key.kind) {
        case 'none':
          return result(
            t,
            'fail',
            'KMS encryption without KMSMasterKeyId uses the AWS-managed aws/dynamodb key',
            path,
          );
        case 'undetermined':
          return result(t, 'unknown', `KMSMasterKeyId: ${key.reason}`, path);
        case 'aws-managed':
          return result(t, 'fail', `${key.text} is the AWS-managed key`, path);
        default:
          return result(t, 'pass', `encrypted with ${key.text}`, path);
      }
    });
  },
};
