/** Whether a namespace holds a NetworkPolicy that denies all traffic of one direction to every pod. */
import type { Inventory, K8sObject } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { allOf, type Maybe } from '../maybe.js';
import type { ControlResult } from '../types.js';
import { asList, asObj, namespaceResult, namespacesInScope, networkPolicies, type Obj } from './objects.js';
import { isEmptySelector } from './selectors.js';

export type Direction = 'Ingress' | 'Egress';

/**
 * A default-deny policy selects every pod (`podSelector: {}`), has the direction among its policy types and no
 * rule for it. Other policies may then open specific flows; without one, traffic not named by any policy of a
 * pod that no policy selects is allowed.
 */
export function defaultDenyResults(inventory: Inventory, direction: Direction): ControlResult[] {
  const policies = networkPolicies(inventory);
  return [...namespacesInScope(inventory)].map(([name, ns]) => {
    const inNamespace = policies.filter((p) => p.namespace === name);
    const deny = inNamespace.find((p) => deniesAll(p, direction) === 'yes');
    if (deny)
      return namespaceResult(
        name,
        ns,
        'pass',
        `NetworkPolicy ${deny.name} denies all ${direction.toLowerCase()} by default`,
      );
    const possible = inNamespace.find((p) => deniesAll(p, direction) === 'maybe');
    if (possible)
      return namespaceResult(
        name,
        ns,
        'unknown',
        `NetworkPolicy ${possible.name} may deny all ${direction.toLowerCase()} by default, but its podSelector, policyTypes or rules are undetermined`,
      );
    return namespaceResult(
      name,
      ns,
      'fail',
      `no default-deny ${direction} NetworkPolicy in namespace ${name}: ${direction.toLowerCase()} not named by a policy is allowed`,
    );
  });
}

/** Whether a policy selects every pod, has the direction among its types and no rule for it. */
function deniesAll(policy: K8sObject, direction: Direction): Maybe {
  const raw = policy.object.spec;
  if (isSymbolic(raw)) return 'maybe';
  const spec = asObj(raw);
  if (spec === undefined) return 'no';
  const rules = spec[direction === 'Ingress' ? 'ingress' : 'egress'];
  return allOf(
    selectsEveryPod(spec.podSelector ?? {}),
    hasPolicyType(spec, direction),
    isSymbolic(rules) ? 'maybe' : asList(rules).length === 0 ? 'yes' : 'no',
  );
}

function selectsEveryPod(selector: unknown): Maybe {
  if (isEmptySelector(selector)) return 'yes';
  if (isSymbolic(selector)) return 'maybe';
  const parts = asObj(selector);
  return parts && (isSymbolic(parts.matchLabels) || isSymbolic(parts.matchExpressions)) ? 'maybe' : 'no';
}

/** Written policy types, or the ones Kubernetes infers from the rules. */
function hasPolicyType(spec: Obj, direction: Direction): Maybe {
  const written = spec.policyTypes;
  if (isSymbolic(written)) return 'maybe';
  if (Array.isArray(written)) {
    if (written.includes(direction)) return 'yes';
    return written.some(isSymbolic) ? 'maybe' : 'no';
  }
  if (direction === 'Ingress') return 'yes';
  if (isSymbolic(spec.egress)) return 'maybe';
  return asList(spec.egress).length > 0 ? 'yes' : 'no';
}
