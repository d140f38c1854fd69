/**
 * Reading the enclave's operator roles: the provisioner (tag `vectorfort:enclave-role=provisioner`), the
 * vendor's account it trusts, and every other role whose trust admits a principal of that account.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import { TAG_ENCLAVE_ROLE } from '../../contract/keys.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, stringOf, tagOf } from '../network/cfn.js';

export type Statement = { readonly [k: string]: SymbolicValue };

const asList = (v: SymbolicValue | undefined): readonly SymbolicValue[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly SymbolicValue[]) : [v];

/** Allow statements of a role's trust policy that let something assume it; undefined when not determined. */
export function trustStatements(role: CfnResource): Statement[] | undefined {
  const statements = listOf(prop(role, 'AssumeRolePolicyDocument.Statement'), 'Statement');
  if (isUnknownValue(statements)) return undefined;
  return (statements ?? []).filter(
    (s): s is Statement =>
      isObject(s) &&
      stringOf(s.Effect) === 'Allow' &&
      asList(s.Action).some((a) => typeof a === 'string' && /^(sts:AssumeRole|sts:\*|\*)$/i.test(a)),
  );
}

/** The 12-digit accounts a statement's AWS principals name (`123…`, `arn:aws:iam::123…:…`). */
export function principalAccounts(statement: Statement): string[] {
  const principal = statement.Principal;
  if (!isObject(principal)) return [];
  return asList(principal.AWS).flatMap((p) => {
    if (typeof p !== 'string') return [];
    const m = /^(\d{12})$|^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p);
    return m ? [m[1] ?? m[2]!] : [];
  });
}

export function condition(statement: Statement, operator: string, key: string): SymbolicValue | undefined {
  const c = statement.Condition;
  if (!isObject(c)) return undefined;
  const block = c[operator];
  return isObject(block) ? block[key] : undefined;
}

export function provisionerRoles(inventory: Inventory): CfnResource[] {
  return resourcesOfType(inventory, 'AWS::IAM::Role').filter(
    (r) => tagOf(r, TAG_ENCLAVE_ROLE) === 'provisioner',
  );
}

/** The vendor accounts: those the provisioner roles trust. */
export function vendorAccounts(inventory: Inventory): Set<string> {
  const accounts = new Set<string>();
  for (const role of provisionerRoles(inventory))
    for (const s of trustStatements(role) ?? []) for (const a of principalAccounts(s)) accounts.add(a);
  return accounts;
}
