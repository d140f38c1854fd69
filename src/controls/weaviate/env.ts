/**
 * A container's environment as the kubelet builds it: `envFrom` (ConfigMaps and Secrets, in order) overridden by
 * `env`; `value` literals, ConfigMap keys resolved from the inventory, Secret keys known to exist but not their
 * values. What cannot be resolved is `unknown`.
 */
import type { Inventory, K8sObject, PodTemplate } from '../../inventory/model.js';
import { isPlainObject } from '../../inventory/values.js';
import { expandReferences } from './env-references.js';
import type { EnvValue, WeaviateContainer } from './types.js';

type Obj = { readonly [key: string]: unknown };

function configMap(inventory: Inventory, namespace: string, name: unknown): K8sObject | undefined {
  return inventory.k8s.find(
    (o) => o.kind === 'ConfigMap' && o.apiVersion === 'v1' && o.namespace === namespace && o.name === name,
  );
}

function asObj(v: unknown): Obj | undefined {
  return isPlainObject(v) ? (v as Obj) : undefined;
}

export function resolveEnv(inventory: Inventory, pod: PodTemplate, container: Obj) {
  const env = new Map<string, EnvValue>();
  let incomplete: string | undefined;
  const envFrom = Array.isArray(container.envFrom) ? container.envFrom : [];
  for (const [i, source] of envFrom.map(asObj).entries()) {
    const prefix = typeof source?.prefix === 'string' ? source.prefix : '';
    const cmRef = asObj(source?.configMapRef);
    const secretRef = asObj(source?.secretRef);
    if (cmRef) {
      const cm = configMap(inventory, pod.namespace, cmRef.name);
      const data = asObj(cm?.object.data);
      if (!cm || !data) {
        incomplete = `ConfigMap ${String(cmRef.name)} (envFrom) is not in the input`;
        continue;
      }
      for (const [k, v] of Object.entries(data))
        env.set(
          prefix + k,
          typeof v === 'string'
            ? { kind: 'configmap', value: v, from: `ConfigMap ${cm.name} key ${k}`, at: `envFrom.${i}` }
            : {
                kind: 'unknown',
                reason: `ConfigMap ${cm.name} key ${k} is not a string`,
                at: `envFrom.${i}`,
              },
        );
    } else if (secretRef) {
      // A Secret's keys are not visible in manifests that do not include it; any variable may come from it.
      incomplete = `Secret ${String(secretRef.name)} (envFrom) may set any variable`;
    }
  }
  const list = Array.isArray(container.env) ? container.env : [];
  for (const [i, item] of list.map(asObj).entries()) {
    if (!item || typeof item.name !== 'string') continue;
    const at = `env.${i}`;
    const from = asObj(item.valueFrom);
    if (from) {
      const secret = asObj(from.secretKeyRef);
      const cmKey = asObj(from.configMapKeyRef);
      if (secret)
        env.set(item.name, {
          kind: 'secret',
          from: `Secret ${String(secret.name)} key ${String(secret.key)}`,
          at,
        });
      else if (cmKey) {
        const value = asObj(configMap(inventory, pod.namespace, cmKey.name)?.object.data)?.[
          String(cmKey.key)
        ];
        env.set(
          item.name,
          typeof value === 'string'
            ? {
                kind: 'configmap',
                value,
                from: `ConfigMap ${String(cmKey.name)} key ${String(cmKey.key)}`,
                at,
              }
            : {
                kind: 'unknown',
                reason: `ConfigMap ${String(cmKey.name)} key ${String(cmKey.key)} is not in the input`,
                at,
              },
        );
      } else env.set(item.name, { kind: 'unknown', reason: 'set from a field or resource reference', at });
    } else if (item.value === undefined || item.value === null)
      env.set(item.name, { kind: 'literal', value: '', at });
    else if (typeof item.value === 'string')
      env.set(
        item.name,
        item.value.includes('$')
          ? expandReferences(item.value, env, at)
          : { kind: 'literal', value: item.value, at },
      );
    else env.set(item.name, { kind: 'unknown', reason: 'its value is not known statically', at });
  }
  return { env, incomplete };
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
