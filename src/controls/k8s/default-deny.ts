/** Whether a namespace holds a NetworkPolicy that denies all traffic of one direction to every pod. */
import type { Inventory } from '../../inventory/model.js';
import type { ControlResult } from '../types.js';
import {
  asList,
  asObj,
  namespaceResult,
  namespacesInScope,
  networkPolicies,
  policyTypes,
} from './objects.js';
import { isEmptySelector } from './selectors.js';

export type Direction = 'Ingress' | 'Egress';

/**
 * A default-deny policy selects every pod (`podSelector: {}`), has the direction among its policy types and no
 * rule for it. Other policies may then open specific flows; without one, traffic not named by any policy of a
 * pod that no policy selects is allowed.
 */
export function defaultDenyResults(inventory: Inventory, direction: Direction): ControlResult[] {
  const policies = networkPolicies(inventory);
  const rulesKey = direction === 'Ingress' ? 'ingress' : 'egress';
  return [...namespacesInScope(inventory)].map(([name, ns]) => {
    const deny = policies.find((p) => {
      if (p.namespace !== name) return false;
      const spec = asObj(p.object.spec);
      return (
        spec !== undefined &&
        isEmptySelector(spec.podSelector ?? {}) &&
        policyTypes(p).includes(direction) &&
        asList(spec[rulesKey]).length === 0
      );
    });
    return deny
      ? namespaceResult(
          name,
          ns,
          'pass',
          `NetworkPolicy ${deny.name} denies all ${direction.toLowerCase()} by default`,
        )
      : namespaceResult(
          name,
          ns,
          'fail',
          `no default-deny ${direction} NetworkPolicy in namespace ${name}: ${direction.toLowerCase()} not named by a policy is allowed`,
        );
  });
}
