/**
 * Connections between the components of CloudFormation inputs that carry security groups (instances and
 * launch templates, interface endpoints, load balancers, functions, node groups) and between them and the
 * internet, through every AWS layer the engine models: security groups both ways, routes and network ACLs.
 * Every layer decides by port intervals, so the query at one port of each interval between rule bounds
 * decides the whole interval.
 */
import { formatIpAddress } from '../../contract/cidr.js';
import {
  NO_CONNECTIONS,
  portsOf,
  union,
  type ConnectionSet,
  type Protocol,
} from '../engine/connection-set.js';
import type { AttachmentKind, AttachmentModel, NetworkModel } from '../engine/model.js';
import { ANY_ADDRESS, type Range } from '../engine/net.js';
import { canReach, type Endpoint, type ReachAnswer } from '../engine/query.js';
import type { Connection, LayerVerdict, Workload } from './types.js';

const KIND_NAMES: Readonly<Record<AttachmentKind, string | undefined>> = {
  instance: 'Instance',
  lambda: 'Function',
  'interface-endpoint': 'VPCEndpoint',
  'load-balancer': 'LoadBalancer',
  'node-group': 'NodeGroup',
  cluster: undefined,
  'client-vpn': undefined,
  'resolver-endpoint': 'ResolverEndpoint',
  'lattice-association': 'LatticeVpcAssociation',
};

/** The internet as the engine's external endpoint. */
export const INTERNET_ID = '0.0.0.0-255.255.255.255[External]';

export class AwsReach {
  readonly workloads: readonly Workload[];
  private readonly attachments: readonly AttachmentModel[];
  private readonly starts: readonly number[];

  constructor(private readonly model: NetworkModel) {
    this.attachments = [...model.attachments.values()].filter((a) => KIND_NAMES[a.kind] !== undefined);
    this.workloads = this.attachments.map((a) => {
      const slash = a.key.indexOf('/');
      const namespace = slash < 0 ? '' : a.key.slice(0, slash);
      const name = slash < 0 ? a.key : a.key.slice(slash + 1);
      return {
        id: `${namespace}/${name}[${KIND_NAMES[a.kind]!}]`,
        namespace,
        name,
        kind: KIND_NAMES[a.kind]!,
      };
    });
    this.starts = intervalStarts(model);
  }

  connections(): Connection[] {
    const internet: Endpoint = { kind: 'external', id: INTERNET_ID, ranges: [ANY_ADDRESS] };
    const ends = this.attachments.map((a, i): [string, Endpoint] => [
      this.workloads[i]!.id,
      this.endpoint(a),
    ]);
    const out: Connection[] = [];
    for (const [fromId, from] of ends) {
      for (const [toId, to] of ends) if (fromId !== toId) out.push(this.connection(fromId, from, toId, to));
      out.push(
        this.connection(fromId, from, INTERNET_ID, internet),
        this.connection(INTERNET_ID, internet, fromId, from),
      );
    }
    return out;
  }

  /** The engine's answer for one connection, with a workload index or an IPv4 address at either end. */
  answer(from: number | Range, to: number | Range, port: number, protocol: Protocol): ReachAnswer {
    if (protocol === 'SCTP')
      return { verdict: 'unknown', reason: 'SCTP is not modelled for AWS security groups' };
    return canReach(
      this.model,
      this.endpointOf(from),
      this.endpointOf(to),
      port,
      protocol === 'TCP' ? 'tcp' : 'udp',
    );
  }

  layers(answer: ReachAnswer): LayerVerdict[] {
    if (answer.verdict === 'unknown')
      return [
        ...(answer.path ?? []).map((h) => ({ layer: h.node, verdict: 'allowed' as const, rule: h.rule })),
        { layer: 'undetermined', verdict: 'unknown', rule: answer.reason ?? 'not determined by the input' },
      ];
    if (answer.verdict === 'denied')
      return (answer.blockedBy ?? []).map((b) => ({ layer: b.node, verdict: 'denied', rule: b.rule }));
    return (answer.path ?? []).map((h) => ({ layer: h.node, verdict: 'allowed', rule: h.rule }));
  }

  private endpointOf(end: number | Range): Endpoint {
    if (typeof end === 'number') return this.endpoint(this.attachments[end]!);
    const text = (n: number) => formatIpAddress({ version: 4, value: BigInt(n) });
    return { kind: 'external', id: `${text(end[0])}-${text(end[1])}[External]`, ranges: [end] };
  }

  private endpoint(a: AttachmentModel): Endpoint {
    return { kind: 'attachments', id: a.key, attachments: [a] };
  }

  private connection(fromId: string, from: Endpoint, toId: string, to: Endpoint): Connection {
    let allowed = NO_CONNECTIONS;
    let unknown = NO_CONNECTIONS;
    const reasons = new Set<string>();
    for (const protocol of ['tcp', 'udp'] as const)
      this.starts.forEach((start, i) => {
        const end = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : 65535;
        const answer = canReach(this.model, from, to, start, protocol);
        const ports: ConnectionSet = portsOf(protocol === 'tcp' ? 'TCP' : 'UDP', start, end);
        if (answer.verdict === 'allowed') allowed = union(allowed, ports);
        else if (answer.verdict === 'unknown') {
          unknown = union(unknown, ports);
          if (answer.reason) reasons.add(answer.reason);
        }
      });
    return { from: fromId, to: toId, allowed, unknown, reasons: [...reasons].slice(0, 3) };
  }
}

/** The first port of every interval on which no security group rule or network ACL entry changes its mind. */
function intervalStarts(model: NetworkModel): number[] {
  // The EKS API's public endpoint answers on 443 alone.
  const bounds = new Set<number>([1, 443, 444]);
  const add = (from: number, to: number) => {
    if (from >= 1 && from <= 65535) bounds.add(from);
    if (to + 1 >= 1 && to + 1 <= 65535) bounds.add(to + 1);
  };
  for (const sg of model.securityGroups.values()) for (const r of sg.rules) add(r.fromPort, r.toPort);
  for (const nacl of model.nacls.values()) for (const e of nacl.entries) add(e.fromPort, e.toPort);
  return [...bounds].sort((a, b) => a - b);
}
