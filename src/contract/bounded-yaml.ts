/**
 * YAML (and JSON) parsed under the input limits, for every place that reads YAML outside the inventory's own
 * readers: the blueprint, the attachment manifest, and YAML embedded in templates, objects and live answers
 * (a Weaviate config file, an add-on's ConfigurationValues, an Alertmanager configuration, a deployed template).
 *
 * The `yaml` library composes documents recursively: text nested a few thousand levels deep overflows its
 * stack, and when that happens while V8 compiles one of its regular expressions the process aborts outright
 * (no exception to catch). So the nesting is measured first on the library's concrete syntax tree, which it
 * builds without recursion, and text nested deeper than the limit is refused before it is composed. Aliases
 * are counted there too; the value is then held to the same depth and node limits as every other parser's.
 */
import { CST, LineCounter, Parser, parseDocument, visit, type Document } from 'yaml';
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
  checkYamlNesting(text);
  let document: Document.Parsed;
  try {
    document = parseDocument(text, {
      version: options.version ?? '1.2',
      lineCounter,
      prettyErrors: false,
      uniqueKeys: options.uniqueKeys ?? true,
      // Its warnings quote the input and go to stderr as they are: the callers report what matters.
      logLevel: 'error',
    });
  } catch (error) {
    throw asLimitError(error);
  }
  // The library catches its own stack overflow and reports it as a syntax error: it is the depth limit.
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
 * Refuses YAML text nested past the depth limit, or with a document of more aliases than the limit, before the library composes it. Walks the concrete syntax tree, which the library builds without
 * recursion, without recursion either.
 */
export function checkYamlNesting(text: string): void {
  if (!inputGuardsOn()) return;
  // A counter of its own: the composer records the same line starts again into the caller's.
  const lineCounter = new LineCounter();
  const stack: Level[] = [];
  try {
    for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
      if (token.type !== 'document' || !token.value) continue;
      // The alias limit is per document, as the other readers apply it.
      const aliases: number[] = [];
      stack.push({ token: token.value, depth: 0 });
      while (stack.length > 0) {
        const level = stack.pop()!;
        const { token: node, depth } = level;
        if (depth > INPUT_LIMITS.maxDepth)
          throw tooDeep(pathOf(level), lineCounter.linePos(offsetOf(node)).line);
        if (node.type === 'alias') aliases.push(node.offset);
        if (node.type !== 'block-map' && node.type !== 'block-seq' && node.type !== 'flow-collection')
          continue;
        const isSeq =
          node.type === 'block-seq' || (node.type === 'flow-collection' && node.start.source === '[');
        // Pushed last to first, so that the first item is looked at first (the error names the first place).
        for (let i = node.items.length - 1; i >= 0; i--) {
          const { key, value } = node.items[i] as CST.CollectionItem;
          const at = isSeq ? i : (key ?? null);
          if (value) stack.push({ token: value, depth: depth + 1, parent: level, at });
          if (key) stack.push({ token: key, depth: depth + 1, parent: level, at });
        }
      }
      if (aliases.length > INPUT_LIMITS.maxAliasCount) {
        // The alias past the limit in document order, as the other readers name it.
        const offset = aliases.sort((a, b) => a - b)[INPUT_LIMITS.maxAliasCount]!;
        throw tooManyAliases(aliases.length, lineCounter.linePos(offset).line);
      }
    }
  } catch (error) {
    throw asLimitError(error);
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
