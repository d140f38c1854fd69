/**
 * Three-valued reading of IAM policy statement terms (effect, principal, listed values): a term the template
 * leaves undetermined (a parameter, an import) may hold either way.
 */
import { isUnknown, type SymbolicValue } from '../../inventory/values.js';
import { isObject } from '../network/cfn.js';
import type { Maybe } from '../maybe.js';
import { asList } from './s3.js';

/** Whether the statement's `Effect` is `effect`. */
export function effectIs(statement: { readonly Effect?: SymbolicValue }, effect: 'Allow' | 'Deny'): Maybe {
  if (isUnknown(statement.Effect)) return 'maybe';
  return statement.Effect === effect ? 'yes' : 'no';
}

/** Whether a value (one value or a list of them) includes one of `wanted`; references never equal a literal. */
export function includesAny(value: SymbolicValue | undefined, wanted: readonly string[]): Maybe {
  if (isUnknown(value)) return 'maybe';
  const items = asList(value);
  if (items.some((v) => typeof v === 'string' && wanted.includes(v))) return 'yes';
  return items.some(isUnknown) ? 'maybe' : 'no';
}

/** Whether a statement's principal is everyone (`*` or `{AWS: '*'}`). */
export function principalIsEveryone(principal: SymbolicValue | undefined): Maybe {
  if (principal === '*') return 'yes';
  if (isUnknown(principal)) return 'maybe';
  return isObject(principal) ? includesAny(principal.AWS, ['*']) : 'no';
}
