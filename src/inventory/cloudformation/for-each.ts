/**
 * `Fn::ForEach` (the `AWS::LanguageExtensions` transform), expanded offline the way CloudFormation expands it:
 * `"Fn::ForEach::Name": [Identifier, Collection, {OutputKey: OutputValue}]` in Resources, Outputs, Conditions
 * and resource properties becomes one `OutputKey: OutputValue` entry per item of the collection, with every
 * `${Identifier}` replaced by the item, every `&{Identifier}` by the item without its non-alphanumeric
 * characters, and every `{Ref: Identifier}` by the item. Loops nest; an inner loop sees the outer item.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
 */
import type { InputGap } from '../model.js';
import { setOwn } from '../own.js';

const LOOP_PREFIX = 'Fn::ForEach::';

/** The sections a loop may generate entries of. */
const SECTIONS = ['Conditions', 'Resources', 'Outputs'] as const;

/**
 * Entries all loops of one template may generate, at most: CloudFormation's own quota is 500 resources per
 * template, so this is far above any real template and keeps nested loops from multiplying without bound.
 */
export const MAX_GENERATED = 10_000;

/** The items of a loop's collection, or why the template does not determine them. */
export type CollectionOf = (collection: unknown) => readonly string[] | { readonly reason: string };

/** A loop that was not expanded: what it generates is not in the template that is checked. */
export interface UnexpandedLoop {
  /** Dotted path of the loop (`Resources.Fn::ForEach::Topics`). */
  readonly path: string;
  readonly message: string;
  readonly gap: Extract<InputGap, 'undetermined' | 'malformed'>;
}

export interface ForEachExpansion {
  /** The template with its loops expanded; the same object when it has none. */
  readonly template: Record<string, unknown>;
  readonly unexpanded: readonly UnexpandedLoop[];
  /** Path of each generated top-level entry (`Resources.TopicA`) → path of the loop that generated it. */
  readonly origins: ReadonlyMap<string, string>;
}

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expandForEach(template: Mapping, collectionOf: CollectionOf): ForEachExpansion {
  const unexpanded: UnexpandedLoop[] = [];
  const origins = new Map<string, string>();
  let generated = 0;

  /**
   * Expands the loops among a mapping's keys and, recursively, inside its values. `section` is set when the
   * keys are entries of a section (a loop there generates resources, outputs or conditions); `origin` is the
   * outermost loop being expanded, the place in the file that generated entries point to.
   */
  const expandMapping = (mapping: Mapping, path: string, section?: string, origin?: string): Mapping => {
    const out: Mapping = {};
    let changed = false;
    const put = (key: string, value: unknown, loopPath: string) => {
      if (
        Object.prototype.hasOwnProperty.call(out, key) ||
        Object.prototype.hasOwnProperty.call(mapping, key)
      ) {
        unexpanded.push({
          path: loopPath,
          message: `${lastSegment(loopPath)} generates ${key}, which is already declared; CloudFormation refuses the template`,
          gap: 'malformed',
        });
        return;
      }
      setOwn(out, key, value);
      if (section !== undefined) origins.set(`${section}.${key}`, origin ?? loopPath);
    };
    for (const [key, value] of Object.entries(mapping)) {
      if (!key.startsWith(LOOP_PREFIX)) {
        const expanded = expandValue(value, `${path}.${key}`);
        if (expanded !== value) changed = true;
        setOwn(out, key, expanded);
        continue;
      }
      changed = true;
      const loopPath = `${path}.${key}`;
      for (const [generatedKey, generatedValue] of loop(key, value, loopPath, section, origin ?? loopPath))
        put(generatedKey, generatedValue, loopPath);
    }
    return changed ? out : mapping;
  };

  const expandValue = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) {
      const items = value.map((item, i) => expandValue(item, `${path}.${i}`));
      return items.some((item, i) => item !== value[i]) ? items : value;
    }
    return isMapping(value) ? expandMapping(value, path) : value;
  };

  /** One loop's generated entries, its own nested loops expanded. */
  const loop = (
    key: string,
    args: unknown,
    path: string,
    section: string | undefined,
    origin: string,
  ): [string, unknown][] => {
    const name = key.slice(LOOP_PREFIX.length);
    const refuse = (message: string, gap: UnexpandedLoop['gap'] = 'malformed'): [] => {
      unexpanded.push({ path, message: `loop ${name}: ${message}; what it generates is not checked`, gap });
      return [];
    };
    if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string' || !isMapping(args[2]))
      return refuse('expected [Identifier, Collection, {OutputKey: OutputValue}]');
    const [identifier, collectionExpression, fragment] = args as [string, unknown, Mapping];
    if (identifier === '') return refuse('expected a non-empty identifier');
    const placeholders = [`\${${identifier}}`, `&{${identifier}}`];
    const fixedKey = Object.keys(fragment).find(
      (k) => !k.startsWith(LOOP_PREFIX) && !placeholders.some((p) => k.includes(p)),
    );
    if (fixedKey !== undefined)
      return refuse(`the output key ${fixedKey} does not contain \${${identifier}} or &{${identifier}}`);
    const collection = collectionOf(collectionExpression);
    if (!Array.isArray(collection))
      return refuse(
        `the collection is not determined by the template (${(collection as { reason: string }).reason})`,
        'undetermined',
      );
    const entries: [string, unknown][] = [];
    for (const item of collection) {
      const keys = Object.keys(fragment).length;
      generated += keys;
      if (generated > MAX_GENERATED)
        return refuse(`the loops of the template generate more than ${MAX_GENERATED} entries`);
      const substituted = substitute(fragment, identifier, item) as Mapping;
      entries.push(...Object.entries(expandMapping(substituted, path, section, origin)));
    }
    return entries;
  };

  let result = template;
  for (const section of SECTIONS) {
    const value = template[section];
    if (!isMapping(value)) continue;
    const expanded = expandMapping(value, section, section);
    if (expanded === value) continue;
    if (result === template) result = { ...template };
    result[section] = expanded;
  }
  return { template: result, unexpanded, origins };
}

/** The fragment for one item: placeholders in keys and strings, and `Ref` to the identifier, replaced. */
function substitute(value: unknown, identifier: string, item: string): unknown {
  if (typeof value === 'string') return substituteText(value, identifier, item);
  if (Array.isArray(value)) return value.map((v) => substitute(v, identifier, item));
  if (!isMapping(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier) return item;
  const out: Mapping = {};
  for (const [key, child] of Object.entries(value))
    setOwn(out, substituteText(key, identifier, item), substitute(child, identifier, item));
  return out;
}

function substituteText(text: string, identifier: string, item: string): string {
  if (!text.includes('{')) return text;
  return text
    .split(`\${${identifier}}`)
    .join(item)
    .split(`&{${identifier}}`)
    .join(item.replace(/[^A-Za-z0-9]/g, ''));
}

function lastSegment(path: string): string {
  const at = path.lastIndexOf(LOOP_PREFIX);
  return at < 0 ? path : path.slice(at);
}
