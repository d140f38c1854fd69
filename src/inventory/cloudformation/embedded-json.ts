/**
 * JSON text assembled by the template (`Fn::Join` of literal JSON and references, as the CDK writes the
 * manifests and Helm values of EKS custom resources), parsed with its references kept symbolic.
 */
import { checkValueLimits, InputLimitError } from '../../contract/input-limits.js';
import type { ResourceRef } from '../values.js';
import { SymbolicString, Unknown, type SymbolicValue } from '../values.js';
import { setOwn } from '../own.js';
import { fromParts, type Part } from './parts.js';

const TOKEN = /@@vf-symbolic-(\d+)@@/g;

/** Parses JSON whose text may contain symbolic parts; Unknown when the text is not determined or not JSON. */
export function parseSymbolicJson(value: SymbolicValue | undefined): SymbolicValue {
  if (typeof value === 'string') return parseOrUnknown(value, []);
  if (!(value instanceof SymbolicString))
    return new Unknown('the JSON text is not determined by the template', value ?? null);
  // Each symbolic part becomes a token inside a JSON string (quoted when it stands outside one), so the text
  // parses and the token can be swapped back for the part afterwards.
  const symbols: (ResourceRef | Unknown)[] = [];
  let text = '';
  let inString = false;
  let escaped = false;
  for (const part of value.parts) {
    if (typeof part !== 'string') {
      const token = `@@vf-symbolic-${symbols.length}@@`;
      symbols.push(part);
      text += inString ? token : `"${token}"`;
      escaped = false;
      continue;
    }
    for (const ch of part) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = inString;
      else if (ch === '"') inString = !inString;
    }
    text += part;
  }
  return parseOrUnknown(text, symbols);
}

function parseOrUnknown(text: string, symbols: readonly (ResourceRef | Unknown)[]): SymbolicValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return new Unknown(`the text is not valid JSON (${(error as Error).message})`, text);
  }
  try {
    // The built-in parser nests as deep as the text; what reads the value later recurses.
    checkValueLimits(parsed);
  } catch (error) {
    if (error instanceof InputLimitError)
      return new Unknown(`the JSON text is not evaluated: ${error.message}`);
    throw error;
  }
  if (symbols.length === 0) return parsed as SymbolicValue;
  try {
    return restore(parsed, symbols);
  } catch (error) {
    if (error instanceof RangeError) return new Unknown('the JSON text is nested too deeply to read');
    throw error;
  }
}

function restore(value: unknown, symbols: readonly (ResourceRef | Unknown)[]): SymbolicValue {
  if (typeof value === 'string') {
    if (!value.includes('@@vf-symbolic-')) return value;
    const parts: Part[] = [];
    let last = 0;
    for (const match of value.matchAll(TOKEN)) {
      parts.push(value.slice(last, match.index));
      parts.push(symbols[Number(match[1])] ?? new Unknown('unresolved part'));
      last = match.index + match[0].length;
    }
    parts.push(value.slice(last));
    return fromParts(parts);
  }
  if (Array.isArray(value)) return value.map((v) => restore(v, symbols));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, SymbolicValue> = {};
    for (const [key, v] of Object.entries(value)) {
      const restoredKey = restore(key, symbols);
      setOwn(out, typeof restoredKey === 'string' ? restoredKey : String(restoredKey), restore(v, symbols));
    }
    return out;
  }
  return value as SymbolicValue;
}
