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
  show,
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
  for (const [i, entry] of (list ?? []).entries()) {
    // An entry or key the template does not determine may set any attribute.
    if (isUnknownValue(entry)) return new Unknown(`attribute ${i}: ${entry.reason}`);
    if (!isObject(entry)) continue;
    const key = stringOf(entry.Key, 'an attribute key');
    if (isUnknownValue(key)) return new Unknown(`the key of attribute ${i}: ${key.reason}`);
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

/** Why an action list is not a pure redirect to HTTPS (`unknown` when the template does not say); undefined when it is. */
export function notRedirect(
  actions: SymbolicValue | undefined,
  what: string,
): { readonly status: 'fail' | 'unknown'; readonly message: string } | undefined {
  const list = listOf(actions, what);
  if (isUnknownValue(list)) return { status: 'unknown', message: `${what}: ${list.reason}` };
  if (list === undefined || list.length === 0) return { status: 'fail', message: `${what} is empty` };
  for (const action of list) {
    if (!isObject(action)) return { status: 'unknown', message: `${what} contains ${show(action)}` };
    const type = stringOf(action.Type, 'Type');
    if (isUnknownValue(type)) return { status: 'unknown', message: `${what}: Type ${type.reason}` };
    if (type !== 'redirect') return { status: 'fail', message: `${what} has a ${show(action.Type)} action` };
    const protocol = isObject(action.RedirectConfig)
      ? stringOf(action.RedirectConfig.Protocol, 'Protocol')
      : undefined;
    if (isUnknownValue(protocol))
      return { status: 'unknown', message: `${what}: redirect protocol ${protocol.reason}` };
    if (protocol !== 'HTTPS')
      return {
        status: 'fail',
        message: `${what} redirects to ${protocol ?? "#{protocol} (the request's own protocol)"} instead of HTTPS`,
      };
  }
  return undefined;
}

/**
 * Whether every plain-HTTP listener of the load balancer only redirects to HTTPS (and no listener rule on them
 * acts otherwise): then an open port 80 serves nothing but the redirect. `true` when it has no HTTP listener.
 */
export function plainHttpOnlyRedirects(inventory: Inventory, lb: CfnResource): boolean | Unknown {
  const rules = resourcesOfType(inventory, 'AWS::ElasticLoadBalancingV2::ListenerRule');
  for (const l of resourcesOfType(inventory, 'AWS::ElasticLoadBalancingV2::Listener')) {
    const mine = identifies(prop(l, 'LoadBalancerArn'), lb);
    if (isUnknownValue(mine)) return mine;
    if (!mine) continue;
    const protocol = stringOf(prop(l, 'Protocol'), 'Protocol');
    if (isUnknownValue(protocol)) return protocol;
    if (protocol !== 'HTTP') continue;
    const problem = notRedirect(prop(l, 'DefaultActions'), 'DefaultActions');
    if (problem) return problem.status === 'unknown' ? new Unknown(problem.message) : false;
    if (
      rules.some(
        (r) => identifies(prop(r, 'ListenerArn'), l) === true && notRedirect(prop(r, 'Actions'), 'Actions'),
      )
    )
      return false;
  }
  return true;
}
