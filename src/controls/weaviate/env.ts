/**
 * The Weaviate containers of an inventory and their environment as the kubelet would build it: `envFrom`
 * (ConfigMaps and Secrets, in order) overridden by `env`; `value` literals, ConfigMap keys resolved from the
 * inventory, Secret keys known to exist but not their values. What cannot be resolved is `unknown`.
 */
import type { Inventory, K8sObject, PodTemplate } from '../../inventory/model.js';
import { isPlainObject, isSymbolic } from '../../inventory/values.js';
import { podResource } from '../pss/control.js';
import type { ControlResult } from '../types.js';
import type { Status } from '../../findings/index.js';

export type EnvValue =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'secret'; readonly from: string }
  | { readonly kind: 'configmap'; readonly value: string; readonly from: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface WeaviateContainer {
  readonly pod: PodTemplate;
  readonly name: string;
  readonly image: string;
  /** Variables by name. */
  readonly env: ReadonlyMap<string, EnvValue>;
  /** Why variables not in `env` might still be set (an unresolved envFrom source), or undefined when complete. */
  readonly incomplete?: string;
  /**
   * Why variables not in `env` might be set from somewhere other than a Secret (a ConfigMap not in the input, an
   * entry the input does not determine), or undefined when every other source is a Secret.
   */
  readonly undeterminedSource?: string;
}

type Obj = { readonly [key: string]: unknown };

function configMap(inventory: Inventory, namespace: string, name: unknown): K8sObject | undefined {
  return inventory.k8s.find(
    (o) => o.kind === 'ConfigMap' && o.apiVersion === 'v1' && o.namespace === namespace && o.name === name,
  );
}

function asObj(v: unknown): Obj | undefined {
  return isPlainObject(v) ? (v as Obj) : undefined;
}

function resolveEnv(inventory: Inventory, pod: PodTemplate, container: Obj) {
  const env = new Map<string, EnvValue>();
  let incomplete: string | undefined;
  let undeterminedSource: string | undefined;
  const undetermined = (why: string) => (incomplete = undeterminedSource = why);
  if (isSymbolic(container.envFrom)) undetermined('envFrom is undetermined');
  if (isSymbolic(container.env)) undetermined('env is undetermined');
  const envFrom = Array.isArray(container.envFrom) ? container.envFrom : [];
  for (const [i, item] of envFrom.entries()) {
    const source = asObj(item);
    if (isSymbolic(item) || isSymbolic(source?.configMapRef) || isSymbolic(source?.secretRef)) {
      undetermined(`envFrom[${i}] is undetermined`);
      continue;
    }
    const prefix = typeof source?.prefix === 'string' ? source.prefix : '';
    const cmRef = asObj(source?.configMapRef);
    const secretRef = asObj(source?.secretRef);
    if (cmRef) {
      const cm = configMap(inventory, pod.namespace, cmRef.name);
      const data = asObj(cm?.object.data);
      if (!cm || !data) {
        undetermined(`ConfigMap ${String(cmRef.name)} (envFrom) is not in the input`);
        continue;
      }
      for (const [k, v] of Object.entries(data))
        env.set(
          prefix + k,
          typeof v === 'string'
            ? { kind: 'configmap', value: v, from: `ConfigMap ${cm.name}` }
            : { kind: 'unknown', reason: `ConfigMap ${cm.name} key ${k} is not a string` },
        );
    } else if (secretRef) {
      // A Secret's keys are not visible in manifests that do not include it; any variable may come from it.
      incomplete = `Secret ${String(secretRef.name)} (envFrom) may set any variable`;
    }
  }
  const list = Array.isArray(container.env) ? container.env : [];
  for (const [i, entry] of list.entries()) {
    const item = asObj(entry);
    if (isSymbolic(entry) || isSymbolic(item?.name)) {
      undetermined(`the name of env[${i}] is undetermined`);
      continue;
    }
    if (!item || typeof item.name !== 'string') continue;
    const from = asObj(item.valueFrom);
    if (from) {
      const secret = asObj(from.secretKeyRef);
      const cmKey = asObj(from.configMapKeyRef);
      if (secret)
        env.set(item.name, {
          kind: 'secret',
          from: `Secret ${String(secret.name)} key ${String(secret.key)}`,
        });
      else if (cmKey) {
        const value = asObj(configMap(inventory, pod.namespace, cmKey.name)?.object.data)?.[
          String(cmKey.key)
        ];
        env.set(
          item.name,
          typeof value === 'string'
            ? { kind: 'configmap', value, from: `ConfigMap ${String(cmKey.name)} key ${String(cmKey.key)}` }
            : {
                kind: 'unknown',
                reason: `ConfigMap ${String(cmKey.name)} key ${String(cmKey.key)} is not in the input`,
              },
        );
      } else env.set(item.name, { kind: 'unknown', reason: 'set from a field or resource reference' });
    } else if (item.value === undefined || item.value === null)
      env.set(item.name, { kind: 'literal', value: '' });
    else if (typeof item.value === 'string') env.set(item.name, { kind: 'literal', value: item.value });
    else env.set(item.name, { kind: 'unknown', reason: 'its value is not known statically' });
  }
  return { env, incomplete, undeterminedSource };
}

/** Every container (not init containers) whose image names Weaviate. */
export function weaviateContainers(inventory: Inventory): WeaviateContainer[] {
  const out: WeaviateContainer[] = [];
  for (const pod of inventory.pods) {
    const list = Array.isArray(pod.spec.containers) ? pod.spec.containers : [];
    for (const container of list.map(asObj)) {
      if (
        !container ||
        typeof container.image !== 'string' ||
        !container.image.toLowerCase().includes('weaviate')
      )
        continue;
      const { env, incomplete, undeterminedSource } = resolveEnv(inventory, pod, container);
      out.push({
        pod,
        name: typeof container.name === 'string' ? container.name : '',
        image: container.image,
        env,
        ...(incomplete ? { incomplete } : {}),
        ...(undeterminedSource ? { undeterminedSource } : {}),
      });
    }
  }
  return out;
}

/** A variable's value: the text, `undefined` when unset, or an `unknown` explanation. */
export function envText(c: WeaviateContainer, name: string): string | undefined | { unknown: string } {
  const v = c.env.get(name);
  if (v === undefined)
    return c.incomplete ? { unknown: `${name} is not set here, but ${c.incomplete}` } : undefined;
  switch (v.kind) {
    case 'literal':
    case 'configmap':
      return v.value;
    case 'secret':
      return { unknown: `${name} comes from ${v.from}, whose value is not in the input` };
    case 'unknown':
      return { unknown: `${name}: ${v.reason}` };
  }
}

/** Weaviate's boolean parsing (`entcfg.Enabled`): on, enabled, 1 or true, any case. */
export function enabledText(value: string): boolean {
  return ['on', 'enabled', '1', 'true'].includes(value.toLowerCase());
}

/** A boolean variable as Weaviate reads it; unset is false. */
export function envEnabled(c: WeaviateContainer, name: string): boolean | { unknown: string } {
  const text = envText(c, name);
  if (text === undefined) return false;
  return typeof text === 'string' ? enabledText(text) : text;
}

export function isUnknownValue(v: unknown): v is { unknown: string } {
  return typeof v === 'object' && v !== null && 'unknown' in v;
}

export function containerResult(c: WeaviateContainer, status: Status, message: string): ControlResult {
  return { status, resource: podResource(c.pod), message: `container "${c.name}": ${message}` };
}

export const WEAVIATE_REFERENCES = [
  'https://docs.weaviate.io/deploy/configuration/env-vars',
  'https://docs.weaviate.io/deploy/configuration/authentication',
  'https://docs.weaviate.io/deploy/configuration/authorization',
];

export const WEAVIATE_KINDS = ['StatefulSet', 'Deployment', 'Pod'];
