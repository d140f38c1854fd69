/** EC2.3: standalone EBS volumes are encrypted. */
import type { Inventory } from '../../inventory/model.js';
import { ASSUMPTIONS, assuming } from '../assumptions.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-DATA-019',
  area: 'data',
  title: 'EBS volumes are encrypted',
  severity: 'medium',
  rationale:
    'An unencrypted volume, and every snapshot taken of it, can be read by anyone who can attach or share it. Unless the volume says Encrypted, the outcome depends on an account setting (EBS encryption by default) the stack does not control.',
  remediation:
    'Set Encrypted to true on the AWS::EC2::Volume, with a customer-managed KmsKeyId (CDK: encrypted: true, encryptionKey).',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3',
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.3'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::EC2::Volume'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::Volume').map((v) => {
      const encrypted = boolOf(prop(v, 'Encrypted'), 'Encrypted');
      if (isUnknownValue(encrypted))
        return result(v, 'unknown', `Encrypted: ${encrypted.reason}`, 'Encrypted');
      if (encrypted === true) return result(v, 'pass', 'the volume is encrypted', 'Encrypted');
      return assuming(
        result(
          v,
          'fail',
          encrypted === false
            ? 'Encrypted is false: the volume is unencrypted'
            : 'Encrypted is not set: the volume is encrypted only if the account encrypts new volumes by default (or its snapshot is encrypted)',
          'Encrypted',
        ),
        ASSUMPTIONS.ebsDefaultEncryption,
      );
    });
  },
};
