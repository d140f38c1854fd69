/**
 * YAML (and JSON) parsed under the input limits, for every place in the process that reads YAML: the
 * inventory's full YAML reader and JSON error locator, the blueprint, the attachment manifest, and YAML embedded
 * in templates, objects and live answers (a Weaviate config file, an add-on's ConfigurationValues, an
 * Alertmanager configuration, a deployed template).
 *
 * The `yaml` library composes documents recursively: text nested a few thousand levels deep overflows its
 * stack, and when that happens while V8 compiles one of its regular expressions the process aborts outright
 * (no exception to catch). So each document's nesting is measured on the library's concrete syntax tree, which
 * it builds without recursion, and a document nested deeper than the limit is refused before it is composed.
 * Aliases are counted there too; the value is then held to the same depth and node limits as every other
 * parser's.
 */
import { Composer, CST, LineCounter, Parser, visit, YAMLParseError, type Document } from 'yaml';
import {
  checkValueLimits,
  INPUT_LIMITS,
  InputLimitError,
  inputGuardsOn,
  tooDeep,
  tooManyAliases,
} from './input-limits.js';

export interface BoundedYamlOptions {
  /**
   * The YAML version the text is read with (Kubernetes and CloudFormation read 1.1; Go's yaml.v3, 1.2).
   * @default '1.2'
   */
  readonly version?: '1.1' | '1.2';
  /**
   * Refuse a mapping that sets a key twice.
   * @default true
   */
  readonly uniqueKeys?: boolean;
  /**
   * Records line starts, for callers that report positions of their own.
   * @default - a counter of its own
   */
  readonly lineCounter?: LineCounter;
}

/** Text that is not YAML: the parser's first error, with its position. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based line and column of the error. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

/**
 * One YAML document, composed only after its nesting and aliases are within the limits. Syntax errors are
 * left in `errors` for the caller to report in its own words; limits are reported as an InputLimitError.
 */
export function parseBoundedDocument(text: string, options: BoundedYamlOptions = {}): Document.Parsed {
  const lineCounter = options.lineCounter ?? new LineCounter();
  const composer = new Composer(composerOptions(options));
  let document: Document.Parsed | undefined;
  try {
    // As the library's parseDocument: the first document, and an error for any other.
    for (const next of composer.compose(checkedTokens(text, lineCounter), true, text.length)) {
      if (!document) document = next;
      else {
        const range: [number, number] = [next.range[0], next.range[1]];
        document.errors.push(
          new YAMLParseError(range, 'MULTIPLE_DOCS', 'Source contains multiple documents; expected one'),
        );
        break;
      }
    }
  } catch (error) {
    throw asLimitError(error);
  }
  return overflowChecked(document!);
}

/** Every document of a YAML stream, each composed only after its nesting and aliases are within the limits. */
export function parseBoundedDocuments(text: string, options: BoundedYamlOptions = {}): Document.Parsed[] {
  const lineCounter = options.lineCounter ?? new LineCounter();
  const composer = new Composer(composerOptions(options));
  try {
    return Array.from(composer.compose(checkedTokens(text, lineCounter))).map(overflowChecked);
  } catch (error) {
    throw asLimitError(error);
  }
}

function composerOptions(options: BoundedYamlOptions) {
  return {
    version: options.version ?? '1.2',
    uniqueKeys: options.uniqueKeys ?? true,
    // Its warnings quote the input and go to stderr as they are: the callers report what matters.
    logLevel: 'error' as const,
  };
}

/** The library catches a stack overflow of its own and reports it as a syntax error: it is the depth limit. */
function overflowChecked(document: Document.Parsed): Document.Parsed {
  if (document.errors.some((e) => e.message.includes('call stack'))) throw nestedTooDeeply();
  return document;
}

/** The document's value, with aliases resolved within the alias limit and held to the depth and node limits. */
export function boundedValueOf(document: Document): unknown {
  try {
    let aliases = 0;
    visit(document, { Alias: () => void aliases++ });
    if (aliases > INPUT_LIMITS.maxAliasCount && inputGuardsOn()) throw tooManyAliases(aliases);
    const value: unknown = document.toJS({ maxAliasCount: INPUT_LIMITS.maxAliasCount });
    checkValueLimits(value);
    return value;
  } catch (error) {
    throw asLimitError(error);
  }
}

/** YAML text as a value: a YamlSyntaxError for text that is not YAML, an InputLimitError past a limit. */
export function parseBoundedYaml(text: string, options: BoundedYamlOptions = {}): unknown {
  const lineCounter = options.lineCounter ?? new LineCounter();
  const document = parseBoundedDocument(text, { ...options, lineCounter });
  const error = document.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new YamlSyntaxError(error.message.split('\n')[0]!, line, col);
  }
  return boundedValueOf(document);
}

/** JSON text as a value held to the depth and node limits (the built-in parser nests as deep as the text). */
export function parseBoundedJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  checkValueLimits(value);
  return value;
}

/**
 * JSON first (what most templates carry, and much faster to parse), then YAML (which accepts JSON too, so a
 * text that is neither is a YamlSyntaxError). A JSON text past the limits is refused, never read again as YAML.
 */
export function parseBoundedJsonOrYaml(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseBoundedYaml(text);
  }
  checkValueLimits(value);
  return value;
}

/**
 * The concrete syntax tree's top-level tokens, each checked before the composer gets it: the library's parser
 * builds the tree without recursion and hands over a document only once it is complete, so a document nested
 * past the depth limit, or with more aliases than the limit, is refused before anything recursive sees it. One
 * pass over the text: the composer builds on these same tokens.
 */
function* checkedTokens(text: string, lineCounter: LineCounter): Generator<CST.Token> {
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    if (token.type === 'document' && token.value && inputGuardsOn()) checkDocument(token.value, lineCounter);
    yield token;
  }
}

/** Walks one document's syntax tree without recursion, counting levels of mappings and sequences and aliases. */
function checkDocument(top: CST.Token, lineCounter: LineCounter): void {
  const aliases: number[] = [];
  const stack: Level[] = [{ token: top, depth: 0 }];
  while (stack.length > 0) {
    const level = stack.pop()!;
    const { token: node, depth } = level;
    if (depth > INPUT_LIMITS.maxDepth) throw tooDeep(pathOf(level), lineCounter.linePos(offsetOf(node)).line);
    if (node.type === 'alias') aliases.push(node.offset);
    if (node.type !== 'block-map' && node.type !== 'block-seq' && node.type !== 'flow-collection') continue;
    const isSeq = node.type === 'block-seq' || (node.type === 'flow-collection' && node.start.source === '[');
    // Pushed last to first, so that the first item is looked at first (the error names the first place).
    for (let i = node.items.length - 1; i >= 0; i--) {
      const { key, value } = node.items[i] as CST.CollectionItem;
      const at = isSeq ? i : (key ?? null);
      if (value) stack.push({ token: value, depth: depth + 1, parent: level, at });
      if (key) stack.push({ token: key, depth: depth + 1, parent: level, at });
    }
  }
  // The limit is per document, as the other readers apply it.
  if (aliases.length > INPUT_LIMITS.maxAliasCount) {
    // The alias past the limit in document order, as the other readers name it.
    const offset = aliases.sort((x, y) => x - y)[INPUT_LIMITS.maxAliasCount]!;
    throw tooManyAliases(aliases.length, lineCounter.linePos(offset).line);
  }
}

/** A node of the syntax tree being walked, with what leads to it (only followed to describe a refusal). */
interface Level {
  readonly token: CST.Token;
  readonly depth: number;
  readonly parent?: Level;
  /** Where it is in its parent: an index, or the key token (named only when a refusal is described). */
  readonly at?: number | CST.Token | null;
}

function pathOf(level: Level): string {
  const segments: string[] = [];
  for (let step: Level | undefined = level; step?.parent; step = step.parent)
    segments.push(typeof step.at === 'number' ? String(step.at) : keyText(step.at));
  return segments.reverse().join('.');
}

/** A mapping key as the path names it: a scalar's value, or a placeholder for a key that is a collection. */
function keyText(key: CST.Token | null | undefined): string {
  if (!key) return '';
  // Errors in the key's text are the composer's to report; here it only names a place.
  return CST.resolveAsScalar(key, false, () => undefined)?.value ?? '(key)';
}

function offsetOf(token: CST.Token): number {
  return 'offset' in token ? token.offset : 0;
}

function nestedTooDeeply(): InputLimitError {
  return new InputLimitError(
    `the document is nested too deeply to read (at most ${INPUT_LIMITS.maxDepth} levels are)`,
  );
}

/**
 * The library's failures that mean a limit was passed, as the typed error: a stack overflow (nesting) and
 * its own alias expansion guard. Anything else is not ours to rename.
 */
function asLimitError(error: unknown): unknown {
  if (error instanceof InputLimitError) return error;
  if (error instanceof RangeError) return nestedTooDeeply();
  if (error instanceof ReferenceError && /alias/i.test(error.message))
    return new InputLimitError(`the aliases expand too far (${error.message})`);
  return error;
}
