/**
 * Security groups generated from the flow spec: one group per AWS component of the spec (nodes, control plane,
 * interface endpoints, kubectl handler, load balancer …) and one rule per flow the spec enforces with the
 * `security-group` layer. Nothing is opened by hand: adding a flow to the spec is the only way to open a port.
 *
 * How components map to peers:
 * - AWS components (`awsTag`) get their own security group.
 * - Pods map to their node group's group (`nodes-<group>`): with the VPC CNI, pod traffic leaves and enters
 *   through the node's network interfaces, so the node security group is the pod's security group.
 * - CIDR components become CIDR peers (IPv4 only; the VPC has no IPv6).
 * - Prefix-list components become prefix-list peers resolved at deploy time (see managed-prefix-list.ts).
 * - On-node services (instance metadata, the Pod Identity agent) are link-local: security groups never see
 *   that traffic, so flows to them are enforced by NetworkPolicy only.
 */
import { Aspects, Stack, Tags, type IAspect } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import {
  COMPONENT_TAG,
  type Component,
  type Flow,
  type FlowSpec,
  type Protocol,
  type Tier,
} from '../flows/index.js';
import { ValidationError } from './errors.js';
import { awsDescription } from './private/description.js';
import { ManagedPrefixList } from './managed-prefix-list.js';
import { acknowledgeNag } from './nag.js';

/** Tiers inside the VPC, where a component can carry a security group. */
const VPC_TIERS: readonly Tier[] = ['public', 'application', 'data', 'endpoints'];

export interface FlowSecurityGroupsProps {
  /** The VPC the security groups belong to. */
  readonly vpc: ec2.IVpc;
  /** The flow spec: components become security groups, `security-group` flows become rules. */
  readonly flowSpec: FlowSpec;
  /**
   * Log group of the deploy-time prefix-list lookup.
   * @default - a log group CDK creates
   */
  readonly lookupLogGroup?: logs.ILogGroup;
}

/** One generated rule, as data (tests and documentation read it; the template carries the same rules). */
export interface GeneratedSecurityGroupRule {
  /** Component id of the group that holds the rule. */
  readonly component: string;
  readonly direction: 'ingress' | 'egress';
  /** `sg:<component>`, `cidr:<cidr>` or `prefix-list:<name>`. */
  readonly peer: string;
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  /** Ids of the flows this rule implements. */
  readonly flows: readonly string[];
}

interface ResolvedPeer {
  readonly key: string;
  readonly peer: ec2.IPeer;
  /** Set when the peer is one of our groups. */
  readonly component?: string;
}

export class FlowSecurityGroups extends Construct {
  /** Every rule generated, after merging flows that map to the same rule. */
  readonly rules: readonly GeneratedSecurityGroupRule[];
  private readonly groups = new Map<string, ec2.SecurityGroup>();
  private readonly components: ReadonlyMap<string, Component>;
  private readonly lookupLogGroup?: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: FlowSecurityGroupsProps) {
    super(scope, id);
    this.components = new Map(props.flowSpec.components.map((c) => [c.id, c]));
    this.lookupLogGroup = props.lookupLogGroup;

    for (const component of props.flowSpec.components) {
      if (!component.awsTag || !VPC_TIERS.includes(component.tier)) continue;
      const group = new ec2.SecurityGroup(this, pascal(component.id), {
        vpc: props.vpc,
        description: awsDescription(`vectorfort ${component.id}: ${component.description}`),
        // Egress is generated from the flows like ingress; nothing leaves by default.
        allowAllOutbound: false,
        allowAllIpv6Outbound: false,
      });
      Tags.of(group).add(COMPONENT_TAG, component.awsTag);
      Tags.of(group).add('Name', `${props.flowSpec.name}-${component.id}`);
      this.groups.set(component.id, group);
    }

    // CDK drops its "disallow all" placeholder as soon as any egress rule is added, even one it then writes as a
    // separate AWS::EC2::SecurityGroupEgress resource; a group left without inline egress rules gets EC2's
    // default allow-all egress, which separate rules never remove. Put the placeholder back wherever that
    // happened, once every rule is known.
    Aspects.of(this).add(new KeepEgressClosed());

    const merged = new Map<string, GeneratedSecurityGroupRule & { peerObject: ec2.IPeer }>();
    for (const flow of props.flowSpec.flows) {
      if (!flow.enforcedBy.includes('security-group')) continue;
      for (const rule of this.rulesFor(flow)) {
        const key = [
          rule.component,
          rule.direction,
          rule.peer,
          rule.protocol,
          rule.fromPort,
          rule.toPort,
        ].join('|');
        const existing = merged.get(key);
        merged.set(key, existing ? { ...existing, flows: [...existing.flows, ...rule.flows] } : rule);
      }
    }
    for (const rule of merged.values()) this.apply(rule);
    this.rules = [...merged.values()].map(({ peerObject: _peerObject, ...rule }) => rule);

    // Only an internet-facing entry point (a blueprint choice such as `exposure: alb`) has flows from the whole
    // internet; its group admits exactly those ports.
    for (const [component, group] of this.groups) {
      const open = this.rules.filter(
        (r) => r.component === component && r.direction === 'ingress' && r.peer === 'cidr:0.0.0.0/0',
      );
      if (open.length === 0) continue;
      acknowledgeNag(
        group,
        'AwsSolutions-EC23',
        `Internet-facing by the blueprint's choice: the flow spec admits the internet on TCP ${open.map((r) => r.fromPort).join(', ')} only (${open.flatMap((r) => r.flows).join(', ')}).`,
      );
    }
  }

  /** The security group of an AWS component (`eks-api`, `nodes-system`, `aws-endpoints`, `alb`, …). */
  securityGroup(componentId: string): ec2.SecurityGroup {
    const group = this.groups.get(componentId);
    if (!group) {
      throw new ValidationError(
        'unknown-security-group',
        `the flow spec has no AWS component "${componentId}" with a security group; known: ${[...this.groups.keys()].join(', ')}`,
        this,
      );
    }
    return group;
  }

  /** Component ids that have a security group. */
  get componentIds(): string[] {
    return [...this.groups.keys()];
  }

  private rulesFor(flow: Flow): (GeneratedSecurityGroupRule & { peerObject: ec2.IPeer })[] {
    const from = this.peersOf(flow.from);
    const to = this.peersOf(flow.to);
    const base = {
      protocol: flow.protocol,
      fromPort: flow.port,
      toPort: flow.toPort ?? flow.port,
      flows: [flow.id],
    };
    const rules: (GeneratedSecurityGroupRule & { peerObject: ec2.IPeer })[] = [];
    // Ingress on the destination's group from each source peer; egress on the source's group to each
    // destination peer. A flow between two of our groups yields both halves.
    for (const target of to.filter((p) => p.component)) {
      for (const source of from)
        rules.push({
          ...base,
          component: target.component!,
          direction: 'ingress',
          peer: source.key,
          peerObject: source.peer,
        });
    }
    for (const source of from.filter((p) => p.component)) {
      for (const target of to)
        rules.push({
          ...base,
          component: source.component!,
          direction: 'egress',
          peer: target.key,
          peerObject: target.peer,
        });
    }
    return rules;
  }

  private peersOf(componentId: string): ResolvedPeer[] {
    const component = this.components.get(componentId);
    if (!component)
      throw new ValidationError(
        'unknown-flow-component',
        `a flow names the unknown component "${componentId}"`,
        this,
      );
    const own =
      this.groups.get(component.id) ??
      (component.nodeGroup && this.groups.get(`nodes-${component.nodeGroup}`));
    if (own) {
      const owner = this.groups.get(component.id) ? component.id : `nodes-${component.nodeGroup}`;
      return [{ key: `sg:${owner}`, peer: own, component: owner }];
    }
    if (component.tier === 'on-node') return [];
    if (component.prefixList) {
      const list = ManagedPrefixList.of(this, component.prefixList, this.lookupLogGroup);
      return [{ key: `prefix-list:${component.prefixList}`, peer: list.peer }];
    }
    const ipv4 = (component.cidrs ?? []).filter((c) => !c.includes(':'));
    // A component reached over IPv6 only (an enclave's control plane) gets IPv6 rules; one with IPv4 ranges
    // (the internet) keeps IPv4 rules only, as IPv4-only VPCs need.
    const ipv6 = (component.cidrs ?? []).filter((c) => c.includes(':'));
    if (ipv4.length === 0 && ipv6.length > 0)
      return ipv6.map((cidr) => ({ key: `cidr:${cidr}`, peer: ec2.Peer.ipv6(cidr) }));
    if (ipv4.length === 0)
      throw new ValidationError(
        'component-without-peer',
        `component "${component.id}" has no security group, prefix list or IPv4 CIDR`,
        this,
      );
    return ipv4.map((cidr) => ({ key: `cidr:${cidr}`, peer: ec2.Peer.ipv4(cidr) }));
  }

  private apply(rule: GeneratedSecurityGroupRule & { peerObject: ec2.IPeer }): void {
    const group = this.groups.get(rule.component)!;
    const port =
      rule.protocol === 'tcp'
        ? rule.fromPort === rule.toPort
          ? ec2.Port.tcp(rule.fromPort)
          : ec2.Port.tcpRange(rule.fromPort, rule.toPort)
        : rule.fromPort === rule.toPort
          ? ec2.Port.udp(rule.fromPort)
          : ec2.Port.udpRange(rule.fromPort, rule.toPort);
    const description = awsDescription(`flows: ${rule.flows.join(', ')}`);
    if (rule.direction === 'ingress') group.addIngressRule(rule.peerObject, port, description);
    else group.addEgressRule(rule.peerObject, port, description);
  }
}

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** Restores the "no traffic" egress placeholder on generated groups whose egress rules all live outside them. */
class KeepEgressClosed implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof ec2.CfnSecurityGroup)) return;
    const egress: unknown = Stack.of(node).resolve(node.securityGroupEgress);
    if (Array.isArray(egress) && egress.length > 0) return;
    node.addPropertyOverride('SecurityGroupEgress', [
      {
        CidrIp: '255.255.255.255/32',
        Description: 'Disallow all traffic',
        IpProtocol: 'icmp',
        FromPort: 252,
        ToPort: 86,
      },
    ]);
  }
}
