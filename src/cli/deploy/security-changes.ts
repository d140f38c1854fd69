/**
 * Which changes of a diff a security reviewer must see first: a network rule opened, permissions broadened,
 * encryption changed, a resource that holds data replaced or deleted, the edge's protection changed. Read
 * from the toolkit's TemplateDiff (CloudFormation's replacement decisions when the diff came from a change set,
 * the resource specification's otherwise); everything else is listed after these.
 */
import { ResourceImpact, type ResourceDifference, type TemplateDiff } from '@aws-cdk/cloudformation-diff';

export type SecurityChangeKind =
  | 'network-opened'
  | 'permissions-broadened'
  | 'encryption-changed'
  | 'data-replaced'
  | 'edge-protection-changed';

export interface SecurityChange {
  readonly kind: SecurityChangeKind;
  readonly stack: string;
  /** The resource's logical id; the stack's name for a stack-wide change (permissions). */
  readonly resource: string;
  readonly type: string;
  readonly detail: string;
}

/** Resources whose replacement or deletion loses data or the keys to it. */
const DATA_HOLDING = new Set([
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::SecretsManager::Secret',
  'AWS::DynamoDB::Table',
  'AWS::EC2::Volume',
  'AWS::EKS::Cluster',
  'AWS::SQS::Queue',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
]);

const EDGE_PROTECTION = new Set([
  'AWS::WAFv2::WebACL',
  'AWS::WAFv2::WebACLAssociation',
  'AWS::Shield::Protection',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::CloudFront::Distribution',
]);

const ENCRYPTION_PROPERTY = /encrypt|kms|sse/i;

const REPLACING = new Set<ResourceImpact>([
  ResourceImpact.WILL_REPLACE,
  ResourceImpact.MAY_REPLACE,
  ResourceImpact.WILL_DESTROY,
]);

export function securityChanges(diffs: Readonly<Record<string, TemplateDiff>>): SecurityChange[] {
  const changes: SecurityChange[] = [];
  for (const [stack, diff] of Object.entries(diffs)) {
    // Only IAM: the diff's own permissionsBroadened also counts security group rules, classified per rule below.
    if (diff.iamChanges.permissionsBroadened)
      changes.push({
        kind: 'permissions-broadened',
        stack,
        resource: stack,
        type: 'AWS::IAM::*',
        detail: 'IAM statements or resource policies grant more than before',
      });
    diff.resources.forEachDifference((logicalId, change) => {
      for (const found of classify(change))
        changes.push({ ...found, stack, resource: logicalId, type: change.resourceType ?? 'unknown' });
    });
  }
  return changes;
}

function classify(change: ResourceDifference): Omit<SecurityChange, 'stack' | 'resource' | 'type'>[] {
  const type = change.resourceType ?? '';
  const found: Omit<SecurityChange, 'stack' | 'resource' | 'type'>[] = [];
  const impact = change.changeImpact;
  if (DATA_HOLDING.has(type) && REPLACING.has(impact))
    found.push({
      kind: 'data-replaced',
      detail:
        impact === ResourceImpact.WILL_DESTROY
          ? 'deleted, with what it holds'
          : `${impact === ResourceImpact.MAY_REPLACE ? 'may be' : 'will be'} replaced: the old one's data does not move`,
    });
  const opened = openedRule(change);
  if (opened) found.push({ kind: 'network-opened', detail: opened });
  const encryption = Object.keys(changedProperties(change))
    .filter((p) => ENCRYPTION_PROPERTY.test(p))
    .sort();
  if (encryption.length > 0 && !change.isAddition)
    found.push({ kind: 'encryption-changed', detail: `${encryption.join(', ')} changed` });
  if (type === 'AWS::KMS::Key' && change.isUpdate && 'KeyPolicy' in changedProperties(change))
    found.push({ kind: 'permissions-broadened', detail: 'key policy changed' });
  if (EDGE_PROTECTION.has(type) && !change.isAddition)
    found.push({
      kind: 'edge-protection-changed',
      detail: change.isRemoval ? 'removed' : `${Object.keys(changedProperties(change)).join(', ')} changed`,
    });
  return found;
}

/** Property name → [old, new] for an update; every property for an addition or removal. */
function changedProperties(change: ResourceDifference): Record<string, [unknown, unknown]> {
  if (change.isAddition)
    return Object.fromEntries(
      Object.entries(change.newProperties ?? {}).map(([k, v]) => [k, [undefined, v]]),
    );
  if (change.isRemoval)
    return Object.fromEntries(
      Object.entries(change.oldProperties ?? {}).map(([k, v]) => [k, [v, undefined]]),
    );
  return Object.fromEntries(
    Object.entries(change.propertyUpdates).map(([k, d]) => [k, [d.oldValue, d.newValue]]),
  );
}

/** A description of what a change lets in or out that was not allowed before, if anything. */
function openedRule(change: ResourceDifference): string | undefined {
  const type = change.resourceType;
  if (change.isRemoval) return undefined;
  const props = change.newProperties ?? {};
  switch (type) {
    case 'AWS::EC2::SecurityGroupIngress':
    case 'AWS::EC2::SecurityGroupEgress':
      return `${change.isAddition ? 'rule added' : 'rule changed'}: ${ruleText(props)}`;
    case 'AWS::EC2::SecurityGroup': {
      const added = ['SecurityGroupIngress', 'SecurityGroupEgress'].flatMap((key) =>
        addedItems(change.oldProperties?.[key], props[key]).map(
          (r) => `${key === 'SecurityGroupIngress' ? 'ingress' : 'egress'} ${ruleText(r)}`,
        ),
      );
      return added.length > 0 ? `rules added: ${added.join('; ')}` : undefined;
    }
    case 'AWS::EC2::NetworkAclEntry':
      return props.RuleAction === 'allow'
        ? `${props.Egress === true ? 'egress' : 'ingress'} allow entry ${change.isAddition ? 'added' : 'changed'}: ${ruleText(props)}`
        : undefined;
    case 'AWS::EC2::Route':
      return props.GatewayId !== undefined || props.DestinationCidrBlock === '0.0.0.0/0'
        ? `route ${change.isAddition ? 'added' : 'changed'} to ${JSON.stringify(props.DestinationCidrBlock ?? props.DestinationPrefixListId)}`
        : undefined;
    case 'AWS::EKS::Cluster':
      return !change.isAddition && 'ResourcesVpcConfig' in change.propertyUpdates
        ? 'API endpoint access (ResourcesVpcConfig) changed'
        : undefined;
    case 'AWS::S3::Bucket':
      return !change.isAddition && 'PublicAccessBlockConfiguration' in change.propertyUpdates
        ? 'Block Public Access changed'
        : undefined;
    default:
      return undefined;
  }
}

function addedItems(before: unknown, after: unknown): Record<string, unknown>[] {
  const old = new Set((Array.isArray(before) ? before : []).map((r) => JSON.stringify(r)));
  return (Array.isArray(after) ? after : []).filter(
    (r): r is Record<string, unknown> =>
      typeof r === 'object' && r !== null && !old.has(JSON.stringify(r)) && !isDisallowAll(r),
  );
}

/** CDK's placeholder for a group that allows no egress: it admits nothing, so adding it opens nothing. */
function isDisallowAll(rule: Record<string, unknown>): boolean {
  return rule.CidrIp === '255.255.255.255/32' && rule.IpProtocol === 'icmp';
}

/** Network ACL entries give IANA protocol numbers; -1 is every protocol. */
const PROTOCOL_NAMES: Record<string, string> = {
  '-1': 'all protocols',
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
};

function ruleText(rule: Record<string, unknown>): string {
  const peer =
    rule.CidrIp ??
    rule.CidrIpv6 ??
    rule.CidrBlock ??
    rule.SourceSecurityGroupId ??
    rule.DestinationSecurityGroupId ??
    rule.SourcePrefixListId ??
    rule.DestinationPrefixListId ??
    'unknown peer';
  const protocol =
    PROTOCOL_NAMES[String(rule.IpProtocol ?? rule.Protocol ?? '-1')] ?? rule.IpProtocol ?? rule.Protocol;
  const from = rule.FromPort ?? (rule.PortRange as { From?: unknown } | undefined)?.From;
  const to = rule.ToPort ?? (rule.PortRange as { To?: unknown } | undefined)?.To;
  const ports =
    from === undefined
      ? 'all ports'
      : from === to
        ? `port ${String(from)}`
        : `ports ${String(from)}-${String(to)}`;
  return `${peerText(peer)} ${String(protocol)} ${ports}`;
}

/** A peer as text: an address range, or the logical id of the group or prefix list a template refers to. */
function peerText(peer: unknown): string {
  if (typeof peer === 'string') return peer;
  const ref = peer as { Ref?: unknown; 'Fn::GetAtt'?: unknown } | null;
  if (typeof ref?.Ref === 'string') return ref.Ref;
  const getAtt = ref?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return JSON.stringify(peer);
}
