/**
 * Readers for resolved CloudFormation property values: each returns the value when the input determines it in
 * the expected shape, and undefined otherwise, so a builder can mark what it could not read as unknown.
 */
import type { ResourceRef, SymbolicValue } from '../../../inventory/values.js';
import { isRef, isSymbolic, isUnknown } from '../../../inventory/values.js';
import type { RuleProtocol } from '../model.js';

export const str = (v: SymbolicValue | undefined): string | undefined =>
  typeof v === 'string' ? v : undefined;

/** Numbers, and numeric strings (CloudFormation accepts `"443"` where a number is expected). */
export const num = (v: SymbolicValue | undefined): number | undefined =>
  typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))
      ? Number(v)
      : undefined;

/** A list property, or a single value standing for a list of one. */
export const list = (v: SymbolicValue | undefined): readonly SymbolicValue[] =>
  Array.isArray(v) ? v : v === undefined ? [] : [v];

export const bool = (v: SymbolicValue | undefined): boolean | undefined =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;

/** The inventory key of the resource a `Ref` or `Fn::GetAtt` points at. */
export const target = (v: SymbolicValue | undefined): string | undefined =>
  isRef(v) ? (v as ResourceRef).target : undefined;

/**
 * A value as it appears in a note: a literal id quoted, a reference as `${Stack/LogicalId}`, and a value the
 * input does not determine by the reason (which names the parameter or import it comes from).
 */
export const describeValue = (v: SymbolicValue): string =>
  isUnknown(v) ? `(${v.reason})` : isSymbolic(v) ? String(v) : JSON.stringify(v);

/**
 * Why a referenced network object is not in the model: an id from outside the input (a literal, a parameter,
 * an import), or a resource of the input that is not created unconditionally. What it does is decided at
 * deploy time, so paths through it are unknown.
 */
export function outsideTheInput(what: string, v: SymbolicValue): string {
  return isRef(v)
    ? `${what} ${describeValue(v)} is not created unconditionally by the input`
    : `${what} ${describeValue(v)} is not in the input`;
}

/** An IP protocol by name or number (`tcp`, `6`, `-1`); undefined when the input does not determine it. */
export function protocolOf(v: SymbolicValue | undefined): RuleProtocol | undefined {
  const p = typeof v === 'number' ? String(v) : str(v)?.toLowerCase();
  if (p === undefined) return undefined;
  if (p === '-1' || p === 'all') return 'all';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  if (p === 'icmp' || p === '1') return 'icmp';
  return 'other';
}
