/**
 * Typed, fail-closed readers over a pod spec as written, and the shape every Pod Security check shares.
 *
 * Written by hand: the upstream checks (kubernetes/pod-security-admission, policy/check_*.go) are Go over typed
 * `corev1.PodSpec`; no maintained JavaScript port exists. These readers reproduce how the API server would decode
 * each field (missing and null are "unset"), and raise `Indeterminate` for anything it would not accept or that
 * the inventory could not resolve (a symbolic value embedded in a template), so the check reports `unknown`
 * instead of guessing.
 */
import { isPlainObject, isSymbolic } from '../../inventory/values.js';

/** Raised when a field the check needs cannot be decoded; the control turns it into `unknown`. */
export class Indeterminate extends Error {}

export type Obj = { readonly [key: string]: unknown };

/** The pod's metadata as the checks see it. */
export interface PodMeta {
  /** The annotations written out as text. */
  readonly annotations: Readonly<Record<string, string>>;
  /**
   * Whether the annotations, or some of them, are values the input does not determine.
   * @default false
   */
  readonly undeterminedAnnotations?: boolean;
}

/** The outcome of one upstream check on one pod, with upstream's reason and detail. */
export interface PssVerdict {
  readonly allowed: boolean;
  readonly reason?: string;
  readonly detail?: string;
}

export type PodCheck = (meta: PodMeta, spec: Obj) => PssVerdict;

export const ALLOWED: PssVerdict = { allowed: true };

export function forbidden(reason: string, detail: string): PssVerdict {
  return { allowed: false, reason, detail };
}

function unresolved(value: unknown, what: string): never {
  throw new Indeterminate(
    isSymbolic(value)
      ? `${what} is not known statically`
      : `${what} has an invalid value ${JSON.stringify(value)}`,
  );
}

/** An object field; undefined when unset. */
export function obj(value: unknown, what: string): Obj | undefined {
  if (value === undefined || value === null) return undefined;
  if (isPlainObject(value)) return value as Obj;
  return unresolved(value, what);
}

/** A list field; empty when unset. */
export function list(value: unknown, what: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  return unresolved(value, what);
}

/** A `*bool` field; undefined when unset. */
export function bool(value: unknown, what: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  return unresolved(value, what);
}

/** A `string` field; undefined when unset (Go's zero value "" is returned as written). */
export function str(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return unresolved(value, what);
}

/** An integer field; undefined when unset. */
export function int(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return unresolved(value, what);
}

/** A container as the checks read it: its name and raw fields. */
export interface ContainerView {
  readonly name: string;
  /** The list it is declared in: `initContainers`, `containers` or `ephemeralContainers`. */
  readonly field: 'initContainers' | 'containers' | 'ephemeralContainers';
  readonly raw: Obj;
  /** `securityContext`, or undefined when unset. */
  readonly securityContext: Obj | undefined;
}

/**
 * Every container of the pod in upstream's visiting order: initContainers, containers, ephemeralContainers.
 */
export function containers(spec: Obj): ContainerView[] {
  const out: ContainerView[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const [i, item] of list(spec[field], `spec.${field}`).entries()) {
      const raw = obj(item, `spec.${field}[${i}]`) ?? {};
      const name = str(raw.name, `spec.${field}[${i}].name`) ?? '';
      out.push({
        name,
        field,
        raw,
        securityContext: obj(raw.securityContext, `container "${name}" securityContext`),
      });
    }
  }
  return out;
}

/** `spec.securityContext`, or undefined when unset. */
export function podSecurityContext(spec: Obj): Obj | undefined {
  return obj(spec.securityContext, 'spec.securityContext');
}

/** Pods that run in a user namespace (`hostUsers: false`) get upstream's v1.35 relaxations. */
export function inUserNamespace(spec: Obj): boolean {
  return bool(spec.hostUsers, 'spec.hostUsers') === false;
}

/** Windows pods are exempt from some restricted checks since v1.25. */
export function isWindows(spec: Obj): boolean {
  const os = obj(spec.os, 'spec.os');
  return os !== undefined && str(os.name, 'spec.os.name') === 'windows';
}

/** Upstream's `joinQuote`: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`. */
export function containerList(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Sorted, de-duplicated, as Go's `sets.String.List()`. */
export function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}

/**
 * The profile type a security context sets under `field` (`seccompProfile`, `appArmorProfile`): undefined when
 * it sets no profile, '' for a profile without a type.
 */
export function profileType(
  context: Record<string, unknown> | undefined,
  field: 'seccompProfile' | 'appArmorProfile',
  what: string,
): string | undefined {
  const profile = obj(context?.[field], `${what} ${field}`);
  return profile === undefined ? undefined : (str(profile.type, `${what} ${field}.type`) ?? '');
}

/**
 * Where the pod and its containers set a profile type that `allowed` rejects: who sets it (`pod`, the
 * container list) and the rejected values, as the upstream checks report them.
 */
export function disallowedProfileTypes(
  spec: Obj,
  field: 'seccompProfile' | 'appArmorProfile',
  allowed: (type: string) => boolean,
): { setters: string[]; values: string[] } {
  const setters: string[] = [];
  const values: string[] = [];
  const podType = profileType(podSecurityContext(spec), field, 'pod');
  if (podType !== undefined && !allowed(podType)) {
    setters.push('pod');
    values.push(podType);
  }
  const bad: string[] = [];
  for (const c of containers(spec)) {
    const type = profileType(c.securityContext, field, `container "${c.name}"`);
    if (type !== undefined && !allowed(type)) {
      bad.push(c.name);
      values.push(type);
    }
  }
  if (bad.length > 0) setters.push(containerList(bad));
  return { setters, values };
}
