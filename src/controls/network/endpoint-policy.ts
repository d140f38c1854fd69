/**
 * Reading a VPC endpoint's policy for the endpoint-policy controls: its statements, and the first one that
 * grants full access (or may, where one of its terms is undetermined). What counts as full access is each
 * control's own: every action to everyone for an interface endpoint, s3:* on * for the S3 gateway endpoint.
 */
import type { CfnResource } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import type { Maybe } from '../maybe.js';
import { isObject, isUnknownValue, listOf, prop } from './cfn.js';

export type EndpointPolicy =
  /** No PolicyDocument: AWS applies its full-access default. */
  | { readonly kind: 'absent' }
  | { readonly kind: 'undetermined'; readonly reason: string }
  | { readonly kind: 'statements'; readonly statements: readonly SymbolicValue[] };

export function endpointPolicy(e: CfnResource): EndpointPolicy {
  if (prop(e, 'PolicyDocument') === undefined) return { kind: 'absent' };
  const raw = prop(e, 'PolicyDocument.Statement');
  const statements = isObject(raw) ? [raw] : listOf(raw, 'Statement');
  if (isUnknownValue(statements)) return { kind: 'undetermined', reason: statements.reason };
  return { kind: 'statements', statements: statements ?? [] };
}

/** The first statement that is full access (`yes`), else the first that may be (`maybe`), else undefined. */
export function openStatement(
  statements: readonly SymbolicValue[],
  fullAccess: (statement: SymbolicValue) => Maybe,
): { readonly index: number; readonly certainty: 'yes' | 'maybe' } | undefined {
  const access = statements.map(fullAccess);
  for (const certainty of ['yes', 'maybe'] as const) {
    const index = access.indexOf(certainty);
    if (index >= 0) return { index, certainty };
  }
  return undefined;
}
