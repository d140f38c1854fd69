/** Secrets Manager secrets are encrypted with a customer-managed KMS key. */
import type { Inventory } from '../../inventory/model.js';
import { prop, resourcesOfType, result } from '../network/cfn.js';
import { keyReference } from './key-reference.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-DATA-012',
  area: 'data',
  title: 'Secrets Manager secrets are encrypted with a customer-managed KMS key',
  severity: 'medium',
  rationale:
    'With the AWS-managed aws/secretsmanager key, anyone allowed secretsmanager:GetSecretValue in the account can read the secret. A customer-managed key adds a key policy that names who may decrypt, and cross-account sharing becomes possible only on purpose.',
  remediation:
    'Set KmsKeyId on the AWS::SecretsManager::Secret to a customer-managed key (CDK: encryptionKey).',
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
    'https://docs.aws.amazon.com/prescriptive-guidance/latest/secure-sensitive-data-secrets-manager-terraform/best-practices.html',
  ],
  frameworks: {
    'cis-eks-1.8': ['4.4.2'],
    'nist-csf-2.0': ['PR.DS-01', 'PR.AA-01'],
    'iso-27001-2022': ['A.5.17', 'A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::SecretsManager::Secret'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::SecretsManager::Secret').map((s) => {
      const key = keyReference(inventory, prop(s, 'KmsKeyId'));
      switch (key.kind) {
        case 'none':
          return result(s, 'fail', 'no KmsKeyId: the AWS-managed aws/secretsmanager key is used', 'KmsKeyId');
        case 'undetermined':
          return result(s, 'unknown', `KmsKeyId: ${key.reason}`, 'KmsKeyId');
        case 'aws-managed':
          return result(s, 'fail', `${key.text} is the AWS-managed key`, 'KmsKeyId');
        default:
          return result(s, 'pass', `encrypted with ${key.text}`, 'KmsKeyId');
      }
    });
  },
};
