/** SecretsManager.1: secrets have automatic rotation. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, passIfCertain, prop, related, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { MAX_ROTATION_DAYS, rotationInterval } from './rotation-interval.js';

export const control: Control = {
  id: 'VF-DATA-013',
  area: 'data',
  title: 'Secrets Manager secrets rotate automatically',
  severity: 'medium',
  rationale:
    "A secret that never changes stays valid wherever it has leaked (a log line, a backup, a former employee's notes). Automatic rotation bounds that window and proves the consumers can handle a change.",
  remediation: `Add an AWS::SecretsManager::RotationSchedule for the secret with a rotation function (or HostedRotationLambda) and RotationRules of at most ${MAX_ROTATION_DAYS} days, and no longer than the interval the secret declares in its vectorfort:rotation-days tag (CDK: secret.addRotationSchedule).`,
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1',
  ],
  frameworks: {
    'aws-fsbp': ['SecretsManager.1'],
    'nist-csf-2.0': ['PR.AA-01'],
    'iso-27001-2022': ['A.5.17'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::SecretsManager::Secret', 'AWS::SecretsManager::RotationSchedule'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::SecretsManager::Secret').map((s) => {
      let undetermined: string | undefined;
      for (const [r, same] of related(
        inventory,
        'AWS::SecretsManager::RotationSchedule',
        'SecretId',
        s,
        'Name',
      )) {
        if (isUnknownValue(same)) undetermined = `${r.key}: ${same.reason}`;
        else if (same) {
          const hasRotator =
            prop(r, 'RotationLambdaARN') !== undefined || prop(r, 'HostedRotationLambda') !== undefined;
          if (!hasRotator) return result(s, 'fail', `${r.key} names no rotation function`);
          const interval = rotationInterval(r, s);
          if (interval.status !== 'pass') return result(s, interval.status, interval.message);
          return passIfCertain(s, r, `${r.key} rotates the secret`);
        }
      }
      if (undetermined) return result(s, 'unknown', undetermined);
      return result(s, 'fail', 'no rotation schedule');
    });
  },
};
