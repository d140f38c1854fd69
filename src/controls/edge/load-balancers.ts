/** Reading load balancers, listeners and WAF associations for the edge controls. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import {
  identifies,
  isObject,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  stringOf,
  Unknown,
} from '../network/cfn.js';

/** Application load balancers (`Type` omitted means application). */
export function applicationLoadBalancers(inventory: Inventory): CfnResource[] {
  return resourcesOfType(inventory, 'AWS::ElasticLoadBalancingV2::LoadBalancer').filter((lb) => {
    const type = stringOf(prop(lb, 'Type'), 'Type');
    return type === undefined || type === 'application' || isUnknownValue(type);
  });
}

/** `internet-facing` unless the template says `internal` (the ELB default is internet-facing). */
export function schemeOf(lb: CfnResource): 'internet-facing' | 'internal' | Unknown {
  const scheme = stringOf(prop(lb, 'Scheme'), 'Scheme');
  if (scheme === undefined) return 'internet-facing';
  if (isUnknownValue(scheme)) return scheme;
  return scheme === 'internal' ? 'internal' : 'internet-facing';
}

/** The load balancer attributes as key → value (strings), Unknown when the list is symbolic. */
export function attributesOf(lb: CfnResource): Map<string, string | Unknown> | Unknown {
  const list = listOf(prop(lb, 'LoadBalancerAttributes'), 'LoadBalancerAttributes');
  if (isUnknownValue(list)) return list;
  const attributes = new Map<string, string | Unknown>();
  for (const entry of list ?? []) {
    if (!isObject(entry)) continue;
    const key = stringOf(entry.Key, 'an attribute key');
    if (typeof key !== 'string') continue;
    attributes.set(key, stringOf(entry.Value, key) ?? new Unknown(`${key} has no value`));
  }
  return attributes;
}

/** Whether a WebACLAssociation (or a symbolic one) points at the load balancer. */
export function wafAssociation(inventory: Inventory, lb: CfnResource): CfnResource | Unknown | undefined {
  let undetermined: Unknown | undefined;
  for (const a of resourcesOfType(
    inventory,
    'AWS::WAFv2::WebACLAssociation',
    'AWS::WAFRegional::WebACLAssociation',
  )) {
    const hit = identifies(prop(a, 'ResourceArn') as SymbolicValue | undefined, lb);
    if (hit === true) return a;
    if (isUnknownValue(hit)) undetermined = hit;
  }
  return undetermined;
}
