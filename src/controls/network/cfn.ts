/**
 * Reading CloudFormation resources from the inventory for the AWS-side controls (eks, network, data): typed
 * access to resolved properties, references between resources, and results that point at the attribute
 * concerned. Symbolic values come back as `Unknown`, so a check can never mistake "not determined" for a
 * value; omitted properties come back as `undefined`, so a check applies the AWS default explicitly.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import {
  getPath,
  isPlainObject,
  isSymbolic,
  ResourceRef,
  SymbolicString,
  Unknown,
  type SymbolicValue,
} from '../../inventory/values.js';
import type { ResourceLocator, Status } from '../../findings/index.js';
import type { ControlResult } from '../types.js';

export { Unknown };

const typeIndexes = new WeakMap<Inventory, Map<string, CfnResource[]>>();

/** Resources of the given CloudFormation types, in inventory order (indexed once per inventory). */
export function resourcesOfType(inventory: Inventory, ...types: string[]): readonly CfnResource[] {
  let index = typeIndexes.get(inventory);
  if (!index) {
    index = new Map();
    for (const r of inventory.cfn) {
      const list = index.get(r.type);
      if (list) list.push(r);
      else index.set(r.type, [r]);
    }
    typeIndexes.set(inventory, index);
  }
  if (types.length === 1) return index.get(types[0]!) ?? [];
  const wanted = new Set(types);
  return inventory.cfn.filter((r) => wanted.has(r.type));
}

/** Where a finding points: the resource, and the property path inside it when given (`Logging.ClusterLogging`). */
export function locate(r: CfnResource, propertyPath?: string): ResourceLocator {
  return {
    type: r.type,
    id: r.key,
    file: r.location.file,
    path: propertyPath ? `${r.location.path}.Properties.${propertyPath}` : r.location.path,
    ...(r.location.line !== undefined ? { line: r.location.line } : {}),
  };
}

export function result(
  r: CfnResource,
  status: Status,
  message: string,
  propertyPath?: string,
): ControlResult {
  return { status, resource: locate(r, propertyPath), message };
}

/** A resolved property by dotted path (`ResourcesVpcConfig.EndpointPublicAccess`). */
export function prop(r: CfnResource, path: string): SymbolicValue | undefined {
  return getPath(r.properties, path);
}

/** Text for a value in a message. */
export function show(v: SymbolicValue | undefined): string {
  if (v === undefined) return 'not set';
  if (v instanceof Unknown) return `undetermined (${v.reason})`;
  if (v instanceof ResourceRef) return `\${${v.target}${v.attribute ? '.' + v.attribute : ''}}`;
  if (v instanceof SymbolicString) return v.toString();
  return JSON.stringify(v);
}

function unknownOf(v: SymbolicValue, what: string): Unknown {
  return v instanceof Unknown
    ? v
    : new Unknown(`${what} is ${show(v)}, which the template does not determine`);
}

/**
 * A boolean property with CloudFormation's lenient typing (`"true"`/`"false"` strings are accepted);
 * `undefined` when omitted, `Unknown` when symbolic or not a boolean.
 */
export function boolOf(v: SymbolicValue | undefined, what = 'the value'): boolean | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (isSymbolic(v)) return unknownOf(v, what);
  return new Unknown(`${what} is ${show(v)}, not a boolean`);
}

/** A string property; `undefined` when omitted, `Unknown` when symbolic or not a scalar. */
export function stringOf(v: SymbolicValue | undefined, what = 'the value'): string | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isSymbolic(v)) return unknownOf(v, what);
  return new Unknown(`${what} is ${show(v)}, not a string`);
}

/** A number property (numeric strings accepted); `undefined` when omitted, `Unknown` otherwise. */
export function numberOf(v: SymbolicValue | undefined, what = 'the value'): number | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (isSymbolic(v)) return unknownOf(v, what);
  return new Unknown(`${what} is ${show(v)}, not a number`);
}

/** A list property; `undefined` when omitted, `Unknown` when the list itself is symbolic. */
export function listOf(
  v: SymbolicValue | undefined,
  what = 'the list',
): readonly SymbolicValue[] | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v as readonly SymbolicValue[];
  if (isSymbolic(v)) return unknownOf(v, what);
  return new Unknown(`${what} is ${show(v)}, not a list`);
}

export function isUnknownValue(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** Inventory keys by stack-qualified logical id, cached per inventory. */
const indexes = new WeakMap<Inventory, Map<string, CfnResource>>();

export function resourceByKey(inventory: Inventory, key: string): CfnResource | undefined {
  let index = indexes.get(inventory);
  if (!index) {
    index = new Map(inventory.cfn.map((r) => [r.key, r]));
    indexes.set(inventory, index);
  }
  return index.get(key);
}

/** The resource a `Ref`/`Fn::GetAtt` value points at, when it is one. */
export function target(inventory: Inventory, v: SymbolicValue | undefined): CfnResource | undefined {
  return v instanceof ResourceRef ? resourceByKey(inventory, v.target) : undefined;
}

/**
 * Whether `v` (a property of another resource) identifies `parent`: a `Ref`/`Fn::GetAtt` to it, or a literal
 * equal to the parent's name property (`ClusterName: weaviate` for a cluster with `Name: weaviate`).
 * `Unknown` when `v` is symbolic in a way that could be anything. (`referencing` answers the same question for
 * all children at once, through an index.)
 */
export function identifies(
  v: SymbolicValue | undefined,
  parent: CfnResource,
  nameProperty?: string,
): boolean | Unknown {
  if (v === undefined || v === null) return false;
  if (v instanceof ResourceRef) return v.target === parent.key;
  if (typeof v === 'string') {
    const name = nameProperty ? prop(parent, nameProperty) : undefined;
    return typeof name === 'string' && name === v;
  }
  if (v instanceof SymbolicString) {
    // A string built from a reference to the parent (an ARN joined around its name) identifies it.
    if (v.parts.some((p) => p instanceof ResourceRef && p.target === parent.key)) return true;
    if (v.parts.some((p) => p instanceof ResourceRef)) return false;
  }
  return unknownOf(v, 'the reference');
}

/** The worst of several statuses, in the order the catalog test and reports use. */
export function worst(statuses: readonly Status[]): Status {
  for (const s of ['fail', 'unknown', 'pass', 'not-applicable'] as const) if (statuses.includes(s)) return s;
  return 'not-applicable';
}

interface ReferenceIndex {
  readonly byTarget: Map<string, CfnResource[]>;
  readonly byName: Map<string, CfnResource[]>;
  readonly undetermined: CfnResource[];
}

const referenceIndexes = new WeakMap<Inventory, Map<string, ReferenceIndex>>();

function add(map: Map<string, CfnResource[]>, key: string, r: CfnResource): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== r) list.push(r);
  } else map.set(key, [r]);
}

/**
 * Resources of `type` whose property `path` identifies `parent`: a `Ref`/`Fn::GetAtt` to it, a string built
 * around such a reference (an ARN joined around its name), or a literal equal to the parent's `nameProperty`
 * (`ClusterName: weaviate` for a cluster with `Name: weaviate`). An index is built once per inventory, type and
 * path, so relating N children to M parents costs N + M rather than N × M. `undetermined` lists children whose
 * reference is symbolic in a way that could name any parent.
 */
export function referencing(
  inventory: Inventory,
  type: string,
  path: string,
  parent: CfnResource,
  nameProperty?: string,
): { matches: CfnResource[]; undetermined: readonly CfnResource[] } {
  let perInventory = referenceIndexes.get(inventory);
  if (!perInventory) {
    perInventory = new Map();
    referenceIndexes.set(inventory, perInventory);
  }
  const key = `${type}\u0000${path}`;
  let index = perInventory.get(key);
  if (!index) {
    index = { byTarget: new Map(), byName: new Map(), undetermined: [] };
    for (const child of resourcesOfType(inventory, type)) {
      const v = prop(child, path);
      if (v === undefined || v === null) continue;
      if (v instanceof ResourceRef) add(index.byTarget, v.target, child);
      else if (typeof v === 'string') add(index.byName, v, child);
      else if (v instanceof SymbolicString && v.parts.some((p) => p instanceof ResourceRef)) {
        for (const p of v.parts) if (p instanceof ResourceRef) add(index.byTarget, p.target, child);
      } else index.undetermined.push(child);
    }
    perInventory.set(key, index);
  }
  const name = nameProperty ? prop(parent, nameProperty) : undefined;
  const matches = [
    ...(index.byTarget.get(parent.key) ?? []),
    ...(typeof name === 'string' ? (index.byName.get(name) ?? []) : []),
  ];
  return { matches, undetermined: index.undetermined };
}

/**
 * `referencing` as pairs: each related child with `true`, then each child whose reference is undetermined with
 * the `Unknown` that says why.
 */
export function related(
  inventory: Inventory,
  type: string,
  path: string,
  parent: CfnResource,
  nameProperty?: string,
): [CfnResource, true | Unknown][] {
  const { matches, undetermined } = referencing(inventory, type, path, parent, nameProperty);
  return [
    ...matches.map((c): [CfnResource, true] => [c, true]),
    ...undetermined.map((c): [CfnResource, Unknown] => [
      c,
      unknownOf(prop(c, path) ?? null, `${c.key} ${path}`),
    ]),
  ];
}

/**
 * Whether a resource is certainly created: false when its `Condition` cannot be evaluated. A resource that may
 * not exist is no evidence for a pass (a conditional flow log, bucket policy or add-on).
 */
export function certain(r: CfnResource): boolean {
  return r.condition === true;
}

/** A pass backed by `evidence`, or `unknown` when the evidence may not be created. */
export function passIfCertain(
  r: CfnResource,
  evidence: CfnResource,
  message: string,
  propertyPath?: string,
): ControlResult {
  return certain(evidence)
    ? result(r, 'pass', message, propertyPath)
    : result(
        r,
        'unknown',
        `${message}, but ${evidence.key} has a Condition that cannot be evaluated`,
        propertyPath,
      );
}

/** A tag value as a plain string, when the template determines it. */
export function tagOf(r: CfnResource, key: string): string | undefined {
  const v = r.tags[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Whether tag `key` may hold a value the template does not determine: the tag list, an entry or its key is
 * undetermined (it may be `key`), or the value of `key` is.
 */
export function tagUndetermined(r: CfnResource, key: string): boolean {
  const tags = prop(r, 'Tags');
  if (isSymbolic(tags)) return true;
  if (isObject(tags)) return isSymbolic(tags[key]);
  return (Array.isArray(tags) ? (tags as readonly SymbolicValue[]) : []).some(
    (tag) =>
      isSymbolic(tag) ||
      (isObject(tag) && (isSymbolic(tag.Key) || (tag.Key === key && isSymbolic(tag.Value)))),
  );
}

/**
 * The value of a tag a generated stack declares for the verifier (`vectorfort:backup-prefix`): undefined when the
 * resource has none, Unknown when the template leaves it undetermined.
 */
export function declaredTag(r: CfnResource, key: string): string | Unknown | undefined {
  if (tagUndetermined(r, key)) return new Unknown(`the ${key} tag is not determined by the template`);
  return tagOf(r, key);
}

/** IPv4 and IPv6 "anywhere" ranges in any spelling (`0.0.0.0/0`, `::/0`, `::0/0`, `0:0::/0`). */
export function isAnywhere(cidr: string): boolean {
  const [address, prefix] = cidr.trim().split('/');
  return prefix !== undefined && Number(prefix) === 0 && address !== undefined && address.length > 0;
}

/** True for a plain object property (not symbolic). */
export function isObject(v: SymbolicValue | undefined): v is { readonly [key: string]: SymbolicValue } {
  return isPlainObject(v);
}
