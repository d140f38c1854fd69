/** KMS.4: symmetric customer-managed keys rotate their key material. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-DATA-008',
  area: 'data',
  title: 'KMS keys have automatic rotation enabled',
  severity: 'medium',
  rationale:
    'Rotation limits how much data one key version protects and how long a compromised version stays useful. KMS rotates transparently (old versions still decrypt), but only when asked to: EnableKeyRotation defaults to false.',
  remediation:
    'Set EnableKeyRotation: true (and optionally RotationPeriodInDays) on every symmetric AWS::KMS::Key (CDK: enableKeyRotation: true).',
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4',
  ],
  frameworks: {
    'aws-fsbp': ['KMS.4'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::KMS::Key'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::KMS::Key').map((k) => {
      const spec = stringOf(prop(k, 'KeySpec'), 'KeySpec') ?? 'SYMMETRIC_DEFAULT';
      if (isUnknownValue(spec)) return result(k, 'unknown', `KeySpec: ${spec.reason}`, 'KeySpec');
      if (spec !== 'SYMMETRIC_DEFAULT')
        return result(k, 'not-applicable', `${spec} keys cannot rotate automatically`, 'KeySpec');
      const rotation = boolOf(prop(k, 'EnableKeyRotation'), 'EnableKeyRotation');
      if (rotation === undefined)
        return result(k, 'fail', 'EnableKeyRotation is not set (default false)', 'EnableKeyRotation');
      if (isUnknownValue(rotation))
        return result(k, 'unknown', `EnableKeyRotation: ${rotation.reason}`, 'EnableKeyRotation');
      return rotation
        ? result(k, 'pass', 'automatic rotation is on', 'EnableKeyRotation')
        : result(k, 'fail', 'automatic rotation is off', 'EnableKeyRotation');
    });
  },
};
