/** One security group rule, written inline in a group or as a standalone ingress or egress resource. */
import { invertedPortRange } from '../../../contract/port-range.js';
import type { SymbolicValue } from '../../../inventory/values.js';
import { isPlainObject } from '../../../inventory/values.js';
import type { SgPeer, SgRule } from '../model.js';
import { cidrRange } from '../net.js';
import type { AwsBuildContext } from './context.js';
import { describeValue, num, outsideTheInput, protocolOf, str, target } from './values.js';

/**
 * The rule read from its properties. `source` names where the rule is written. Port ranges of `-1` (ICMP's
 * "all types") and the all-protocols rule cover every port.
 */
export function sgRule(
  context: AwsBuildContext,
  v: SymbolicValue,
  direction: 'ingress' | 'egress',
  source: string,
): SgRule {
  const p = isPlainObject(v) ? v : {};
  const protocol = protocolOf(p.IpProtocol);
  const all = protocol === 'all';
  const fromPort = all ? 0 : num(p.FromPort);
  const toPort = all ? 65535 : num(p.ToPort);
  const inverted =
    (protocol === 'tcp' || protocol === 'udp') && fromPort !== undefined && toPort !== undefined
      ? invertedPortRange(fromPort, toPort)
      : undefined;
  const unknown =
    protocol === undefined || fromPort === undefined || toPort === undefined
      ? `the protocol or ports of a rule in ${source} are not determined`
      : inverted
        ? `a rule in ${source}: ${inverted}`
        : undefined;
  return {
    direction,
    protocol: protocol ?? 'other',
    fromPort: protocol === 'icmp' ? 0 : (fromPort ?? 0),
    toPort: protocol === 'icmp' ? 65535 : toPort === -1 ? 65535 : (toPort ?? 65535),
    peer: peerOf(context, p, direction),
    source,
    ...(unknown ? { unknown } : {}),
  };
}

function peerOf(
  context: AwsBuildContext,
  p: { readonly [key: string]: SymbolicValue },
  direction: 'ingress' | 'egress',
): SgPeer {
  const cidr = str(p.CidrIp);
  const groupRef = direction === 'ingress' ? p.SourceSecurityGroupId : p.DestinationSecurityGroupId;
  const prefix = direction === 'ingress' ? p.SourcePrefixListId : p.DestinationPrefixListId;
  if (cidr !== undefined) {
    const range = cidrRange(cidr);
    return range
      ? { kind: 'cidr', range, text: cidr }
      : { kind: 'unknown', reason: `CIDR ${cidr} is not IPv4` };
  }
  if (p.CidrIp !== undefined)
    return { kind: 'unknown', reason: `the source or destination CIDR is ${describeValue(p.CidrIp)}` };
  if (p.CidrIpv6 !== undefined) {
    const v6 = str(p.CidrIpv6);
    return v6 !== undefined
      ? { kind: 'ipv6', text: v6 }
      : { kind: 'unknown', reason: `the IPv6 range is ${describeValue(p.CidrIpv6)}` };
  }
  if (groupRef !== undefined) {
    const t = target(groupRef);
    return t
      ? { kind: 'sg', group: t }
      : {
          kind: 'external-sg',
          text: describeValue(groupRef),
          reason: outsideTheInput('security group', groupRef),
        };
  }
  if (prefix !== undefined) {
    const name = prefixListName(context, prefix);
    if (name) return { kind: 'prefix-list', text: name, name };
    return {
      kind: 'prefix-list',
      text: describeValue(prefix),
      unknown: target(prefix)
        ? `the entries of prefix list ${describeValue(prefix)} are not read by the model`
        : outsideTheInput('prefix list', prefix),
    };
  }
  if (p.CidrIp === undefined && p.IpProtocol !== undefined)
    return { kind: 'unknown', reason: 'the rule names no peer the input determines' };
  return { kind: 'unknown', reason: 'the rule is not determined by the input' };
}

/**
 * The name of a prefix list looked up at deploy time by a custom resource calling DescribeManagedPrefixLists:
 * the id is only known then, the name is in the template.
 */
function prefixListName(context: AwsBuildContext, v: SymbolicValue): string | undefined {
  const lookup = context.byKey.get(target(v) ?? '');
  const call = lookup ? str(lookup.properties.Create) : undefined;
  if (!call) return undefined;
  try {
    const parsed = JSON.parse(call) as {
      action?: string;
      parameters?: { Filters?: { Name?: string; Values?: string[] }[] };
    };
    if (parsed.action !== 'DescribeManagedPrefixLists') return undefined;
    return parsed.parameters?.Filters?.find((f) => f.Name === 'prefix-list-name')?.Values?.[0];
  } catch {
    return undefined;
  }
}
