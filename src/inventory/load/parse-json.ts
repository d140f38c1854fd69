/**
 * JSON inputs: parsed with the built-in parser (fast on large templates), with line numbers for the first
 * levels of keys found by a light scan that runs only when a line is asked for. The built-in parser nests as
 * deep as the text does, so its result is held to the input limits before anything recursive reads it.
 */
import { parseBoundedDocument } from '../../contract/bounded-yaml.js';
import { checkValueLimits, InputLimitError } from '../../contract/input-limits.js';
import type { ParsedDocument } from './document.js';
import { MalformedFileError } from './source-text.js';

export function parseJsonText(text: string, shown: string): ParsedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedFileError(
      `invalid JSON: ${jsonMessage(error)}`,
      shown,
      undefined,
      jsonErrorPosition(text, error),
    );
  }
  checkValueLimits(value);
  let index: Map<string, number> | undefined;
  return {
    value,
    lineOf(path: string) {
      index ??= jsonLineIndex(text, 2);
      return index.get(path);
    },
  };
}

function jsonMessage(error: unknown): string {
  const message = (error as Error).message;
  return /Unexpected end of JSON input/.test(message) ? 'the text ends early (truncated?)' : message;
}

/** The position of a JSON syntax error: from the parser's message, else from the YAML parser's report. */
function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } | undefined {
  const message = (error as Error).message;
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : /Unexpected end/.test(message) ? text.length : undefined;
  if (offset !== undefined) return positionOf(text, offset);
  let yamlError;
  try {
    yamlError = parseBoundedDocument(text).errors[0];
  } catch (limit) {
    // Text nested past the limits is not searched for the error (the search would overflow the stack).
    if (limit instanceof InputLimitError) return undefined;
    throw limit;
  }
  return yamlError ? positionOf(text, yamlError.pos[0]) : undefined;
}

export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  return { line, column: offset - lineStart + 1 };
}

interface Frame {
  readonly array: boolean;
  readonly path: string;
  readonly depth: number;
  key?: string;
  index: number;
  expectKey: boolean;
}

/** Line of each value whose dotted path is at most `maxDepth` deep (`Resources.Vpc` is depth 2). */
export function jsonLineIndex(text: string, maxDepth: number): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  let line = 1;
  const valuePath = (): { path: string; depth: number } | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return { path: '', depth: 0 };
    // Deeper values are not indexed: skip building their paths.
    if (top.depth + 1 > maxDepth) return { path: '', depth: Infinity };
    const segment = top.array ? String(top.index) : top.key;
    if (segment === undefined) return undefined;
    return { path: top.path === '' ? segment : `${top.path}.${segment}`, depth: top.depth + 1 };
  };
  const record = () => {
    const at = valuePath();
    if (at && at.depth <= maxDepth && !lines.has(at.path)) lines.set(at.path, line);
    return at;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34 /* " */) {
      // JSON strings hold no raw line breaks: jump to the closing quote (one not escaped by a backslash).
      const start = i;
      let end = text.indexOf('"', i + 1);
      while (end > 0 && escapedQuote(text, end)) end = text.indexOf('"', end + 1);
      i = end < 0 ? text.length : end;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        // Keys below the indexed depth are never part of a recorded path: no need to decode them.
        top.key = top.depth + 1 <= maxDepth ? (JSON.parse(text.slice(start, i + 1)) as string) : '';
        top.expectKey = false;
      } else record();
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const at = record() ?? { path: '', depth: Infinity };
      stack.push({ array: c === 91, path: at.path, depth: at.depth, index: 0, expectKey: c === 123 });
    } else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    } else if (c > 32 && c !== 58 /* : */) {
      record();
      // Skip the rest of the number or literal: up to whitespace, a comma or a closing bracket.
      for (
        let n = text.charCodeAt(i + 1);
        i + 1 < text.length && n > 32 && n !== 44 && n !== 93 && n !== 125;
      ) {
        i++;
        n = text.charCodeAt(i + 1);
      }
    }
  }
  return lines;
}

/** True when the quote at `at` is preceded by an odd number of backslashes. */
function escapedQuote(text: string, at: number): boolean {
  let backslashes = 0;
  for (let j = at - 1; j >= 0 && text.charCodeAt(j) === 92; j--) backslashes++;
  return backslashes % 2 === 1;
}
