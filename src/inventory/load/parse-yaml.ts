/**
 * YAML inputs (templates and manifests, several documents per file). Parsed with the `yaml` package under
 * YAML 1.1 rules, as both CloudFormation and Kubernetes read YAML (`0644` is octal, `yes` is true). The
 * CloudFormation short forms (`!Ref`, `!GetAtt a.b`, `!Sub`, …) are turned into their long forms while the
 * node tree is converted, which also records line numbers. Aliases share the value of their anchor, but
 * whatever reads the result later may copy it out, so each alias counts against the input limits as the copy
 * it stands for: a few hundred bytes of nested aliases are refused instead of expanding to gigabytes.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import {
  checkDepth,
  INPUT_LIMITS,
  InputLimitError,
  NodeBudget,
  tooManyAliases,
} from '../../contract/input-limits.js';
import { parseBoundedDocuments } from '../../contract/bounded-yaml.js';
import { setOwn } from '../own.js';
import type { ParsedDocument } from './document.js';
import { parseSimpleYaml } from './fast-yaml.js';
import { MalformedFileError } from './source-text.js';

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

/**
 * A local tag that is not a short form of ours (`!ValueOf` in Rules, a preprocessor's `!Rain::Embed`) stands
 * for the function of its name, as cfn-lint reads it: the value is then not evaluated offline (undetermined),
 * where a plain string would have been a guess. Standard tags (`!!str`, `tag:yaml.org,2002:…`) keep their meaning.
 */
function otherLocalTag(tag: string): string | undefined {
  return tag.startsWith('!') && !tag.startsWith('!!') && tag.length > 1 ? `Fn::${tag.slice(1)}` : undefined;
}

export function parseYamlText(text: string, shown: string): ParsedDocument[] {
  return parseSimpleYaml(text) ?? parseYamlFully(text, shown);
}

/** Reads YAML with the `yaml` package's full rules (the fast path's reference and fallback). */
export function parseYamlFully(text: string, shown: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  // Nesting and aliases checked per document before it is composed (the composer recurses once per level,
  // and overflowing its stack can abort the process).
  const documents = parseBoundedDocuments(text, { version: '1.1', lineCounter });
  const parsed: ParsedDocument[] = [];
  const budget = new NodeBudget();
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw new MalformedFileError(`invalid YAML: ${firstLine(error.message)}`, shown, undefined, {
        line,
        column: col,
      });
    }
    const lines = new Map<string, number>();
    // Every alias is written with a `*`; text without one needs no search for them.
    const targets = text.includes('*') ? aliasTargets(document, lineCounter) : new Map<Alias, Node>();
    const converter = new Converter(lineCounter, lines, budget, targets);
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

/**
 * The node each alias of the document names: the last node with that anchor before the alias, as the `yaml`
 * package resolves it, found in one pass (resolving each alias on its own searches the whole document again).
 */
function aliasTargets(document: Document, lineCounter: LineCounter): Map<Alias, Node | undefined> {
  const targets = new Map<Alias, Node | undefined>();
  const latest = new Map<string, Node>();
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        targets.set(node, latest.get(node.source));
        if (targets.size > INPUT_LIMITS.maxAliasCount) {
          const offset = node.range?.[0];
          throw tooManyAliases(
            countAliases(document),
            offset === undefined ? undefined : lineCounter.linePos(offset).line,
          );
        }
      } else if (node.anchor) latest.set(node.anchor, node);
    },
  });
  return targets;
}

function countAliases(document: Document): number {
  let count = 0;
  visit(document, { Alias: () => void count++ });
  return count;
}

/** What an anchored node converted to, and how many values and levels an alias to it stands for. */
interface Anchored {
  readonly value: unknown;
  readonly nodes: number;
  readonly height: number;
}

class Converter {
  /** Converted anchors, so that aliases share one value instead of being expanded again. */
  private readonly anchors = new Map<Node, Anchored>();
  /** Anchored nodes being converted: an alias to one of them would make the value contain itself. */
  private readonly converting = new Set<Node>();
  /** The deepest level reached so far, counting aliased values at the depth of their alias. */
  private deepest = 0;

  constructor(
    private readonly lineCounter: LineCounter,
    private readonly lines: Map<string, number>,
    private readonly budget: NodeBudget,
    private readonly targets: Map<Alias, Node | undefined>,
  ) {}

  private lineAt(node: unknown): number | undefined {
    const offset = (node as Node | null)?.range?.[0];
    return offset === undefined ? undefined : this.lineCounter.linePos(offset).line;
  }

  private mark(path: string, depth: number, offset: number | undefined): void {
    if (depth <= 2 && offset !== undefined && !this.lines.has(path))
      this.lines.set(path, this.lineCounter.linePos(offset).line);
  }

  convert(node: unknown, path: string, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, path, depth);
    checkDepth(depth, () => path, this.lineAt(node));
    if (depth > this.deepest) this.deepest = depth;
    this.budget.add(1);
    if (!(node as Node & { anchor?: string }).anchor) return this.convertNode(node as Node, path, depth);
    // Remember how many values and levels the anchored value has, which is what each alias to it adds.
    const before = { nodes: this.budget.nodes - 1, deepest: this.deepest };
    this.deepest = depth;
    this.converting.add(node as Node);
    const value = this.convertNode(node as Node, path, depth);
    this.converting.delete(node as Node);
    this.anchors.set(node as Node, {
      value,
      nodes: this.budget.nodes - before.nodes,
      height: this.deepest - depth,
    });
    this.deepest = Math.max(this.deepest, before.deepest);
    return value;
  }

  /** An alias: the anchored value, shared, counted as the copy it stands for. */
  private alias(node: Alias, path: string, depth: number): unknown {
    const target = this.targets.get(node);
    if (!target) return null;
    if (this.converting.has(target))
      throw new InputLimitError(
        `the alias *${node.source} is inside the value it names`,
        path,
        this.lineAt(node),
      );
    let anchored = this.anchors.get(target);
    if (!anchored) {
      // An anchor the conversion skipped (on a mapping key): converted where it is first used.
      this.convert(target, path, depth);
      anchored = this.anchors.get(target)!;
      return anchored.value;
    }
    checkDepth(depth + anchored.height, () => path, this.lineAt(node));
    this.deepest = Math.max(this.deepest, depth + anchored.height);
    this.budget.add(anchored.nodes, this.lineAt(node));
    return anchored.value;
  }

  private convertNode(node: Node, path: string, depth: number): unknown {
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
    const tag = node.tag;
    const longForm = tag ? (SHORT_FORMS[tag] ?? otherLocalTag(tag)) : undefined;
    if (longForm) value = { [longForm]: isScalar(node) && value === null ? '' : value };
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
