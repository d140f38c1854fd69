/** KMS.5: key policies grant nothing to every principal without a condition naming the account or caller. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknown, type SymbolicValue } from '../../inventory/values.js';
import { isObject, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { asList, isEveryone, statementsOf } from './s3.js';
import { effectIs } from './statement-terms.js';

/** Condition keys that tie a wildcard principal to a known account, organization, principal or service source. */
const SCOPING_KEYS = [
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:userid',
  'kms:calleraccount',
];

/** A principal the template does not determine (a parameter), which could be `*`; references name a principal. */
function principalUndetermined(principal: SymbolicValue | undefined): boolean {
  if (isUnknown(principal)) return true;
  return isObject(principal) && (isUnknown(principal.AWS) || asList(principal.AWS).some(isUnknown));
}

export const control: Control = {
  id: 'VF-DATA-009',
  area: 'data',
  title: 'KMS key policies grant no access to every principal',
  severity: 'high',
  rationale:
    'A key policy statement with Principal * and no account or principal condition lets any AWS account use the key; combined with data encrypted under it, that is a data leak that IAM policies in the owning account cannot stop.',
  remediation:
    'Name principals explicitly in the key policy, or add a condition on aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, kms:CallerAccount or aws:SourceAccount to every statement with Principal *.',
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-5',
  ],
  frameworks: {
    'aws-fsbp': ['KMS.5'],
    'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
    'iso-27001-2022': ['A.5.15', 'A.8.24'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  appliesTo: ['AWS::KMS::Key'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::KMS::Key').map((k) => {
      const policy = prop(k, 'KeyPolicy');
      if (policy === undefined)
        return result(
          k,
          'pass',
          'no key policy given: KMS applies the default policy (the owning account only)',
          'KeyPolicy',
        );
      const statements = statementsOf(policy);
      if (isUnknownValue(statements))
        return result(k, 'unknown', `the key policy: ${statements.reason}`, 'KeyPolicy');
      // A statement whose Effect is undetermined would fail if it were Allow: it makes the key unknown, unless
      // another statement fails it outright.
      let undeterminedEffect: number | undefined;
      for (const [i, s] of statements.entries()) {
        const allows = effectIs(s, 'Allow');
        if (allows === 'no') continue;
        if (principalUndetermined(s.Principal))
          return result(
            k,
            'unknown',
            `statement ${i}: the principal is undetermined`,
            `KeyPolicy.Statement.${i}`,
          );
        if (!isEveryone(s.Principal)) continue;
        const condition = s.Condition;
        const keys = isObject(condition)
          ? Object.values(condition).flatMap((body) =>
              isObject(body) ? Object.keys(body).map((x) => x.toLowerCase()) : [],
            )
          : [];
        if (keys.some((x) => SCOPING_KEYS.includes(x))) continue;
        if (allows === 'maybe') undeterminedEffect ??= i;
        else
          return result(
            k,
            'fail',
            `statement ${typeof s.Sid === 'string' ? s.Sid : i} allows Principal * without an account or principal condition`,
            `KeyPolicy.Statement.${i}`,
          );
      }
      if (undeterminedEffect !== undefined)
        return result(
          k,
          'unknown',
          `statement ${undeterminedEffect} would allow Principal * without a condition, and its Effect is undetermined`,
          `KeyPolicy.Statement.${undeterminedEffect}`,
        );
      return result(k, 'pass', 'no statement grants every principal unconditionally', 'KeyPolicy');
    });
  },
};
