/** EC2.21: network ACLs do not admit 0.0.0.0/0 or ::/0 to SSH or RDP. */
import { invertedPortRange } from '../../contract/port-range.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import {
  boolOf,
  isAnywhere,
  isUnknownValue,
  numberOf,
  prop,
  related,
  resourcesOfType,
  result,
  stringOf,
  Unknown,
} from './cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

const ADMIN_PORTS = [22, 3389] as const;

interface Entry {
  readonly entry: CfnResource;
  readonly number: number;
  readonly allow: boolean;
  readonly family: 'ipv4' | 'ipv6';
  readonly anywhere: boolean;
  readonly covers: (port: number) => boolean;
}

function readEntry(e: CfnResource): Entry | Unknown {
  const number = numberOf(prop(e, 'RuleNumber'), 'RuleNumber');
  const action = stringOf(prop(e, 'RuleAction'), 'RuleAction');
  const protocol = numberOf(prop(e, 'Protocol'), 'Protocol');
  const v4 = stringOf(prop(e, 'CidrBlock'), 'CidrBlock');
  const v6 = stringOf(prop(e, 'Ipv6CidrBlock'), 'Ipv6CidrBlock');
  const from = numberOf(prop(e, 'PortRange.From'), 'PortRange.From');
  const to = numberOf(prop(e, 'PortRange.To'), 'PortRange.To');
  for (const v of [number, action, protocol, v4, v6, from, to]) if (isUnknownValue(v)) return v;
  if (number === undefined || action === undefined || protocol === undefined)
    return new Unknown(`${e.key} lacks RuleNumber, RuleAction or Protocol`);
  const cidr = (v4 ?? v6) as string | undefined;
  if (cidr === undefined) return new Unknown(`${e.key} names no CIDR block`);
  // The range applies to TCP (6) and UDP (17) only; other protocols ignore it.
  const inverted =
    (protocol === 6 || protocol === 17) && from !== undefined && to !== undefined
      ? invertedPortRange(from as number, to as number, { from: 'PortRange.From', to: 'PortRange.To' })
      : undefined;
  if (inverted) return new Unknown(inverted);
  return {
    entry: e,
    number: number as number,
    allow: String(action).toLowerCase() === 'allow',
    family: v4 !== undefined ? 'ipv4' : 'ipv6',
    anywhere: isAnywhere(cidr),
    covers: (port) =>
      protocol === -1 ||
      (protocol === 6 &&
        (from === undefined || ((from as number) <= port && port <= ((to ?? from) as number)))),
  };
}

export const control: Control = {
  id: 'VF-NETWORK-008',
  area: 'network',
  title: 'Network ACLs do not admit the internet to SSH or RDP',
  severity: 'high',
  rationale:
    'Network ACLs are the subnet-level backstop when a security group is misconfigured; an ACL that lets the internet reach 22 or 3389 removes that backstop for the most attacked ports.',
  remediation:
    "Order the ACL's inbound entries so that 0.0.0.0/0 and ::/0 reach only the ports the tier serves (deny 22 and 3389 before any broad allow), or scope allow entries to known CIDRs.",
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.21'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::NetworkAcl').map((acl) => {
      const inbound: Entry[] = [];
      const unknowns: string[] = [];
      for (const [e, same] of related(inventory, 'AWS::EC2::NetworkAclEntry', 'NetworkAclId', acl)) {
        if (isUnknownValue(same)) {
          unknowns.push(`${e.key}: its ACL ${same.reason}`);
          continue;
        }
        if (!same) continue;
        const egress = boolOf(prop(e, 'Egress'), 'Egress') ?? false;
        if (isUnknownValue(egress)) {
          unknowns.push(`${e.key}: Egress ${egress.reason}`);
          continue;
        }
        if (egress) continue;
        const read = readEntry(e);
        if (isUnknownValue(read)) unknowns.push(`${e.key}: ${read.reason}`);
        else inbound.push(read);
      }
      inbound.sort((a, b) => a.number - b.number);
      const exposed: string[] = [];
      for (const family of ['ipv4', 'ipv6'] as const)
        for (const port of ADMIN_PORTS) {
          // The first entry (lowest number) matching internet traffic to the port decides; ACLs deny the rest.
          const first = inbound.find((e) => e.family === family && e.anywhere && e.covers(port));
          if (first?.allow)
            exposed.push(
              `${first.entry.key} (rule ${first.number}) admits ${family === 'ipv4' ? '0.0.0.0/0' : '::/0'} to ${port}`,
            );
        }
      if (exposed.length > 0) return result(acl, 'fail', exposed.join('; '));
      if (unknowns.length > 0) return result(acl, 'unknown', unknowns.join('; '));
      return result(acl, 'pass', 'neither 22 nor 3389 is reachable from the internet through this ACL');
    });
  },
};
