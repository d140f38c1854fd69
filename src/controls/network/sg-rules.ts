/**
 * Security group rules as the templates declare them: inline rules of AWS::EC2::SecurityGroup and standalone
 * AWS::EC2::SecurityGroupIngress / SecurityGroupEgress resources, normalized to protocol, port range and peer.
 */
import { invertedPortRange } from '../../contract/port-range.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import {
  isAnywhere,
  isObject,
  isUnknownValue,
  listOf,
  numberOf,
  prop,
  referencing,
  resourcesOfType,
  show,
  stringOf,
  target,
  Unknown,
} from './cfn.js';

export type RuleProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | string;

export interface SgRule {
  /** The resource that declares the rule (the group for inline rules). */
  readonly declaredBy: CfnResource;
  /** Property path of the rule inside `declaredBy`, when inline. */
  readonly path?: string;
  /** The group the rule belongs to, when it is in the inventory. */
  readonly group?: CfnResource;
  readonly protocol: RuleProtocol | Unknown;
  /** Inclusive port range; [0, 65535] for all-traffic rules. */
  readonly ports: readonly [number, number] | Unknown;
  /** The peer CIDR (IPv4 or IPv6) when the rule names one. */
  readonly cidr?: string | Unknown;
  /** A description of the peer for messages. */
  readonly peer: string;
  /** Set when the rule is invalid as written (an inverted port range): why. Its `ports` are then unknown. */
  readonly invalid?: string;
}

const PROTOCOLS: Readonly<Record<string, RuleProtocol>> = {
  '-1': 'all',
  all: 'all',
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 'icmpv6',
  '58': 'icmpv6',
};

function normalize(
  declaredBy: CfnResource,
  group: CfnResource | undefined,
  rule: { readonly [key: string]: SymbolicValue },
  path: string | undefined,
  direction: 'ingress' | 'egress',
): SgRule {
  const rawProtocol = stringOf(rule.IpProtocol, 'IpProtocol');
  const protocol =
    rawProtocol === undefined
      ? new Unknown('IpProtocol is not set')
      : isUnknownValue(rawProtocol)
        ? rawProtocol
        : (PROTOCOLS[rawProtocol.toLowerCase()] ?? rawProtocol.toLowerCase());
  let ports: readonly [number, number] | Unknown;
  let invalid: string | undefined;
  if (protocol === 'all') ports = [0, 65535];
  else {
    const from = numberOf(rule.FromPort, 'FromPort');
    const to = numberOf(rule.ToPort, 'ToPort');
    if (isUnknownValue(from)) ports = from;
    else if (isUnknownValue(to)) ports = to;
    // For TCP/UDP, -1 or an omitted range means every port.
    else if (from === undefined || from === -1) ports = [0, 65535];
    else {
      // ICMP rules carry a type and a code in these fields, not a range.
      invalid = protocol === 'tcp' || protocol === 'udp' ? invertedPortRange(from, to ?? -1) : undefined;
      ports = invalid ? new Unknown(invalid) : [from, to === undefined || to === -1 ? 65535 : to];
    }
  }
  let cidr: string | Unknown | undefined;
  for (const k of ['CidrIp', 'CidrIpv6']) {
    const v = stringOf(rule[k], k);
    if (v !== undefined) cidr = v;
  }
  const peerKeys =
    direction === 'ingress'
      ? ['SourceSecurityGroupId', 'SourceSecurityGroupName', 'SourcePrefixListId']
      : ['DestinationSecurityGroupId', 'DestinationPrefixListId'];
  const peerKey = peerKeys.find((k) => rule[k] !== undefined);
  const peer =
    cidr !== undefined
      ? isUnknownValue(cidr)
        ? `an undetermined range (${cidr.reason})`
        : cidr
      : peerKey
        ? show(rule[peerKey])
        : 'nothing';
  return { declaredBy, group, path, protocol, ports, cidr, peer, ...(invalid ? { invalid } : {}) };
}

/** The group a standalone rule's GroupId names. */
function groupOf(inventory: Inventory, r: CfnResource): CfnResource | undefined {
  const t = target(inventory, prop(r, 'GroupId') ?? prop(r, 'GroupName'));
  return t?.type === 'AWS::EC2::SecurityGroup' ? t : undefined;
}

const rulesByInventory = {
  ingress: new WeakMap<Inventory, readonly SgRule[]>(),
  egress: new WeakMap<Inventory, readonly SgRule[]>(),
};

/**
 * Every ingress or egress rule, inline and standalone. Read once per inventory and direction: five controls
 * ask, and reading them resolves the group of every standalone rule.
 */
export function securityGroupRules(inventory: Inventory, direction: 'ingress' | 'egress'): readonly SgRule[] {
  const known = rulesByInventory[direction];
  let rules = known.get(inventory);
  if (!rules) known.set(inventory, (rules = Object.freeze(readRules(inventory, direction))));
  return rules;
}

function readRules(inventory: Inventory, direction: 'ingress' | 'egress'): SgRule[] {
  const inlineKey = direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
  const standaloneType =
    direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress';
  const rules: SgRule[] = [];
  for (const group of resourcesOfType(inventory, 'AWS::EC2::SecurityGroup')) {
    const inline = listOf(prop(group, inlineKey), inlineKey);
    if (isUnknownValue(inline)) {
      rules.push({
        declaredBy: group,
        group,
        path: inlineKey,
        protocol: inline,
        ports: inline,
        cidr: inline,
        peer: inline.reason,
      });
      continue;
    }
    for (const [i, rule] of (inline ?? []).entries()) {
      if (isObject(rule)) rules.push(normalize(group, group, rule, `${inlineKey}.${i}`, direction));
      else {
        const u = new Unknown(`rule ${i} is ${show(rule)}`);
        rules.push({
          declaredBy: group,
          group,
          path: `${inlineKey}.${i}`,
          protocol: u,
          ports: u,
          cidr: u,
          peer: u.reason,
        });
      }
    }
  }
  for (const r of resourcesOfType(inventory, standaloneType))
    rules.push(normalize(r, groupOf(inventory, r), r.properties, undefined, direction));
  return rules;
}

/** Standalone rules whose GroupId the template does not determine: each may belong to any group. */
export function rulesOfUndeterminedGroup(rules: readonly SgRule[]): SgRule[] {
  return rules.filter((r) => r.group === undefined && isUnknownValue(prop(r.declaredBy, 'GroupId')));
}

/** Whether the rule's ports include `port` (false for non-TCP/UDP protocols other than all). */
export function coversPort(rule: SgRule, port: number, protocol: 'tcp' | 'udp' = 'tcp'): boolean | Unknown {
  if (isUnknownValue(rule.protocol)) return rule.protocol;
  if (rule.protocol !== 'all' && rule.protocol !== protocol) return false;
  if (isUnknownValue(rule.ports)) return rule.ports;
  return rule.ports[0] <= port && port <= rule.ports[1];
}

/** Whether the rule's peer is the whole internet (0.0.0.0/0 or ::/0). */
export function fromAnywhere(rule: SgRule): boolean | Unknown {
  if (rule.cidr === undefined) return false;
  if (isUnknownValue(rule.cidr)) return rule.cidr;
  return isAnywhere(rule.cidr);
}

/**
 * Whether every listener of a load balancer on `port` only redirects to HTTPS (its default actions are HTTPS
 * redirects and no listener rule forwards), so the port serves nothing but the redirect.
 */
export function onlyRedirectsToHttps(inventory: Inventory, lb: CfnResource, port: number): boolean {
  const listeners = referencing(
    inventory,
    'AWS::ElasticLoadBalancingV2::Listener',
    'LoadBalancerArn',
    lb,
  ).matches.filter((l) => numberOf(prop(l, 'Port')) === port);
  if (listeners.length === 0) return false;
  return listeners.every((l) => {
    const actions = listOf(prop(l, 'DefaultActions'));
    if (!Array.isArray(actions) || actions.length === 0) return false;
    const redirects = actions.every(
      (a) =>
        isObject(a) &&
        a.Type === 'redirect' &&
        isObject(a.RedirectConfig) &&
        a.RedirectConfig.Protocol === 'HTTPS',
    );
    const rules = referencing(inventory, 'AWS::ElasticLoadBalancingV2::ListenerRule', 'ListenerArn', l);
    return redirects && rules.matches.length === 0 && rules.undetermined.length === 0;
  });
}

/** Internet-facing load balancers (ELBv2 and classic) and the security groups they use. */
export function internetFacingLoadBalancerGroups(inventory: Inventory): Map<string, CfnResource> {
  const groups = new Map<string, CfnResource>();
  for (const lb of resourcesOfType(
    inventory,
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::ElasticLoadBalancing::LoadBalancer',
  )) {
    // Both load balancer types are internet-facing unless the scheme says internal.
    const scheme = stringOf(prop(lb, 'Scheme')) ?? 'internet-facing';
    if (scheme !== 'internet-facing') continue;
    const sgs = listOf(prop(lb, 'SecurityGroups'));
    if (!Array.isArray(sgs)) continue;
    for (const sg of sgs) {
      const t = target(inventory, sg);
      if (t?.type === 'AWS::EC2::SecurityGroup') groups.set(t.key, lb);
    }
  }
  return groups;
}
