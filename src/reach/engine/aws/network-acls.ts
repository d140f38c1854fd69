/**
 * Network ACLs, their subnets and entries (`AWS::EC2::NetworkAcl`, `AWS::EC2::SubnetNetworkAclAssociation`,
 * `AWS::EC2::NetworkAclEntry`). A subnet without an association uses the VPC's default ACL.
 */
import { invertedPortRange } from '../../../contract/port-range.js';
import type { CfnResource } from '../../../inventory/model.js';
import { isPlainObject } from '../../../inventory/values.js';
import { cidrRange } from '../net.js';
import type { AwsBuildContext } from './context.js';
import { patchSubnet } from './vpc.js';
import { bool, num, outsideTheInput, protocolOf, str, target } from './values.js';

export function addNetworkAcl(r: CfnResource, { model }: AwsBuildContext): void {
  model.nacls.set(r.key, { key: r.key, entries: [] });
}

export function associateNetworkAcl(r: CfnResource, context: AwsBuildContext): void {
  const acl = r.properties.NetworkAclId;
  const key = target(acl);
  patchSubnet(
    context,
    target(r.properties.SubnetId),
    key !== undefined && context.model.nacls.has(key)
      ? { nacl: key }
      : { nacl: undefined, naclUnknown: outsideTheInput('network ACL', acl ?? null) },
  );
}

export function addNetworkAclEntry(r: CfnResource, { model }: AwsBuildContext): void {
  const acl = model.nacls.get(target(r.properties.NetworkAclId) ?? '');
  if (!acl) return;
  const p = r.properties;
  const protocol = protocolOf(p.Protocol);
  const cidr = str(p.CidrBlock);
  const ipv6 = str(p.Ipv6CidrBlock);
  const range = isPlainObject(p.PortRange) ? p.PortRange : undefined;
  const ruleNumber = num(p.RuleNumber);
  const action = str(p.RuleAction)?.toLowerCase();
  // The entry's PortRange is ignored for these protocols.
  const allPorts = protocol === 'all' || protocol === 'icmp';
  const fromPort = allPorts ? 0 : num(range?.From);
  const toPort = allPorts ? 65535 : num(range?.To);
  const inverted =
    (protocol === 'tcp' || protocol === 'udp') && fromPort !== undefined && toPort !== undefined
      ? invertedPortRange(fromPort, toPort, { from: 'PortRange.From', to: 'PortRange.To' })
      : undefined;
  const unknown =
    protocol === undefined ||
    ruleNumber === undefined ||
    (action !== 'allow' && action !== 'deny') ||
    fromPort === undefined ||
    toPort === undefined ||
    (!cidr && !ipv6)
      ? `an attribute of ${r.key} is not determined by the input`
      : inverted && `${r.key}: ${inverted}`;
  acl.entries.push({
    key: r.key,
    ruleNumber: ruleNumber ?? 0,
    egress: bool(p.Egress) === true,
    action: action === 'deny' ? 'deny' : 'allow',
    protocol: protocol ?? 'other',
    fromPort: fromPort ?? 0,
    toPort: toPort ?? 65535,
    range: cidr ? cidrRange(cidr) : undefined,
    cidrText: cidr ?? ipv6 ?? '?',
    ...(unknown ? { unknown } : {}),
  });
}

/** Entries are evaluated lowest rule number first, whatever the template's order. */
export function sortNaclEntries({ model }: AwsBuildContext): void {
  for (const acl of model.nacls.values()) acl.entries.sort((a, b) => a.ruleNumber - b.ruleNumber);
}
