/**
 * Drift of the cluster's security objects: NetworkPolicies, Istio PeerAuthentications and
 * AuthorizationPolicies compared by identity (group, kind, namespace, name) and spec, and the namespaces' Pod
 * Security and sidecar-injection labels. A policy the baseline declares that is gone live is `missing`; one
 * live in a namespace the baseline manages that the baseline does not declare is `unmanaged`.
 */
import type { Inventory, K8sObject } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import type { AuditDrift } from '../../report/audit-section.js';
import { NOT_COMPARABLE, comparable, same } from './normalize.js';

const POLICY_KINDS = new Set(['NetworkPolicy', 'PeerAuthentication', 'AuthorizationPolicy']);
const NAMESPACE_LABEL = /^(pod-security\.kubernetes\.io\/|istio-injection$|istio\.io\/rev$)/;

function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function identity(o: K8sObject): string {
  return [groupOf(o.apiVersion), o.kind, o.namespace ?? '', o.name].join('/');
}

function idOf(o: K8sObject): string {
  return o.namespace === undefined ? o.name : `${o.namespace}/${o.name}`;
}

export function k8sDrift(baseline: Inventory, live: Inventory): AuditDrift[] {
  const drift: AuditDrift[] = [];
  const liveById = new Map(live.k8s.map((o) => [identity(o), o]));
  const baselineIds = new Set(baseline.k8s.map(identity));
  const managedNamespaces = new Set(
    baseline.k8s.map((o) => o.namespace).filter((n): n is string => n !== undefined),
  );
  for (const base of baseline.k8s) {
    const type = `${base.apiVersion}/${base.kind}`;
    if (POLICY_KINDS.has(base.kind)) {
      const now = liveById.get(identity(base));
      if (!now) {
        drift.push({ kind: 'missing', type, id: idOf(base) });
        continue;
      }
      const expected = comparable(base.object.spec as SymbolicValue);
      const actual = comparable(now.object.spec as SymbolicValue);
      if (expected === NOT_COMPARABLE || actual === NOT_COMPARABLE) continue;
      if (!same(expected ?? null, actual ?? null))
        drift.push({
          kind: 'property',
          type,
          id: idOf(base),
          property: 'spec',
          expected: expected ?? null,
          actual: actual ?? null,
        });
    } else if (base.kind === 'Namespace') {
      const now = liveById.get(identity(base));
      if (!now) continue;
      for (const label of new Set([...Object.keys(base.labels), ...Object.keys(now.labels)]))
        if (NAMESPACE_LABEL.test(label) && base.labels[label] !== now.labels[label])
          drift.push({
            kind: 'property',
            type,
            id: idOf(base),
            property: `metadata.labels.${label}`,
            ...(base.labels[label] === undefined ? {} : { expected: base.labels[label] }),
            ...(now.labels[label] === undefined ? {} : { actual: now.labels[label] }),
          });
    }
  }
  for (const o of live.k8s)
    if (
      POLICY_KINDS.has(o.kind) &&
      o.namespace !== undefined &&
      managedNamespaces.has(o.namespace) &&
      !baselineIds.has(identity(o))
    )
      drift.push({ kind: 'unmanaged', type: `${o.apiVersion}/${o.kind}`, id: idOf(o) });
  return drift;
}
