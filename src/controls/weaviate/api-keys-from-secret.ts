/**
 * Weaviate's credentials (its API keys, the cluster password, module API keys, cloud storage keys) reach it from
 * Secrets, never as literal env values, ConfigMap keys or a config file in a ConfigMap. Checked on each Weaviate
 * container and on every ConfigMap that holds such a credential.
 */
import type { Inventory, K8sObject } from '../../inventory/model.js';
import { objectResult } from '../k8s/objects.js';
import type { ControlResult } from '../types.js';
import { readConfigText, UnreadConfig } from './config-file.js';
import { weaviateControl, type Verdict } from './control.js';
import { credentialFields, describeFields, isCredentialVariable } from './credentials.js';
import type { WeaviateContainer } from './types.js';
import { WEAVIATE_KINDS } from './containers.js';

function envVerdicts(c: WeaviateContainer): Verdict[] {
  const out: Verdict[] = [];
  for (const [name, v] of c.env) {
    if (!isCredentialVariable(name)) continue;
    const at = v.at ? `containers.${c.index}.${v.at}` : undefined;
    if (v.kind === 'literal' && v.value !== '')
      out.push(['fail', `${name} is written inline as a literal value`, at]);
    else if (v.kind === 'configmap' && v.value !== '')
      out.push(['fail', `${name} comes from ${v.from}, which is not a Secret`, at]);
    else if (v.kind === 'unknown') out.push(['unknown', `${name}: ${v.reason}`, at]);
  }
  return out;
}

function fileVerdict(c: WeaviateContainer): Verdict | undefined {
  const file = c.configFile;
  const at = file.state !== 'none' && file.at ? `containers.${c.index}.${file.at}` : undefined;
  if (file.state === 'unknown' && file.source?.kind !== 'Secret')
    return ['unknown', `the config file may hold API keys in plain text, but ${file.reason}`, at];
  if (file.state !== 'read' || file.source.kind !== 'ConfigMap') return undefined;
  const fields = credentialFields(file.values);
  if (fields.length === 0) return undefined;
  return ['fail', `${file.shown} sets ${describeFields(fields)}: a ConfigMap, not a Secret`, at];
}

/** The Weaviate config files that containers mount from ConfigMaps, as `namespace/name/key`. */
function mountedConfigKeys(containers: readonly WeaviateContainer[]): Set<string> {
  const keys = new Set<string>();
  for (const { configFile: f } of containers)
    if (f.state === 'read' && f.source.object?.kind === 'ConfigMap')
      keys.add(`${f.source.object.namespace}/${f.source.name}/${f.source.key}`);
  return keys;
}

function configMapResults(cm: K8sObject, mounted: ReadonlySet<string>): ControlResult[] {
  const data = cm.object.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const results: ControlResult[] = [];
  const at = (key: string, status: 'pass' | 'fail' | 'unknown', message: string) => {
    const r = objectResult(cm, status, message);
    results.push({ ...r, resource: { ...r.resource, path: `${r.resource.path}.data.${key}` } });
  };
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    if (isCredentialVariable(key) && value.trim() !== '') {
      at(key, 'fail', `key ${key} holds a credential in plain text; ConfigMaps are not secret`);
      continue;
    }
    const isMounted = mounted.has(`${cm.namespace}/${cm.name}/${key}`);
    // Only texts that can hold a credential field are parsed.
    if (!isMounted && !/allowed_keys|password/i.test(value)) continue;
    const settings = readConfigText(value, key);
    if (!settings) continue;
    // A text past the limits may hold a credential: not read, so neither pass nor silence.
    if (settings instanceof UnreadConfig) {
      at(key, 'unknown', `key ${key} ${settings.reason}`);
      continue;
    }
    const fields = credentialFields(settings);
    if (fields.length > 0)
      at(
        key,
        'fail',
        `key ${key} is a Weaviate config file that sets ${describeFields(fields)} in plain text`,
      );
    else if (isMounted) at(key, 'pass', `key ${key} is a Weaviate config file without credentials`);
  }
  return results;
}

export const control = weaviateControl({
  id: 'VF-WEAVIATE-004',
  title: 'Weaviate credentials are read from Secrets, never written in plain text',
  severity: 'critical',
  rationale:
    'An API key, password or module key written as a literal env value, in a ConfigMap or in a config file kept in a ConfigMap is readable by anyone who can read the workload or the ConfigMap, lands in Git history and is not rotated with the Secret. The Helm chart puts authentication.apikey.allowed_keys in its weaviate-config ConfigMap.',
  remediation:
    'Set AUTHENTICATION_APIKEY_ALLOWED_KEYS and every *_APIKEY, *_TOKEN, *_PASSWORD or cloud key with valueFrom.secretKeyRef (or envFrom.secretRef) pointing to a Secret managed outside the manifests, and remove allowed_keys from the config file.',
  frameworks: {
    'nist-csf-2.0': ['PR.AA-01', 'PR.DS-01'],
    'iso-27001-2022': ['A.5.17', 'A.8.24'],
    soc2: ['CC6.1'],
    'cis-eks-1.8': ['4.4.1'],
  },
  appliesTo: [...WEAVIATE_KINDS, 'ConfigMap'],
  evaluate(c) {
    const verdicts = envVerdicts(c);
    const file = fileVerdict(c);
    if (file) verdicts.push(file);
    const failed = verdicts.filter(([status]) => status === 'fail');
    if (failed.length > 0) return failed;
    if (verdicts.length > 0) return verdicts;
    const fromSecrets = [...c.env].filter(([name, v]) => isCredentialVariable(name) && v.kind === 'secret');
    if (fromSecrets.length > 0)
      return ['pass', `${fromSecrets.map(([name]) => name).join(', ')} from Secrets`];
    if (c.incomplete) return ['pass', `no credentials are written in the manifest (${c.incomplete})`];
    return ['pass', 'no credentials are configured in the manifest'];
  },
  checkObjects(inventory: Inventory, containers) {
    const mounted = mountedConfigKeys(containers);
    return inventory.k8s
      .filter((o) => o.kind === 'ConfigMap' && o.apiVersion === 'v1')
      .flatMap((cm) => configMapResults(cm, mounted));
  },
});
