/**
 * A fast path for the plain block YAML that generators write (cdk8s, Helm output, kubectl dumps): block
 * mappings and sequences, one-line scalars and one-line flow collections, comments and `---` separators.
 * Large manifest sets are mostly this shape, and the general parser spends most of a run building node trees
 * for it. Anything else (anchors, tags, block scalars, multi-line scalars, escapes, odd indentation, duplicate
 * keys, …) makes it give up on the whole file, which the `yaml` package then reads with its full rules and
 * error reporting. Plain scalars are typed by the `yaml` package's own YAML 1.1 schema, so both paths yield the
 * same values (a differential test holds them to that).
 */
import { Document, isScalar } from 'yaml';
import { checkDepth, NodeBudget } from '../../contract/input-limits.js';
import type { ParsedDocument } from './document.js';

/** Thrown inside the fast path when the input is outside the subset; caught at the top. */
class GiveUp extends Error {}

const giveUp = (): never => {
  throw new GiveUp();
};

interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

const TAGS = (new Document(null, { version: '1.1' }).schema.tags as unknown as ScalarTag[]).filter(
  (tag) => tag.default === true && tag.test !== undefined,
);
const RESOLVE_OPTIONS = { intAsBigInt: false };

/** A plain scalar's value under YAML 1.1, as the `yaml` package types it (timestamps stay text). */
function typedPlain(text: string): unknown {
  const tag = TAGS.find((t) => t.test!.test(text));
  if (!tag) return text;
  let failed = false;
  const value = tag.resolve(text, () => (failed = true), RESOLVE_OPTIONS);
  if (failed) giveUp();
  // Some tags wrap their value in a Scalar (to remember its format); timestamps stay the text they were.
  const plain = isScalar(value) ? value.value : value;
  return plain instanceof Date ? text : plain;
}

/** The identity of a plain key for the uniqueness check: the full parser compares keys by typed value. */
function keyIdentity(key: string, plainKey: boolean): string {
  const value = plainKey ? typedPlain(key) : key;
  return `${typeof value}:${String(value)}`;
}

interface Line {
  readonly number: number;
  readonly indent: number;
  /** Content after the indentation, comments not yet removed. */
  readonly text: string;
}

/** The documents of `text`, or undefined when it is not in the subset this reader handles. */
export function parseSimpleYaml(text: string): ParsedDocument[] | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  try {
    return readDocuments(text);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

function readDocuments(text: string): ParsedDocument[] {
  const budget = new NodeBudget();
  const raw = text.split('\n');
  const documents: Line[][] = [];
  /** The line of each document's `---` marker (0 when it has none). */
  const markers: number[] = [];
  let current: Line[] = [];
  let marker = 0;
  let started = false;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    if (line.startsWith('---')) {
      if (line.trimEnd() !== '---') giveUp();
      // Content before the first separator is a document of its own; comments alone are not.
      if (started || current.length > 0) {
        documents.push(current);
        markers.push(marker);
      }
      current = [];
      marker = i + 1;
      started = true;
      continue;
    }
    if (line.startsWith('...') || line.startsWith('%')) giveUp();
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    current.push({ number: i + 1, indent: line.length - trimmed.length, text: trimmed.trimEnd() });
  }
  if (started || current.length > 0) {
    documents.push(current);
    markers.push(marker);
  }
  if (documents.length === 0) giveUp(); // only comments: the full parser decides what that is
  return documents.map((lines, d) => {
    const marks = new Map<string, number>();
    if (lines.length === 0) {
      // An empty document sits where its marker is, as the full parser places it.
      marks.set('', markers[d]!);
      return { value: null, lines: marks, lineOf: (p: string) => marks.get(p) };
    }
    const reader = new BlockReader(lines, marks, budget);
    marks.set('', lines[0]!.number);
    const value = reader.node(0, lines[0]!.indent, '', 0);
    if (reader.position !== lines.length) giveUp();
    return { value, lines: marks, lineOf: (p: string) => marks.get(p) };
  });
}

type Entry =
  | { kind: 'item'; rest: string; column: number }
  | { kind: 'pair'; key: string; plainKey: boolean; rest: string; column: number };

/** Reads `- …` or `key: …` at the start of a line's content; undefined for a lone scalar. */
function entryOf(text: string, indent: number): Entry | undefined {
  if (text === '-' || text.startsWith('- ')) {
    const rest = text.slice(1).trimStart();
    return { kind: 'item', rest, column: indent + text.length - rest.length };
  }
  let key: string;
  let after: number;
  const first = text[0]!;
  if (first === '"' || first === "'") {
    const end = text.indexOf(first, 1);
    if (end < 0) giveUp();
    key = quoted(text.slice(0, end + 1));
    after = end + 1;
    if (text[after] !== ':') return undefined;
  } else {
    const colon = text.search(/:( |$)/);
    if (colon <= 0) return undefined;
    key = text.slice(0, colon);
    if (/[#&*!|>%@`{}[\],?:'"]/.test(first) || key.includes(' #') || key !== key.trimEnd() || key === '<<')
      giveUp();
    after = colon;
  }
  const rest = text.slice(after + 1).trimStart();
  return {
    kind: 'pair',
    key,
    plainKey: first !== '"' && first !== "'",
    rest,
    column: indent + text.length - rest.length,
  };
}

/** The content of a one-line quoted scalar without escapes. */
function quoted(token: string): string {
  const body = token.slice(1, -1);
  if (token[0] === '"') {
    if (body.includes('\\')) giveUp();
    return body;
  }
  return body.replace(/''/g, "'");
}

class BlockReader {
  position = 0;

  constructor(
    private readonly lines: Line[],
    private readonly marks: Map<string, number>,
    private readonly budget: NodeBudget,
  ) {}

  private mark(path: string, depth: number, line: number): void {
    if (depth <= 2 && !this.marks.has(path)) this.marks.set(path, line);
  }

  /** The node starting at line `index` with indentation `indent`. */
  node(index: number, indent: number, path: string, depth: number): unknown {
    this.position = index;
    const line = this.lines[index]!;
    checkDepth(depth, () => path, line.number);
    const entry = entryOf(line.text, indent);
    if (!entry) {
      // A lone scalar: the whole node is this one line.
      this.position = index + 1;
      if (this.position < this.lines.length && this.lines[this.position]!.indent > indent) giveUp();
      return this.inline(line.text, path, depth, line.number);
    }
    this.budget.add(1, line.number);
    return entry.kind === 'item' ? this.sequence(indent, path, depth) : this.mapping(indent, path, depth);
  }

  private mapping(indent: number, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    while (this.position < this.lines.length) {
      const line = this.lines[this.position]!;
      if (line.indent < indent) break;
      if (line.indent > indent) giveUp();
      const entry = entryOf(line.text, indent);
      if (entry?.kind !== 'pair') giveUp();
      const { key, plainKey, rest } = entry as { key: string; plainKey: boolean; rest: string };
      // The full parser reports duplicate keys (compared as typed values: `on` and `yes` are both true).
      const identity = keyIdentity(key, plainKey);
      if (seen.has(identity)) giveUp();
      seen.add(identity);
      const child = path === '' ? key : `${path}.${key}`;
      this.mark(child, depth + 1, line.number);
      const value = this.value(rest, indent, child, depth + 1, true);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }

  private sequence(indent: number, path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    while (this.position < this.lines.length) {
      const line = this.lines[this.position]!;
      if (line.indent < indent) break;
      if (line.indent > indent) giveUp();
      const entry = entryOf(line.text, indent);
      if (entry?.kind !== 'item') break; // a mapping key at the same indentation ends a sequence under it
      const child = path === '' ? String(out.length) : `${path}.${out.length}`;
      if (entry.rest !== '' && !entry.rest.startsWith('#') && entryOf(entry.rest, entry.column)) {
        // `- key: value` or `- - item`: a nested block that starts on this line, at the column after the dash.
        this.lines[this.position] = { number: line.number, indent: entry.column, text: entry.rest };
        this.mark(child, depth + 1, line.number);
        out.push(this.node(this.position, entry.column, child, depth + 1));
        continue;
      }
      this.mark(child, depth + 1, line.number);
      out.push(this.value(entry.rest, indent, child, depth + 1, false));
    }
    return out;
  }

  /** A one-line value; the entries of a flow collection are on that line too. */
  private inline(text: string, path: string, depth: number, line: number): unknown {
    const value = new FlowReader(text, this.budget, depth, path, line).read();
    this.markFlow(value, path, depth, line);
    return value;
  }

  private markFlow(value: unknown, path: string, depth: number, line: number): void {
    if (depth >= 2 || typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      this.mark(childPath, depth + 1, line);
      this.markFlow(child, childPath, depth + 1, line);
    }
  }

  /** The value after `key:` or `-`: inline on this line, or a block on the following lines. */
  private value(rest: string, indent: number, path: string, depth: number, inMapping: boolean): unknown {
    const lineIndex = this.position;
    this.position++;
    const next = this.lines[this.position];
    if (rest !== '' && !rest.startsWith('#')) {
      if (next && next.indent > indent) giveUp(); // a multi-line scalar or misplaced content
      return this.inline(rest, path, depth, this.lines[lineIndex]!.number);
    }
    if (next && next.indent > indent) {
      if (!inMapping && this.marks.get(path) === this.lines[lineIndex]!.number && depth <= 2)
        this.marks.set(path, next.number);
      return this.node(this.position, next.indent, path, depth);
    }
    // A sequence may sit at its key's own indentation (`key:` then `- item`).
    if (inMapping && next && next.indent === indent && entryOf(next.text, indent)?.kind === 'item')
      return this.node(this.position, indent, path, depth);
    return null;
  }
}

/** A value written on one line: a plain or quoted scalar, or a flow collection, with an optional comment. */
class FlowReader {
  private i = 0;
  /** Nesting inside the line's flow collections. */
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly budget: NodeBudget,
    /** Depth of the line's value in its document. */
    private readonly depth: number,
    private readonly path: string,
    private readonly line: number,
  ) {}

  read(): unknown {
    const value = this.value(false);
    this.end();
    return value;
  }

  private spaces(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  end(): void {
    this.spaces();
    if (this.i < this.text.length && !(this.text[this.i] === '#' && this.text[this.i - 1] === ' ')) giveUp();
  }

  value(inFlow: boolean): unknown {
    this.budget.add(1, this.line);
    checkDepth(this.depth + this.nesting, () => this.path, this.line);
    this.spaces();
    const c = this.text[this.i];
    if (c === undefined) return inFlow ? giveUp() : null;
    if (c === '[') return this.list();
    if (c === '{') return this.map();
    if (c === '"' || c === "'") {
      const end = this.text.indexOf(c, this.i + 1);
      if (end < 0) giveUp();
      const token = this.text.slice(this.i, end + 1);
      // `''` inside a single-quoted scalar is an escaped quote; leave such text to the full parser.
      if (c === "'" && this.text[end + 1] === "'") giveUp();
      this.i = end + 1;
      return quoted(token);
    }
    return this.plain(inFlow);
  }

  private plain(inFlow: boolean): unknown {
    const start = this.i;
    if (/[-?:,[\]{}#&*!|>'"%@`]/.test(this.text[start]!)) {
      // Indicators may start a plain scalar only when followed by a non-space (`-1`, `:x`); keep it simple.
      if (
        !/^[-?:][^\s,[\]{}]/.test(this.text.slice(start, start + 2)) ||
        (inFlow && this.text[start] !== '-')
      )
        giveUp();
    }
    let end = start;
    for (; end < this.text.length; end++) {
      const ch = this.text[end]!;
      if (ch === '#' && this.text[end - 1] === ' ') break;
      if (ch === ':' && (end + 1 === this.text.length || this.text[end + 1] === ' ')) giveUp(); // a nested mapping
      if (inFlow && (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{' || ch === ':')) break;
    }
    const token = this.text.slice(start, end).trimEnd();
    this.i = start + token.length;
    if (token === '') giveUp();
    return typedPlain(token);
  }

  private list(): unknown[] {
    this.i++;
    this.nesting++;
    const out: unknown[] = [];
    this.spaces();
    if (this.text[this.i] === ']') {
      this.i++;
      this.nesting--;
      return out;
    }
    for (;;) {
      out.push(this.value(true));
      this.spaces();
      const c = this.text[this.i++];
      if (c === ']') {
        this.nesting--;
        return out;
      }
      if (c !== ',') giveUp();
    }
  }

  private map(): Record<string, unknown> {
    this.i++;
    this.nesting++;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.spaces();
    if (this.text[this.i] === '}') {
      this.i++;
      this.nesting--;
      return out;
    }
    for (;;) {
      this.spaces();
      const keyStart = this.i;
      const keyEnd = this.text.indexOf(': ', keyStart);
      if (keyEnd < 0) giveUp();
      const key = this.text.slice(keyStart, keyEnd);
      if (!/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(key) || key === '__proto__') giveUp();
      const identity = keyIdentity(key, true);
      if (seen.has(identity)) giveUp();
      seen.add(identity);
      this.i = keyEnd + 2;
      out[key] = this.value(true);
      this.spaces();
      const c = this.text[this.i++];
      if (c === '}') {
        this.nesting--;
        return out;
      }
      if (c !== ',') giveUp();
    }
  }
}
