/**
 * Lattice auth policies bind every Allow to conditions, and a `*` principal to a condition that says who the
 * caller is (organization, account, principal ARN or tag) or where it calls from (source VPC or its owner).
 */
import { parseBoundedJson } from '../../contract/bounded-yaml.js';
import type { Inventory } from '../../inventory/model.js';
import { isSymbolic, type SymbolicValue } from '../../inventory/values.js';
import { isObject, prop, resourcesOfType, result, worst } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** Condition keys that narrow who may call (identity or origin), compared by IAM in lower case. */
const NARROWING_KEYS = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'vpc-lattice-svcs:sourcevpc',
  'vpc-lattice-svcs:sourcevpcowneraccount',
];
/** Operators that admit only the values listed (negated operators admit everything else). */
const NARROWING_OPERATORS =
  /^(foranyvalue:|forallvalues:)?(stringequals|stringequalsignorecase|stringlike|arnequals|arnlike)$/;

const narrows = (key: string) => NARROWING_KEYS.includes(key) || key.startsWith('aws:principaltag/');

type Verdict = { status: 'pass' | 'fail' | 'unknown'; message: string };

function isStar(principal: SymbolicValue | undefined): boolean | undefined {
  if (principal === '*') return true;
  if (!isObject(principal)) return isSymbolic(principal) ? undefined : false;
  const aws = principal.AWS;
  const list = Array.isArray(aws) ? aws : [aws];
  if (list.some((p) => isSymbolic(p))) return undefined;
  return list.includes('*');
}

function judgeStatement(s: SymbolicValue, name: string): Verdict {
  if (!isObject(s)) return { status: 'unknown', message: `${name} is not determined` };
  if (s.Effect === 'Deny') return { status: 'pass', message: `${name} denies` };
  if (s.Effect !== 'Allow') return { status: 'unknown', message: `${name}: Effect is not determined` };
  const condition = s.Condition;
  if (condition === undefined) return { status: 'fail', message: `${name} allows without any condition` };
  if (!isObject(condition)) return { status: 'unknown', message: `${name}: Condition is not determined` };
  if (Object.keys(condition).length === 0)
    return { status: 'fail', message: `${name} allows with an empty Condition` };
  const star = isStar(s.Principal ?? (s.NotPrincipal !== undefined ? '*' : undefined));
  if (star === undefined) return { status: 'unknown', message: `${name}: Principal is not determined` };
  if (!star) return { status: 'pass', message: `${name} names its principals and has conditions` };
  const keys = Object.entries(condition).flatMap(([operator, block]) =>
    NARROWING_OPERATORS.test(operator.toLowerCase()) && isObject(block)
      ? Object.keys(block).map((k) => k.toLowerCase())
      : [],
  );
  const narrowing = keys.filter(narrows);
  return narrowing.length > 0
    ? { status: 'pass', message: `${name}: principal * narrowed by ${narrowing.join(', ')}` }
    : {
        status: 'fail',
        message: `${name}: principal * with no condition on who calls (organization, account, principal, source VPC)`,
      };
}

function documentOf(policy: SymbolicValue | undefined): SymbolicValue | undefined {
  if (typeof policy !== 'string') return policy;
  try {
    // Held to the input limits: the statements are read recursively.
    return parseBoundedJson(policy) as SymbolicValue;
  } catch {
    return undefined;
  }
}

export const control: Control = {
  id: 'VF-LATTICE-002',
  area: 'lattice',
  title: 'VPC Lattice auth policies allow only with conditions, never a bare `*` principal',
  severity: 'high',
  rationale:
    'An Allow without conditions, or with principal `*` narrowed by nothing but the method or the anonymous check, lets every IAM principal of every AWS account whose VPC reaches the service network call the service: signing proves who the caller is, only the policy decides whether that is acceptable.',
  remediation:
    'Give each Allow statement of the AWS::VpcLattice::AuthPolicy named principals or a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or vpc-lattice-svcs:SourceVpc, plus the methods and paths the consumer needs.',
  references: [
    'https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.5.15', 'A.8.20'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  appliesTo: ['AWS::VpcLattice::AuthPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::VpcLattice::AuthPolicy').map((r) => {
      const document = documentOf(prop(r, 'Policy'));
      if (!isObject(document))
        return result(r, 'unknown', 'Policy is not determined or not a JSON object', 'Policy');
      const raw = document.Statement;
      const statements = Array.isArray(raw) ? (raw as SymbolicValue[]) : raw === undefined ? [] : [raw];
      if (statements.length === 0) return result(r, 'pass', 'no statement allows anything', 'Policy');
      const verdicts = statements.map((s, i) =>
        judgeStatement(s, isObject(s) && typeof s.Sid === 'string' ? `statement ${s.Sid}` : `statement ${i}`),
      );
      const status = worst(verdicts.map((v) => v.status));
      const deciding = verdicts.filter((v) => v.status === status);
      return result(r, status, deciding.map((v) => v.message).join('; '), 'Policy.Statement');
    });
  },
};
