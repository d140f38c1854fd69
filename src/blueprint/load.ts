/**
 * Loads a blueprint from YAML or JSON, merges it over its preset and validates it. Every problem is reported
 * with the file, the line, the path inside the blueprint and what was expected; nothing throws a stack trace
 * for bad input.
 */
import { closest } from 'fastest-levenshtein';
import { LineCounter, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { boundedValueOf, parseBoundedDocument } from '../contract/bounded-yaml.js';
import { FileRefusal, readRegularTextSync } from '../contract/regular-file.js';
import { InputError, InputErrors } from '../errors.js';
import { limitAsInputError } from './limit-error.js';
import { ENVIRONMENT_RULES } from './environment-rules.js';
import { deriveEnvironments } from './environments.js';
import { PLACEHOLDERS, PRESET_DEFAULTS } from './presets.js';
import { BLUEPRINT_RULES } from './rules.js';
import { PRESETS, blueprintSchema, type Blueprint, type PresetName } from './schema.js';

export interface LoadedBlueprint {
  readonly blueprint: Blueprint;
  /** The file it came from; undefined for the built-in default. */
  readonly file?: string;
  /** Placeholder values still in use (deployment would fail until they are replaced). */
  readonly placeholders: readonly string[];
}

type PathSegment = string | number;

/** Loads and validates a blueprint file; with no file, the default (production) blueprint. */
export function loadBlueprint(file?: string): LoadedBlueprint {
  if (file === undefined) return finish(validateBlueprint({}, '(default blueprint)'));
  return finish(parseBlueprint(readBlueprintText(file), file), file);
}

/**
 * The text of a blueprint file: a regular file within the input size limit (a FIFO or a device such as
 * /dev/zero named as the blueprint would otherwise hang the command or exhaust its memory).
 */
export function readBlueprintText(file: string): string {
  try {
    return readRegularTextSync(file);
  } catch (error) {
    if (error instanceof FileRefusal)
      throw new InputError(
        error.kind === 'a directory' ? 'is a directory, expected a YAML or JSON file' : error.message,
        file,
      );
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a YAML or JSON file'
          : `cannot be read (${code ?? String(error)})`;
    throw new InputError(why, file);
  }
}

/** Parses and validates blueprint text (YAML or JSON). `file` names it in messages. */
export function parseBlueprint(text: string, file: string): Blueprint {
  if (text.includes('\u0000')) throw new InputError('is a binary file, expected YAML or JSON text', file);
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseBoundedDocument(text, { version: '1.2', lineCounter });
  } catch (error) {
    throw limitAsInputError(error, file);
  }
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const pos = lineCounter.linePos(syntaxError.pos[0]);
    throw new InputError(`invalid YAML/JSON: ${firstLine(syntaxError.message)}`, file, undefined, {
      line: pos.line,
      column: pos.col,
    });
  }
  const input = withinLimits(doc, file);
  return validateBlueprint(input, file, (path) => positionOf(doc, lineCounter, path));
}

/** The document's value, held to the input limits that every parser of the process applies. */
function withinLimits(doc: Document, file: string): unknown {
  try {
    return boundedValueOf(doc) ?? {};
  } catch (error) {
    throw limitAsInputError(error, file);
  }
}

/** Validates an already-parsed blueprint object. */
export function validateBlueprint(
  input: unknown,
  file: string,
  locate: (path: readonly PathSegment[]) => { line: number; column: number } | undefined = () => undefined,
): Blueprint {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError(
      `expected a mapping of blueprint settings at the top level, got ${describeValue(input)}`,
      file,
      undefined,
      locate([]),
    );
  }
  const prototypeKey = prototypeKeyPath(input);
  if (prototypeKey)
    throw new InputError(
      'a key named "__proto__" is not a blueprint setting (maps such as tags and environments would drop it silently)',
      file,
      formatPath(prototypeKey),
      locate(prototypeKey),
    );
  const preset = presetOf(input as Record<string, unknown>, file, locate);
  const merged = deepMerge(PRESET_DEFAULTS[preset], input as Record<string, unknown>);
  const parsed = blueprintSchema.safeParse(merged);
  if (!parsed.success) {
    throw new InputErrors(parsed.error.issues.flatMap((issue) => issueToErrors(issue, merged, file, locate)));
  }
  const blueprint = parsed.data;
  // With environments the shared settings are never deployed alone: each environment's blueprint is checked
  // against every rule under its own preset (deriveEnvironments), the shared one only for how they combine.
  const rules = blueprint.environments ? ENVIRONMENT_RULES : BLUEPRINT_RULES;
  const ruleErrors = rules.flatMap((rule) => {
    const message = rule.check(blueprint);
    if (message === undefined) return [];
    const path = rule.path(blueprint);
    return [new InputError(message, file, path, locate(parsePath(path)) ?? nearestPosition(path, locate))];
  });
  if (ruleErrors.length > 0) throw new InputErrors(ruleErrors);
  deriveEnvironments(input as Record<string, unknown>, blueprint, file, (derived) =>
    validateBlueprint(derived, file),
  );
  return blueprint;
}

function finish(blueprint: Blueprint, file?: string): LoadedBlueprint {
  return { blueprint, file, placeholders: placeholdersOf(blueprint) };
}

/** The fields of a blueprint that still hold a placeholder value (deployment would fail until replaced). */
export function placeholdersOf(blueprint: Blueprint): string[] {
  return PLACEHOLDERS.filter((p) => {
    const value = parsePath(p.path).reduce<unknown>(
      (v, s) => (v as Record<string | number, unknown> | undefined)?.[s],
      blueprint,
    );
    return (
      value === p.value &&
      (p.path.startsWith('adminAccess.clientVpn') ? blueprint.adminAccess.clientVpn.enabled : true)
    );
  }).map((p) => p.path);
}

function presetOf(
  input: Record<string, unknown>,
  file: string,
  locate: (path: readonly PathSegment[]) => { line: number; column: number } | undefined,
): PresetName {
  const preset = input.preset ?? 'production';
  if (typeof preset === 'string' && (PRESETS as readonly string[]).includes(preset))
    return preset as PresetName;
  const hint = typeof preset === 'string' ? suggestion(preset, PRESETS) : '';
  throw new InputError(
    `expected one of ${PRESETS.join(', ')}, got ${describeValue(preset)}${hint}`,
    file,
    'preset',
    locate(['preset']),
  );
}

/** Merges `override` over `base`: objects recursively, arrays and scalars replaced. */
/** The path of the first own `__proto__` key in a parsed value, iteratively (the value's depth is bounded). */
function prototypeKeyPath(input: unknown): PathSegment[] | undefined {
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) return [...path, '__proto__'];
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return undefined;
}

export function deepMerge(base: unknown, override: unknown): Record<string, unknown> {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override as Record<string, unknown>)) {
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    // Defined, not assigned: a `__proto__` key in the file stays a key the schema refuses by name, instead of
    // turning into the merged object's prototype (which dropped a whole `environments` entry silently).
    Object.defineProperty(result, key, {
      value: isRecord(current) && isRecord(value) ? deepMerge(current, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function issueToErrors(
  issue: z.core.$ZodIssue,
  input: unknown,
  file: string,
  locate: (path: readonly PathSegment[]) => { line: number; column: number } | undefined,
): InputError[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const valid = shapeKeysAt(path);
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      return new InputError(
        `unknown key "${key}"${suggestion(key, valid)}`,
        file,
        formatPath(keyPath),
        locate(keyPath),
      );
    });
  }
  const received = valueAt(input, path);
  return [
    new InputError(
      describeIssue(issue, received),
      file,
      formatPath(path),
      locate(path) ?? nearestPosition(formatPath(path), locate),
    ),
  ];
}

function describeIssue(issue: z.core.$ZodIssue, received: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return received === undefined
        ? `is required (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${describeValue(received)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(received)}${
        typeof received === 'string'
          ? suggestion(
              received,
              issue.values.filter((v): v is string => typeof v === 'string'),
            )
          : ''
      }`;
    case 'invalid_union':
      return `expected ${unionExpectation(issue)}, got ${describeValue(received)}`;
    case 'invalid_key': {
      // The issue's path ends at the key; what was wrong is the key itself, not the value under it.
      const reasons = [...new Set(issue.issues.map((i) => i.message.replace(/^Invalid input: /, '')))];
      return `expected ${reasons.join('; ')}, got key ${JSON.stringify(String(issue.path.at(-1)))}`;
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
    default: {
      const message = issue.message.replace(/^Invalid input: /, '');
      const expectation = /^(a|an|one|exactly|at|expected|the|enable|RBAC|anonymous|[A-Z])\b/.test(message)
        ? message
        : message;
      return `expected ${expectation.replace(/^expected /, '')}, got ${describeValue(received)}`;
    }
  }
}

function unionExpectation(issue: z.core.$ZodIssue & { code: 'invalid_union' }): string {
  const options = issue.errors.flatMap((branch) =>
    branch.flatMap((i) =>
      i.code === 'invalid_value' ? i.values.map((v) => JSON.stringify(v)) : [i.message],
    ),
  );
  return options.length ? `one of ${[...new Set(options)].join(', ')}` : 'a valid value';
}

/** Valid keys of the object schema at `path`, for "did you mean" suggestions. */
function shapeKeysAt(path: readonly PathSegment[]): string[] {
  let schema: unknown = blueprintSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = (
      schema as {
        _zod?: {
          def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown };
        };
      }
    )._zod?.def;
    if (def?.type === 'object') schema = def.shape?.[segment as string];
    else if (def?.type === 'array') schema = def.element;
    else if (def?.type === 'record') schema = def.valueType;
    else return [];
  }
  const def = (unwrap(schema) as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })._zod
    ?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: { type?: string; innerType?: unknown } } } | undefined;
  while (
    current?._zod?.def &&
    ['default', 'optional', 'nullable', 'prefault', 'readonly'].includes(current._zod.def.type ?? '')
  ) {
    current = current._zod.def.innerType as typeof current;
  }
  return current;
}

function suggestion(value: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(value, [...candidates]);
  // Only suggest when the distance is small relative to the word, otherwise the hint is noise.
  return editDistanceRatio(value, best) <= 0.5 ? ` (did you mean "${best}"?)` : '';
}

function editDistanceRatio(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = Array.from({ length: rows * cols }, (_, i) =>
    i < cols ? i : i % cols === 0 ? i / cols : 0,
  );
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++)
      d[i * cols + j] = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
  return d[rows * cols - 1]! / Math.max(a.length, b.length, 1);
}

function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return undefined;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  const target = (keyNode ?? node) as Node | undefined;
  const offset = target?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The position of the deepest existing parent of `path` (a missing key is reported where its parent is). */
function nearestPosition(
  path: string,
  locate: (path: readonly PathSegment[]) => { line: number; column: number } | undefined,
): { line: number; column: number } | undefined {
  const segments = parsePath(path);
  for (let n = segments.length - 1; n >= 0; n--) {
    const pos = locate(segments.slice(0, n));
    if (pos) return pos;
  }
  return undefined;
}

/** `a.b[0].c` ↔ ['a', 'b', 0, 'c'] */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s),
    '',
  );
}

export function parsePath(path: string): PathSegment[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>(
    (v, s) => (isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[s] : undefined),
    value,
  );
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${typeof value} ${text.slice(0, 57)}…"` : `${typeof value} ${text}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
