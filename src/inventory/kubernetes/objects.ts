/**
 * Kubernetes objects in the inventory: identity (key, namespace, scope), labels and annotations, and the
 * expansion of `List` objects into their items.
 */
import type { K8sObject, SourceLocation } from '../model.js';
import { ResourceRef, SymbolicString, Unknown, isSymbolic } from '../values.js';
import { isClusterScoped } from './scope.js';
import { setOwn } from '../own.js';

/** A manifest object with where it was read from. */
export interface ManifestInput {
  readonly object: unknown;
  readonly location: SourceLocation;
  /** The inventory key of the template resource that embeds it. */
  readonly embeddedIn?: string;
}

/** Why a document is not a Kubernetes object: the field at fault (relative to the object) and what is wrong. */
export interface ManifestProblem {
  /** The field at fault, relative to the object (`metadata.namespace`); empty for the object itself. */
  readonly path: string;
  readonly message: string;
}

/** Why a document is not a Kubernetes object, or undefined when it is one. */
export function manifestProblem(object: unknown): ManifestProblem | undefined {
  if (typeof object !== 'object' || object === null || Array.isArray(object))
    return { path: '', message: 'expected a mapping with apiVersion and kind' };
  const record = object as Record<string, unknown>;
  if (typeof record.apiVersion !== 'string' || record.apiVersion === '')
    return notText('apiVersion', record.apiVersion);
  if (typeof record.kind !== 'string' || record.kind === '') return notText('kind', record.kind);
  if (isList(record))
    return Array.isArray(record.items)
      ? undefined
      : { path: 'items', message: 'expected items to be a list' };
  const metadata = record.metadata;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    return { path: 'metadata', message: 'expected metadata to be a mapping' };
  const { name, generateName, namespace } = metadata as Record<string, unknown>;
  // Objects embedded in a template may take their name from a reference: it is shown symbolically.
  if (!isText(name) && typeof generateName !== 'string') return notText('metadata.name', name);
  if (namespace !== undefined && !isText(namespace)) return notText('metadata.namespace', namespace);
  return undefined;
}

/** A field that should be a string, with what was found there when something was (else its parent is named). */
function notText(path: string, found: unknown): ManifestProblem {
  const at = found === undefined ? path.slice(0, Math.max(0, path.lastIndexOf('.'))) : path;
  return { path: at, message: `expected ${path} to be a string${foundText(found)}` };
}

function foundText(found: unknown): string {
  // YAML 1.1, which Kubernetes' own reader follows, reads an unquoted y, yes, on, n, no or off as a boolean.
  if (typeof found === 'boolean')
    return `, found the boolean ${found} (an unquoted y, yes, on, n, no or off is one: quote the value)`;
  if (typeof found === 'number') return `, found the number ${found} (quote the value)`;
  if (Array.isArray(found)) return ', found a list';
  if (typeof found === 'object' && found !== null && !isSymbolic(found)) return ', found a mapping';
  return '';
}

export function isList(record: Record<string, unknown>): boolean {
  return typeof record.kind === 'string' && record.kind.endsWith('List') && 'items' in record;
}

/** Expands `List` objects (recursively) into items with their own locations. */
export function expandLists(input: ManifestInput): ManifestInput[] {
  const record = input.object as Record<string, unknown>;
  if (typeof record !== 'object' || record === null || !isList(record) || !Array.isArray(record.items))
    return [input];
  return record.items.flatMap((item, i) =>
    expandLists({
      ...input,
      object: item,
      location: { ...input.location, path: joinPath(input.location.path, `items.${i}`) },
    }),
  );
}

export function joinPath(a: string, b: string): string {
  if (a === '') return b;
  return b === '' ? a : `${a}.${b}`;
}

/** Builds the inventory object for a valid manifest (see manifestProblem). */
export function toK8sObject(input: ManifestInput, customKinds: ReadonlyMap<string, boolean>): K8sObject {
  const object = input.object as Record<string, unknown>;
  const metadata = object.metadata as Record<string, unknown>;
  const apiVersion = object.apiVersion as string;
  const kind = object.kind as string;
  // generateName objects get their name at creation: the prefix stands for them.
  const name = isText(metadata.name) ? textOf(metadata.name) : `${metadata.generateName as string}*`;
  const namespace = isClusterScoped(kind, customKinds)
    ? undefined
    : isText(metadata.namespace) && textOf(metadata.namespace) !== ''
      ? textOf(metadata.namespace)
      : 'default';
  return {
    source: 'kubernetes',
    key:
      namespace === undefined
        ? `${apiVersion}/${kind}/${name}`
        : `${apiVersion}/${kind}/${namespace}/${name}`,
    apiVersion,
    kind,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    labels: stringRecord(metadata.labels),
    annotations: stringRecord(metadata.annotations),
    object,
    location: input.location,
    ...(input.embeddedIn !== undefined ? { embeddedIn: input.embeddedIn } : {}),
  };
}

/** The string entries of a label or annotation map; entries the input does not determine are left out. */
export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') setOwn(out, key, v);
    else if (typeof v === 'number' || typeof v === 'boolean') setOwn(out, key, String(v));
  }
  return out;
}

function isText(value: unknown): boolean {
  return typeof value === 'string' || isSymbolic(value);
}

/** A name as text; symbolic parts are shown as `${…}` (a reference) or `${?}` (unknown). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof ResourceRef || value instanceof Unknown) return new SymbolicString([value]).toString();
  return String(value);
}
