/**
 * Roles that people assume require MFA and last at most one hour. A role is "assumed by people" when its trust
 * policy lets an AWS principal that is not a role of the same template (an account, a user, a role elsewhere)
 * call sts:AssumeRole; roles assumed by services or by this template's own roles are machine identities.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { ResourceRef, type SymbolicValue } from '../../inventory/values.js';
import {
  boolOf,
  isObject,
  isUnknownValue,
  listOf,
  numberOf,
  prop,
  resourcesOfType,
  result,
  show,
  stringOf,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const MAX_ADMIN_SESSION_SECONDS = 3600;

const asList = (v: SymbolicValue | undefined): readonly SymbolicValue[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly SymbolicValue[]) : [v];

/** AWS principals of a statement that are not roles defined in the same template. */
function outsidePrincipals(
  inventory: Inventory,
  statement: { readonly [k: string]: SymbolicValue },
): SymbolicValue[] {
  const principal = statement.Principal;
  if (principal === '*') return ['*'];
  if (!isObject(principal)) return [];
  return asList(principal.AWS).filter((p) => {
    if (p instanceof ResourceRef) {
      const t = inventory.cfn.find((r) => r.key === p.target);
      return t?.type !== 'AWS::IAM::Role';
    }
    return true;
  });
}

function allowsAssumeRole(statement: { readonly [k: string]: SymbolicValue }): boolean {
  if (stringOf(statement.Effect) !== 'Allow') return false;
  return asList(statement.Action).some(
    (a) => typeof a === 'string' && /^(sts:AssumeRole|sts:\*|\*)$/i.test(a),
  );
}

function requiresMfa(statement: { readonly [k: string]: SymbolicValue }): boolean | 'unknown' {
  const condition = statement.Condition;
  if (condition === undefined) return false;
  if (!isObject(condition)) return 'unknown';
  const present = isObject(condition.Bool) ? boolOf(condition.Bool['aws:MultiFactorAuthPresent']) : undefined;
  if (isUnknownValue(present)) return 'unknown';
  if (present === true) return true;
  // aws:MultiFactorAuthAge exists only in MFA sessions, so a numeric bound on it also requires MFA.
  return (
    isObject(condition.NumericLessThan) && condition.NumericLessThan['aws:MultiFactorAuthAge'] !== undefined
  );
}

function check(inventory: Inventory, role: CfnResource): ControlResult | undefined {
  const path = 'AssumeRolePolicyDocument.Statement';
  const statements = listOf(prop(role, path), 'Statement');
  if (isUnknownValue(statements))
    return result(role, 'unknown', `the trust policy: ${statements.reason}`, path);
  const human = (statements ?? []).filter(
    (s): s is { readonly [k: string]: SymbolicValue } =>
      isObject(s) && allowsAssumeRole(s) && outsidePrincipals(inventory, s).length > 0,
  );
  if (human.length === 0) return undefined;
  const mfa = human.map((s) => requiresMfa(s));
  const duration = numberOf(prop(role, 'MaxSessionDuration'), 'MaxSessionDuration') ?? 3600;
  const problems = [
    ...(mfa.includes(false)
      ? [
          `${human
            .filter((_, i) => mfa[i] === false)
            .flatMap((s) => outsidePrincipals(inventory, s))
            .map(show)
            .join(', ')} may assume it without MFA`,
        ]
      : []),
    ...(typeof duration === 'number' && duration > MAX_ADMIN_SESSION_SECONDS
      ? [`sessions last up to ${duration} s (more than ${MAX_ADMIN_SESSION_SECONDS})`]
      : []),
  ];
  if (problems.length) return result(role, 'fail', problems.join('; '), path);
  if (mfa.includes('unknown') || isUnknownValue(duration))
    return result(role, 'unknown', 'the trust conditions or the session duration are not determined', path);
  return result(role, 'pass', `assumable only with MFA, sessions of at most ${duration} s`, path);
}

export const control: Control = {
  id: 'VF-ACCESS-003',
  area: 'access',
  title: 'Roles people assume require MFA and allow sessions of at most one hour',
  severity: 'high',
  rationale:
    'Administrator roles reach the cluster with cluster-admin rights. Without an MFA condition a leaked access key is enough to assume them; long sessions keep stolen session tokens useful for up to twelve hours.',
  remediation:
    'Add Condition {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to every trust statement that names an account, user or outside role, and set MaxSessionDuration to 3600 or less.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-03', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.5', 'A.5.17'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::IAM::Role'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::IAM::Role')
      .map((role) => check(inventory, role))
      .filter((r): r is ControlResult => r !== undefined);
  },
};
