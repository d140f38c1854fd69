/**
 * Building strings out of resolved values: `Fn::Sub` and `Fn::Join` concatenate literals with references and
 * unknowns, and the result stays a plain string whenever every part is literal.
 */
import { ResourceRef, SymbolicString, Unknown, type SymbolicValue } from '../values.js';

export type Part = string | ResourceRef | Unknown;

/** The string parts of a scalar or symbolic value; undefined for lists, objects and null. */
export function partsOf(value: SymbolicValue): Part[] | undefined {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (value instanceof ResourceRef || value instanceof Unknown) return [value];
  if (value instanceof SymbolicString) return [...value.parts];
  return undefined;
}

/** Joins parts: a plain string when all are literal, the lone reference itself, else a SymbolicString. */
export function fromParts(parts: readonly Part[]): SymbolicValue {
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string') {
      if (part === '') continue;
      if (typeof last === 'string') merged[merged.length - 1] = last + part;
      else merged.push(part);
    } else merged.push(part);
  }
  if (merged.length === 0) return '';
  if (merged.length === 1) return merged[0]!;
  return new SymbolicString(merged);
}

/** True when the value contains no symbolic part anywhere. */
export function isPlainJson(value: SymbolicValue): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (value instanceof Unknown || value instanceof ResourceRef || value instanceof SymbolicString)
    return false;
  if (Array.isArray(value)) return (value as readonly SymbolicValue[]).every(isPlainJson);
  return Object.values(value as Record<string, SymbolicValue>).every(isPlainJson);
}

/**
 * Structural equality; scalars compare as CloudFormation compares them (as strings). Returns undefined when
 * symbolic parts make the answer depend on deploy-time values.
 */
export function symbolicEquals(a: SymbolicValue, b: SymbolicValue): boolean | undefined {
  const pa = partsOf(a);
  const pb = partsOf(b);
  if (pa && pb) {
    if (pa.every((p) => typeof p === 'string') && pb.every((p) => typeof p === 'string'))
      return pa.join('') === pb.join('');
    if (pa.length === pb.length && pa.every((p, i) => samePart(p, pb[i]!))) return true;
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    let result: boolean | undefined = true;
    for (let i = 0; i < a.length; i++) {
      const e = symbolicEquals((a as SymbolicValue[])[i]!, (b as SymbolicValue[])[i]!);
      if (e === false) return false;
      if (e === undefined) result = undefined;
    }
    return result;
  }
  if (a === null || b === null) return a === b;
  if (
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b) &&
    !pa &&
    !pb
  ) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return false;
    let result: boolean | undefined = true;
    for (const k of ka) {
      const e = symbolicEquals(
        (a as Record<string, SymbolicValue>)[k]!,
        (b as Record<string, SymbolicValue>)[k]!,
      );
      if (e === false) return false;
      if (e === undefined) result = undefined;
    }
    return result;
  }
  // One side is symbolic and the other a list or object: a symbolic scalar may still stand for a list.
  return pa?.some((p) => typeof p !== 'string') || pb?.some((p) => typeof p !== 'string') ? undefined : false;
}

function samePart(a: Part, b: Part): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a instanceof ResourceRef && b instanceof ResourceRef)
    return a.target === b.target && a.attribute === b.attribute;
  // Two unknowns are the same value only when they are the same pseudo parameter.
  return a instanceof Unknown && b instanceof Unknown && a.pseudo !== undefined && a.pseudo === b.pseudo;
}
