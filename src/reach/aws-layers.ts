/**
 * The AWS layers of a flow: routes (can a packet leave or enter the VPC at all), security groups (stateful:
 * the source's egress and the destination's ingress) and network ACLs (stateless: the request and the return
 * traffic on ephemeral ports, first matching rule by number wins, implicit deny at the end).
 */
import type { Protocol } from '../flows/types.js';
import { covers, overlaps } from './address.js';
import type { Endpoint } from './endpoints.js';
import { INTERNET_ADDRESS } from './endpoints.js';
import type { NaclEntry, NetworkModel, SgRule, Subnet } from './model.js';
import { allow, deny, unknown, type LayerAnswer } from './verdict.js';

/** Linux's default ephemeral range: return traffic must be admitted on all of it. */
const EPHEMERAL = [32768, 60999] as const;

function protocolMatches(ruleProtocol: string, protocol: Protocol): boolean {
  return ruleProtocol === '-1' || ruleProtocol === protocol;
}

function peerMatches(rule: SgRule, peer: Endpoint): boolean {
  if (rule.peerGroup) return peer.groups.includes(rule.peerGroup);
  if (rule.prefixList) {
    const wanted = peer.component.prefixList;
    if (!wanted || !rule.prefixList.name) return false;
    return (
      rule.prefixList.name === wanted || (wanted.endsWith('.s3') && rule.prefixList.name.endsWith('.s3'))
    );
  }
  if (rule.cidr) {
    if (peer.component.id === 'internet') return rule.cidr === '0.0.0.0/0' || rule.cidr === '::/0';
    if (peer.component.prefixList) return rule.cidr === '0.0.0.0/0';
    return peer.addresses.length > 0 && peer.addresses.every((a) => covers(rule.cidr!, a));
  }
  return false;
}

/** Security groups: the source's egress then the destination's ingress. */
export function securityGroupLayer(
  model: NetworkModel,
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol,
): LayerAnswer[] {
  const answers: LayerAnswer[] = [];
  if (from.groups.length > 0) answers.push(groupSide(model, from, to, port, protocol, 'egress'));
  else if (from.inVpc)
    answers.push(unknown(from.component.id, 'no security group of this component is in the input'));
  if (to.groups.length > 0) answers.push(groupSide(model, to, from, port, protocol, 'ingress'));
  else if (to.inVpc && !to.component.prefixList)
    answers.push(unknown(to.component.id, 'no security group of this component is in the input'));
  return answers;
}

function groupSide(
  model: NetworkModel,
  self: Endpoint,
  peer: Endpoint,
  port: number,
  protocol: Protocol,
  direction: 'ingress' | 'egress',
): LayerAnswer {
  let undetermined: SgRule | undefined;
  for (const key of self.groups) {
    const group = model.groups.get(key);
    if (!group) continue;
    if (direction === 'egress' && !group.declaresEgress)
      return allow(self.component.id, `${key.split('/').pop()} default egress (all traffic)`);
    for (const rule of direction === 'egress' ? group.egress : group.ingress) {
      if (!protocolMatches(rule.protocol, protocol) || port < rule.fromPort || port > rule.toPort) continue;
      if (rule.unknown) {
        undetermined ??= rule;
        continue;
      }
      if (peerMatches(rule, peer)) return allow(self.component.id, `security group ${rule.label}`);
    }
  }
  if (undetermined) return unknown(self.component.id, `${undetermined.label}: ${undetermined.unknown}`);
  const names = self.groups.map((g) => g.split('/').pop()).join(', ');
  return deny(
    self.component.id,
    `security groups ${names}: no ${direction} rule admits ${peer.component.id} on ${port}/${protocol}`,
  );
}

function naclDecision(
  entries: readonly NaclEntry[],
  egress: boolean,
  address: string,
  port: number,
  protocol: Protocol,
) {
  const number = protocol === 'tcp' ? 6 : 17;
  for (const e of entries) {
    if (e.egress !== egress) continue;
    if (e.protocol !== -1 && e.protocol !== number) continue;
    if (port < e.fromPort || port > e.toPort) continue;
    if (e.unknown) return { entry: e, result: 'unknown' as const };
    if (!e.cidr || !overlaps(e.cidr, address)) continue;
    // A deny that touches the range blocks part of it; an allow must cover all of it to decide.
    if (!e.allow) return { entry: e, result: 'deny' as const };
    if (covers(e.cidr, address)) return { entry: e, result: 'allow' as const };
  }
  return { entry: undefined, result: 'deny' as const };
}

/** Network ACLs of the subnets on both sides, request and return, when the packet crosses a subnet boundary. */
export function naclLayer(
  model: NetworkModel,
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol,
): LayerAnswer[] {
  const fromSubnet = from.subnets[0];
  // Within a tier, traffic between zones crosses the same ACL; pick another subnet of the tier when there is one.
  const toSubnet = to.subnets.find((s) => s !== fromSubnet) ?? to.subnets[0];
  const fromAddress = fromSubnet?.cidr ?? from.addresses[0] ?? INTERNET_ADDRESS;
  const toAddress =
    toSubnet?.cidr ?? (to.component.prefixList ? INTERNET_ADDRESS : (to.addresses[0] ?? INTERNET_ADDRESS));
  const answers: LayerAnswer[] = [];
  const check = (
    subnet: Subnet | undefined,
    egress: boolean,
    address: string,
    ports: readonly number[],
    what: string,
  ) => {
    if (!subnet) return;
    if (!subnet.nacl) {
      answers.push(allow(subnet.key.split('/').pop()!, 'default network ACL (allows all)'));
      return;
    }
    const entries = model.nacls.get(subnet.nacl) ?? [];
    for (const p of ports) {
      const d = naclDecision(entries, egress, address, p, protocol);
      const node = subnet.nacl.split('/').pop()!;
      if (d.result === 'unknown') {
        answers.push(unknown(node, `${d.entry!.label}: ${d.entry!.unknown}`));
        return;
      }
      if (d.result === 'deny') {
        answers.push(
          deny(
            node,
            `${d.entry ? d.entry.label : 'implicit deny (*)'}: ${what} ${egress ? 'to' : 'from'} ${address} port ${p}/${protocol}`,
          ),
        );
        return;
      }
      if (p === ports[ports.length - 1]) answers.push(allow(node, `network ACL ${d.entry!.label} (${what})`));
    }
  };
  if (fromSubnet && toSubnet && fromSubnet.key === toSubnet.key) return answers;
  check(fromSubnet, true, toAddress, [port], 'request');
  check(toSubnet, false, fromAddress, [port], 'request');
  if (protocol === 'tcp' || protocol === 'udp') {
    check(toSubnet, true, fromAddress, EPHEMERAL, 'return');
    check(fromSubnet, false, toAddress, EPHEMERAL, 'return');
  }
  return answers;
}

/** Routes: leaving the VPC needs a default route (or a gateway endpoint for S3); entering needs a public address. */
export function routeLayer(model: NetworkModel, from: Endpoint, to: Endpoint): LayerAnswer[] {
  if (from.inVpc && !to.inVpc && to.component.id !== 'vpn-clients' && to.component.tier !== 'on-node') {
    const isS3 = !!to.component.prefixList;
    for (const subnet of from.subnets) {
      const route =
        (isS3
          ? subnet.routes.find((r) => r.target === 'endpoint' && /s3/i.test(r.prefixList ?? ''))
          : undefined) ??
        subnet.routes.find(
          (r) =>
            (r.destination === '0.0.0.0/0' || r.destination === '::/0') &&
            ['igw', 'nat', 'egress-only', 'tgw'].includes(r.target),
        );
      if (route) return [allow(subnet.key.split('/').pop()!, `route ${route.label}`)];
    }
    if (from.subnets.length === 0)
      return [unknown(from.component.id, 'the subnets of this tier are not in the input')];
    return [
      deny(
        from.subnets.map((s) => s.key.split('/').pop()).join(', '),
        `no route from the ${from.component.tier} tier to ${isS3 ? 'S3 (no gateway endpoint, no default route)' : 'the internet'}`,
      ),
    ];
  }
  if (from.component.id === 'internet' && to.inVpc) {
    const publicSubnet = to.subnets.find((s) => s.routes.some((r) => r.target === 'igw'));
    if (!publicSubnet)
      return [
        deny(
          to.subnets.map((s) => s.key.split('/').pop()).join(', ') || to.component.id,
          `the ${to.component.tier} tier has no route to an internet gateway: nothing in it is addressable from the internet`,
        ),
      ];
    const internetFacing = model.internetFacingLoadBalancers.length > 0 && to.component.id === 'alb';
    if (!internetFacing && !publicSubnet.mapPublicIp)
      return [
        deny(
          to.component.id,
          `${to.component.id} has no public address (not an internet-facing load balancer, no public IP mapping)`,
        ),
      ];
    return [allow(publicSubnet.key.split('/').pop()!, 'route to the internet gateway (public subnet)')];
  }
  return [];
}
