/**
 * Which ConfigMap or Secret key a file inside a container comes from, and its content when that object is in the
 * inventory. Follows the container's volume mounts (the deepest mount path wins, as nested mounts shadow their
 * parents; `subPath` included) to the pod's volume and, for `configMap`, `secret` and `projected` volumes, to the
 * object's key (`items` map keys to other paths). Other volume types hold content the manifests do not carry.
 */
import { posix } from 'node:path';
import type { Inventory, K8sObject, PodTemplate } from '../model.js';

/** The object and key behind a mounted file. */
export interface FileSource {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly key: string;
  /** The object, when it is in the inventory. */
  readonly object?: K8sObject;
}

export type MountedFile =
  /** The file's text, read from the object in the inventory. */
  | { readonly kind: 'content'; readonly source: FileSource; readonly text: string }
  /** The volume is mounted there but holds no such file (the object lacks the key). */
  | { readonly kind: 'no-file'; readonly reason: string }
  /** The file comes from an object that is not in the inventory. */
  | { readonly kind: 'missing-object'; readonly source: FileSource }
  /** No volume is mounted over the path: the file, if any, is part of the image. */
  | { readonly kind: 'not-mounted' }
  | { readonly kind: 'unknown'; readonly reason: string };

type Obj = Readonly<Record<string, unknown>>;

function asObj(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The mount that serves `path` and the path inside its volume. */
function mountFor(container: Obj, path: string) {
  let best: { mount: Obj; inside: string; depth: number } | undefined;
  for (const mount of asList(container.volumeMounts).map(asObj)) {
    if (!mount || typeof mount.mountPath !== 'string') continue;
    const at = posix.normalize(mount.mountPath).replace(/\/+$/, '') || '/';
    const inside =
      path === at ? '' : path.startsWith(at === '/' ? '/' : `${at}/`) ? path.slice(at.length + 1) : undefined;
    if (inside === undefined || (best && best.depth >= at.length)) continue;
    best = { mount, inside, depth: at.length };
  }
  return best;
}

/** The key an object-backed volume (or projection) shows at `inside`, or undefined when it shows none there. */
function keyAt(items: unknown, inside: string): string | undefined {
  if (!Array.isArray(items)) return inside.includes('/') || inside === '' ? undefined : inside;
  for (const item of items.map(asObj))
    if (item && typeof item.key === 'string' && typeof item.path === 'string')
      if (posix.normalize(item.path) === inside) return item.key;
  return undefined;
}

function findObjects(inventory: Inventory, kind: string, namespace: string, name: string) {
  return inventory.k8s.filter(
    (o) => o.kind === kind && o.apiVersion === 'v1' && o.namespace === namespace && o.name === name,
  );
}

/** The text of a key of a ConfigMap or Secret (base64 `data`/`binaryData` decoded); undefined when absent. */
function keyText(object: K8sObject, key: string): string | { readonly unknown: string } | undefined {
  const plain = object.kind === 'Secret' ? 'stringData' : 'data';
  const encoded = object.kind === 'Secret' ? 'data' : 'binaryData';
  for (const [field, base64] of [
    [plain, false],
    [encoded, true],
  ] as const) {
    const map = asObj(object.object[field]);
    if (!map || !Object.prototype.hasOwnProperty.call(map, key)) continue;
    const value = map[key];
    if (typeof value !== 'string') return { unknown: `${field}.${key} is not a string the input determines` };
    return base64 ? Buffer.from(value, 'base64').toString('utf8') : value;
  }
  return undefined;
}

function fromObject(
  inventory: Inventory,
  namespace: string,
  kind: 'ConfigMap' | 'Secret',
  name: unknown,
  key: string,
): MountedFile {
  if (typeof name !== 'string') return { kind: 'unknown', reason: `the ${kind} name is not known` };
  const [object, ...others] = findObjects(inventory, kind, namespace, name);
  if (!object) return { kind: 'missing-object', source: { kind, name, key } };
  const text = keyText(object, key);
  // Two definitions of the object (VF-K8S-014 names them) that disagree on the key: the one applied last
  // decides, which the input does not say.
  if (others.some((other) => JSON.stringify(keyText(other, key)) !== JSON.stringify(text)))
    return {
      kind: 'unknown',
      reason: `${kind} ${name} is defined ${others.length + 1} times with different ${key}: the one applied last decides`,
    };
  if (text === undefined) return { kind: 'no-file', reason: `${kind} ${name} has no key ${key}` };
  if (typeof text !== 'string') return { kind: 'unknown', reason: `${kind} ${name} ${text.unknown}` };
  return { kind: 'content', source: { kind, name, key, object }, text };
}

/** Where a file at an absolute `path` in `container` (a container of `pod`) comes from. */
export function mountedFile(
  inventory: Inventory,
  pod: PodTemplate,
  container: Obj,
  path: string,
): MountedFile {
  const found = mountFor(container, posix.normalize(path));
  if (!found) return { kind: 'not-mounted' };
  const { mount } = found;
  if (mount.subPathExpr !== undefined)
    return { kind: 'unknown', reason: `volume mount ${String(mount.name)} uses subPathExpr` };
  const sub = typeof mount.subPath === 'string' && mount.subPath !== '' ? posix.normalize(mount.subPath) : '';
  const inside = [sub, found.inside].filter((p) => p !== '').join('/');
  const volume = asList(pod.spec.volumes)
    .map(asObj)
    .find((v) => v?.name === mount.name);
  if (!volume) return { kind: 'unknown', reason: `volume ${String(mount.name)} is not declared in the pod` };
  const configMap = asObj(volume.configMap);
  const secret = asObj(volume.secret);
  const projected = asObj(volume.projected);
  const namespace = pod.namespace;
  if (configMap) {
    const key = keyAt(configMap.items, inside);
    if (key === undefined)
      return { kind: 'no-file', reason: `ConfigMap volume ${String(volume.name)} has no ${inside}` };
    return fromObject(inventory, namespace, 'ConfigMap', configMap.name, key);
  }
  if (secret) {
    const key = keyAt(secret.items, inside);
    if (key === undefined)
      return { kind: 'no-file', reason: `Secret volume ${String(volume.name)} has no ${inside}` };
    return fromObject(inventory, namespace, 'Secret', secret.secretName, key);
  }
  if (projected) {
    // Later sources are written over earlier ones, so the last one that can show the path decides.
    const sources = asList(projected.sources).map(asObj).reverse();
    for (const source of sources) {
      const cm = asObj(source?.configMap);
      const sec = asObj(source?.secret);
      const ref = cm ?? sec;
      if (!ref) {
        const other = asObj(source?.downwardAPI) ?? asObj(source?.serviceAccountToken);
        if (other && JSON.stringify(other).includes(`"${inside}"`))
          return { kind: 'unknown', reason: `${inside} is projected from pod metadata or a token` };
        continue;
      }
      const key = keyAt(ref.items, inside);
      if (key === undefined) continue;
      const file = fromObject(inventory, namespace, cm ? 'ConfigMap' : 'Secret', ref.name, key);
      // Without items, a source shows only the keys it has: one that lacks the key does not hide the others.
      if (file.kind === 'no-file' && !Array.isArray(ref.items)) continue;
      return file;
    }
    return { kind: 'no-file', reason: `projected volume ${String(volume.name)} has no ${inside}` };
  }
  const type = Object.keys(volume).find((k) => k !== 'name') ?? 'unspecified';
  return {
    kind: 'unknown',
    reason: `volume ${String(volume.name)} (${type}) holds content the input does not carry`,
  };
}
