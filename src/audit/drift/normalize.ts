/**
 * Values of the baseline and of the live account brought to one comparable form: a reference becomes the
 * logical id it names (a template's `Fn::GetAtt Group.GroupId` and the live group id are the same thing), and
 * a value either side does not determine is not comparable at all, so it is never reported as drift.
 */
import { parseBoundedJson } from '../../contract/bounded-yaml.js';
import {
  ResourceRef,
  SymbolicString,
  Unknown,
  isPlainObject,
  type SymbolicValue,
} from '../../inventory/values.js';

/** Marks a value that cannot be compared. */
export const NOT_COMPARABLE = Symbol('not comparable');

export type Comparable = null | boolean | number | string | Comparable[] | { [key: string]: Comparable };

export function comparable(value: SymbolicValue | undefined): Comparable | typeof NOT_COMPARABLE | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Unknown || value instanceof SymbolicString) return NOT_COMPARABLE;
  if (value instanceof ResourceRef) return { Ref: logicalIdOf(value.target) };
  // A policy may be written as JSON text in a template and comes back as a document live.
  if (typeof value === 'string' && value.startsWith('{') && value.endsWith('}')) {
    try {
      // Held to the input limits (the document is compared recursively); past them, compared as text.
      return comparable(parseBoundedJson(value) as SymbolicValue);
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) {
    const out: Comparable[] = [];
    for (const v of value as SymbolicValue[]) {
      const c = comparable(v);
      if (c === NOT_COMPARABLE) return NOT_COMPARABLE;
      if (c !== undefined) out.push(c);
    }
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, Comparable> = {};
    for (const key of Object.keys(value).sort()) {
      const c = comparable(value[key]);
      if (c === NOT_COMPARABLE) return NOT_COMPARABLE;
      if (c !== undefined) out[key] = c;
    }
    return out;
  }
  return value as Comparable;
}

/** `Stack/LogicalId` → `LogicalId` (the stacks of baseline and live may be named differently). */
export function logicalIdOf(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

/** Booleans and numbers written as strings in a template (`"true"`, `"443"`) compare with the live values. */
export function loose(value: Comparable): Comparable {
  if (typeof value === 'string') {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^-?[0-9]+$/.test(value)) return Number(value);
    return value;
  }
  if (Array.isArray(value)) return value.map(loose);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Comparable> = {};
    for (const [k, v] of Object.entries(value)) out[k] = loose(v);
    return out;
  }
  return value;
}

export function same(a: Comparable, b: Comparable): boolean {
  return JSON.stringify(loose(a)) === JSON.stringify(loose(b));
}
