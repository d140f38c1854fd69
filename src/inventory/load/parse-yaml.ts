/**
 * YAML inputs (templates and manifests, several documents per file). Parsed with the `yaml` package under
 * YAML 1.1 rules, as both CloudFormation and Kubernetes read YAML (`0644` is octal, `yes` is true). The
 * CloudFormation short forms (`!Ref`, `!GetAtt a.b`, `!Sub`, …) are turned into their long forms while the
 * node tree is converted, which also records line numbers.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import { InputError } from '../../errors.js';
import { setOwn } from '../own.js';
import type { ParsedDocument } from './document.js';
import { parseSimpleYaml } from './fast-yaml.js';

/** Short-form tags and the long-form key each stands for. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Cidr': 'Fn::Cidr',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
};

/** Deeper nesting than any real input: refused instead of overflowing the stack. */
const MAX_DEPTH = 512;

export function parseYamlText(text: string, shown: string): ParsedDocument[] {
  return parseSimpleYaml(text) ?? parseYamlFully(text, shown);
}

/** Reads YAML with the `yaml` package's full rules (the fast path's reference and fallback). */
export function parseYamlFully(text: string, shown: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    version: '1.1',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  if (!Array.isArray(documents)) return []; // an empty stream (only comments)
  const parsed: ParsedDocument[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw new InputError(`invalid YAML: ${firstLine(error.message)}`, shown, undefined, {
        line,
        column: col,
      });
    }
    const lines = new Map<string, number>();
    const converter = new Converter(document, lineCounter, lines, shown);
    const value = converter.convert(document.contents, '', 0);
    const start = document.contents?.range?.[0];
    if (start !== undefined) lines.set('', lineCounter.linePos(start).line);
    parsed.push({ value, lines, lineOf: (path) => lines.get(path) });
  }
  return parsed;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

class Converter {
  /** Converted anchors, so that aliases share one value instead of being expanded again. */
  private readonly anchors = new Map<Node, unknown>();

  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    private readonly lines: Map<string, number>,
    private readonly shown: string,
  ) {}

  private mark(path: string, depth: number, offset: number | undefined): void {
    if (depth <= 2 && offset !== undefined && !this.lines.has(path))
      this.lines.set(path, this.lineCounter.linePos(offset).line);
  }

  convert(node: unknown, path: string, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) {
      const offset = (node as Node).range?.[0] ?? 0;
      const { line, col } = this.lineCounter.linePos(offset);
      throw new InputError('the document is nested too deeply', this.shown, path, { line, column: col });
    }
    if (isAlias(node)) {
      const target = node.resolve(this.document);
      if (!target) return null;
      if (this.anchors.has(target)) return this.anchors.get(target);
      const value = this.convert(target, path, depth + 1);
      this.anchors.set(target, value);
      return value;
    }
    let value: unknown;
    if (isScalar(node))
      // Timestamps stay the text they were written as: Kubernetes and CloudFormation read them as strings.
      value = node.value instanceof Date ? (node.source ?? node.value.toISOString()) : node.value;
    else if (isSeq(node))
      value = node.items.map((item, i) => {
        const child = childPath(path, String(i));
        this.mark(child, depth + 1, (item as Node | null)?.range?.[0]);
        return this.convert(item, child, depth + 1);
      });
    else if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key;
        if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<') {
          this.merge(out, this.convert(pair.value, path, depth + 1));
          continue;
        }
        // Keys are read as written (`y:` is the key "y", not true), as template and object keys are strings.
        const key = isScalar(keyNode)
          ? (keyNode.source ?? String(keyNode.value))
          : JSON.stringify(this.convert(keyNode, path, depth + 1));
        const child = childPath(path, key);
        this.mark(child, depth + 1, (keyNode as Node | null)?.range?.[0]);
        setOwn(out, key, this.convert(pair.value, child, depth + 1));
      }
      value = out;
    } else value = null;
    const tag = (node as Node).tag;
    const longForm = tag ? SHORT_FORMS[tag] : undefined;
    if (longForm) value = { [longForm]: isScalar(node) && value === null ? '' : value };
    if ((node as Node & { anchor?: string }).anchor) this.anchors.set(node as Node, value);
    return value;
  }

  /** YAML 1.1 merge keys: entries of the merged maps fill in keys the map does not set itself. */
  private merge(out: Record<string, unknown>, source: unknown): void {
    const sources = Array.isArray(source) ? source : [source];
    for (const s of sources) {
      if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
      for (const [k, v] of Object.entries(s))
        if (!Object.prototype.hasOwnProperty.call(out, k)) setOwn(out, k, v);
    }
  }
}

function childPath(path: string, segment: string): string {
  return path === '' ? segment : `${path}.${segment}`;
}
