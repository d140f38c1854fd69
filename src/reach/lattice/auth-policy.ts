/**
 * Evaluates a VPC Lattice auth policy for one request, with IAM's grammar and evaluation logic: an explicit Deny
 * wins, else an Allow whose principal, action, resource and every condition match, else the implicit deny.
 * Supported: `Principal` (`*`, `{AWS: ...}` with ARNs, account ids or `*`), `NotPrincipal` (unknown),
 * `Action`/`NotAction` and `Resource`/`NotResource` with IAM wildcards, and the condition operators of the
 * String, Arn, Bool and Null families with `IfExists` and the `ForAnyValue:`/`ForAllValues:` qualifiers over the
 * single-valued keys Lattice supplies. An operator or shape outside that makes the statement — and so the
 * decision, when it could change it — `unknown`, never allow or deny.
 *
 * Written by hand: no maintained JavaScript library evaluates IAM policies offline (the AWS policy simulator is
 * an API, and it does not take Lattice auth policies).
 */
import { parseBoundedJson } from '../../contract/bounded-yaml.js';
import { InputLimitError } from '../../contract/input-limits.js';

/** What Lattice knows about a request when it evaluates the auth policy. */
export interface LatticeRequest {
  /** The caller's IAM principal ARN; undefined for an unsigned (anonymous) request. */
  readonly principalArn?: string;
  /** The caller's account (`aws:PrincipalAccount`). */
  readonly principalAccount?: string;
  /** The caller's organization (`aws:PrincipalOrgID`); undefined when not in one. */
  readonly principalOrgId?: string;
  /** The VPC the request comes from (`vpc-lattice-svcs:SourceVpc`). */
  readonly sourceVpc: string;
  /** The account owning that VPC (`vpc-lattice-svcs:SourceVpcOwnerAccount`). */
  readonly sourceVpcOwnerAccount?: string;
  readonly method: string;
  readonly path: string;
  readonly port: number;
  /** The resource the request is for: `<service ARN>/<path>`. */
  readonly resource: string;
  readonly serviceArn?: string;
  readonly serviceNetworkArn?: string;
}

export type PolicyVerdict = 'allow' | 'deny' | 'unknown';

export interface PolicyDecision {
  readonly verdict: PolicyVerdict;
  /** Which statement decided (`Sid` or index), or why nothing did. */
  readonly reason: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Values of the condition keys a Lattice request carries (lower-case keys, as IAM compares them). */
function contextOf(request: LatticeRequest): Map<string, string> {
  const entries: [string, string | undefined][] = [
    ['aws:principaltype', request.principalArn ? principalType(request.principalArn) : 'Anonymous'],
    ['aws:principalarn', request.principalArn],
    ['aws:principalaccount', request.principalAccount],
    ['aws:principalorgid', request.principalOrgId],
    ['vpc-lattice-svcs:sourcevpc', request.sourceVpc],
    ['vpc-lattice-svcs:sourcevpcowneraccount', request.sourceVpcOwnerAccount],
    ['vpc-lattice-svcs:requestmethod', request.method],
    ['vpc-lattice-svcs:requestpath', request.path],
    ['vpc-lattice-svcs:port', String(request.port)],
    ['vpc-lattice-svcs:servicearn', request.serviceArn],
    ['vpc-lattice-svcs:servicenetworkarn', request.serviceNetworkArn],
  ];
  return new Map(entries.filter((e): e is [string, string] => e[1] !== undefined));
}

function principalType(arn: string): string {
  if (/^arn:[^:]+:sts::\d{12}:assumed-role\//.test(arn)) return 'AssumedRole';
  if (/:root$/.test(arn)) return 'Account';
  if (/^arn:[^:]+:iam::\d{12}:user\//.test(arn)) return 'User';
  return 'AssumedRole';
}

/** IAM's wildcard match: `*` any run of characters, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

type Match = boolean | 'unknown';
const and = (a: Match, b: Match): Match =>
  a === false || b === false ? false : a === 'unknown' || b === 'unknown' ? 'unknown' : true;
const or = (matches: readonly Match[]): Match =>
  matches.includes(true) ? true : matches.includes('unknown') ? 'unknown' : false;

/** The role ARN an assumed-role session stands for, so `Principal: {AWS: <role ARN>}` matches its sessions. */
function roleOfSession(arn: string): string | undefined {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

function principalMatches(principal: unknown, request: LatticeRequest): Match {
  if (principal === '*') return true;
  if (!isObject(principal)) return 'unknown';
  const keys = Object.keys(principal);
  if (keys.some((k) => k !== 'AWS')) return 'unknown';
  const arn = request.principalArn;
  return or(
    asList(principal.AWS).map((p): Match => {
      if (typeof p !== 'string') return 'unknown';
      if (p === '*') return true;
      if (!arn) return false;
      if (/^\d{12}$/.test(p) || /^arn:[^:]+:iam::\d{12}:root$/.test(p))
        return request.principalAccount === (p.match(/\d{12}/)?.[0] ?? p);
      return p === arn || p === roleOfSession(arn);
    }),
  );
}

const ACTION = 'vpc-lattice-svcs:Invoke';

function listMatches(patterns: unknown, value: string, ignoreCase: boolean): Match {
  return or(
    asList(patterns).map((p): Match =>
      typeof p === 'string' ? wildcardMatch(p, value, ignoreCase) : 'unknown',
    ),
  );
}

function negate(m: Match): Match {
  return m === 'unknown' ? 'unknown' : !m;
}

type Operator = (values: readonly string[], actual: string) => boolean;
const OPERATORS: Readonly<Record<string, { test: Operator; negated: boolean }>> = {
  stringequals: { test: (vs, a) => vs.includes(a), negated: false },
  stringnotequals: { test: (vs, a) => !vs.includes(a), negated: true },
  stringequalsignorecase: {
    test: (vs, a) => vs.some((v) => v.toLowerCase() === a.toLowerCase()),
    negated: false,
  },
  stringnotequalsignorecase: {
    test: (vs, a) => !vs.some((v) => v.toLowerCase() === a.toLowerCase()),
    negated: true,
  },
  stringlike: { test: (vs, a) => vs.some((v) => wildcardMatch(v, a)), negated: false },
  stringnotlike: { test: (vs, a) => !vs.some((v) => wildcardMatch(v, a)), negated: true },
  arnequals: { test: (vs, a) => vs.some((v) => wildcardMatch(v, a)), negated: false },
  arnlike: { test: (vs, a) => vs.some((v) => wildcardMatch(v, a)), negated: false },
  arnnotequals: { test: (vs, a) => !vs.some((v) => wildcardMatch(v, a)), negated: true },
  arnnotlike: { test: (vs, a) => !vs.some((v) => wildcardMatch(v, a)), negated: true },
  bool: { test: (vs, a) => vs.some((v) => v.toLowerCase() === a.toLowerCase()), negated: false },
};

/** One operator block (`{"StringEquals": {key: values}}`): every key must match. */
function operatorMatches(operator: string, block: unknown, context: Map<string, string>): Match {
  if (!isObject(block)) return 'unknown';
  let name = operator.toLowerCase();
  // Every key Lattice supplies holds one value, so the set qualifiers reduce to the plain operator, except that
  // ForAllValues over a missing key is true (an empty set) where the plain operator would be false.
  const forAll = name.startsWith('forallvalues:');
  name = name.replace(/^(forallvalues|foranyvalue):/, '');
  const ifExists = name.endsWith('ifexists');
  name = name.replace(/ifexists$/, '');
  let result: Match = true;
  for (const [key, raw] of Object.entries(block)) {
    const values = asList(raw).map((v) =>
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined,
    );
    if (values.some((v) => v === undefined)) return 'unknown';
    const actual = context.get(key.toLowerCase());
    if (name === 'null') {
      result = and(
        result,
        values.some((v) => (v!.toLowerCase() === 'true') === (actual === undefined)),
      );
      continue;
    }
    const op = OPERATORS[name];
    if (!op) return 'unknown';
    if (actual === undefined) {
      // IAM: a missing key fails a positive operator and satisfies a negated one; IfExists and ForAllValues
      // make it pass.
      result = and(result, ifExists || forAll || op.negated);
      continue;
    }
    result = and(result, op.test(values as string[], actual));
  }
  return result;
}

function conditionMatches(condition: unknown, context: Map<string, string>): Match {
  if (condition === undefined) return true;
  if (!isObject(condition)) return 'unknown';
  let result: Match = true;
  for (const [operator, block] of Object.entries(condition))
    result = and(result, operatorMatches(operator, block, context));
  return result;
}

/** Whether a statement applies to the request (principal, action, resource, conditions). */
function statementMatches(s: Json, request: LatticeRequest, context: Map<string, string>): Match {
  if (s.NotPrincipal !== undefined) return 'unknown';
  const principal = s.Principal === undefined ? 'unknown' : principalMatches(s.Principal, request);
  const action =
    s.Action !== undefined
      ? listMatches(s.Action, ACTION, true)
      : s.NotAction !== undefined
        ? negate(listMatches(s.NotAction, ACTION, true))
        : 'unknown';
  const resource =
    s.Resource !== undefined
      ? listMatches(s.Resource, request.resource, false)
      : s.NotResource !== undefined
        ? negate(listMatches(s.NotResource, request.resource, false))
        : 'unknown';
  return and(and(principal, action), and(resource, conditionMatches(s.Condition, context)));
}

/** The auth policy's decision for the request. `policy` is the parsed document (or its JSON text). */
export function evaluateAuthPolicy(policy: unknown, request: LatticeRequest): PolicyDecision {
  let document = policy;
  if (typeof document === 'string') {
    try {
      // Held to the input limits: the statements and conditions are read recursively.
      document = parseBoundedJson(document);
    } catch (error) {
      return {
        verdict: 'unknown',
        reason:
          error instanceof InputLimitError
            ? `the policy is not evaluated: ${error.message}`
            : 'the policy is not valid JSON',
      };
    }
  }
  if (!isObject(document)) return { verdict: 'unknown', reason: 'the policy is not a JSON object' };
  const statements = asList(document.Statement);
  const context = contextOf(request);
  const named = (s: unknown, i: number) =>
    isObject(s) && typeof s.Sid === 'string' ? `statement ${s.Sid}` : `statement ${i}`;
  let allowedBy: string | undefined;
  let mayDeny: string | undefined;
  let mayAllow: string | undefined;
  for (const [i, s] of statements.entries()) {
    if (!isObject(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) {
      mayDeny ??= `${named(s, i)} is malformed`;
      continue;
    }
    const m = statementMatches(s, request, context);
    if (s.Effect === 'Deny') {
      if (m === true) return { verdict: 'deny', reason: `explicit deny by ${named(s, i)}` };
      if (m === 'unknown') mayDeny ??= `${named(s, i)} (Deny) may apply`;
    } else if (m === true) allowedBy ??= named(s, i);
    else if (m === 'unknown') mayAllow ??= `${named(s, i)} (Allow) may apply`;
  }
  // A Deny that may apply leaves any allow open; an Allow that may apply matters only when nothing allows.
  if (mayDeny) return { verdict: 'unknown', reason: `${mayDeny}, which this evaluator cannot decide` };
  if (allowedBy) return { verdict: 'allow', reason: `allowed by ${allowedBy}` };
  if (mayAllow) return { verdict: 'unknown', reason: `${mayAllow}, which this evaluator cannot decide` };
  return { verdict: 'deny', reason: 'no statement allows it (implicit deny)' };
}
