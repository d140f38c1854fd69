/**
 * Drift of the AWS resources: each baseline resource matched to the live one of the same logical id, and the
 * security-relevant properties of its type compared (a property the baseline leaves to AWS's default is
 * compared with that default); security group rules, routes and network ACL entries compared as sets, with the
 * baseline's standalone rule resources folded into their group. Resources the baseline declares that are gone
 * live are `missing`; resources in the stacks' VPCs that no stack declares are `unmanaged`.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { ResourceRef, Unknown, isPlainObject, type SymbolicValue } from '../../inventory/values.js';
import type { AuditDrift } from '../../report/audit-section.js';
import type { LiveCfnResource } from '../aws/read-aws.js';
import { NOT_COMPARABLE, comparable, logicalIdOf, loose, same, type Comparable } from './normalize.js';

/** Per type: the properties compared, with the value AWS applies when the baseline leaves one out. */
const SECURITY_PROPERTIES: Readonly<Record<string, Readonly<Record<string, SymbolicValue | undefined>>>> = {
  'AWS::KMS::Key': { EnableKeyRotation: false, Enabled: true, KeyPolicy: undefined },
  'AWS::S3::Bucket': {
    PublicAccessBlockConfiguration: undefined,
    BucketEncryption: undefined,
    VersioningConfiguration: undefined,
    LoggingConfiguration: undefined,
    OwnershipControls: undefined,
  },
  'AWS::EC2::Subnet': { MapPublicIpOnLaunch: false, CidrBlock: undefined },
  'AWS::EC2::VPC': { CidrBlock: undefined },
  'AWS::EC2::VPCEndpoint': { PolicyDocument: undefined, PrivateDnsEnabled: undefined },
  'AWS::EKS::Cluster': {
    'ResourcesVpcConfig.EndpointPublicAccess': true,
    'ResourcesVpcConfig.EndpointPrivateAccess': false,
    'ResourcesVpcConfig.PublicAccessCidrs': undefined,
    EncryptionConfig: undefined,
    Logging: undefined,
  },
  'AWS::Logs::LogGroup': { RetentionInDays: undefined, KmsKeyId: undefined },
  'AWS::CloudTrail::Trail': {
    IsLogging: undefined,
    IsMultiRegionTrail: false,
    EnableLogFileValidation: false,
    KMSKeyId: undefined,
  },
  'AWS::GuardDuty::Detector': { Enable: undefined },
  'AWS::EKS::Nodegroup': {
    RemoteAccess: undefined,
    NodeRole: undefined,
    Subnets: undefined,
    'LaunchTemplate.Id': undefined,
  },
  'AWS::EKS::Addon': { ServiceAccountRoleArn: undefined, ConfigurationValues: undefined },
  'AWS::EKS::AccessEntry': { Type: 'STANDARD', KubernetesGroups: undefined, AccessPolicies: undefined },
  'AWS::EKS::PodIdentityAssociation': { RoleArn: undefined, Namespace: undefined, ServiceAccount: undefined },
  'AWS::EC2::LaunchTemplate': {
    'LaunchTemplateData.MetadataOptions.HttpTokens': undefined,
    'LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit': undefined,
    'LaunchTemplateData.KeyName': undefined,
    'LaunchTemplateData.SecurityGroupIds': undefined,
  },
  'AWS::EC2::Instance': { SecurityGroupIds: undefined, SubnetId: undefined, KeyName: undefined },
  'AWS::EC2::ClientVpnEndpoint': {
    'ConnectionLogOptions.Enabled': undefined,
    SplitTunnel: false,
    SecurityGroupIds: undefined,
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { Scheme: 'internet-facing', SecurityGroups: undefined },
  'AWS::ElasticLoadBalancingV2::Listener': { Protocol: undefined, Port: undefined, SslPolicy: undefined },
  'AWS::ElasticLoadBalancingV2::TargetGroup': { Protocol: undefined },
  'AWS::WAFv2::WebACL': { DefaultAction: undefined },
  'AWS::CloudFront::Distribution': {
    'DistributionConfig.WebACLId': undefined,
    'DistributionConfig.ViewerCertificate.MinimumProtocolVersion': undefined,
    'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy': undefined,
    'DistributionConfig.Logging.Bucket': undefined,
  },
  'AWS::IAM::Role': {
    AssumeRolePolicyDocument: undefined,
    // A role without managed policies in the template has none.
    ManagedPolicyArns: [],
    PermissionsBoundary: undefined,
    MaxSessionDuration: 3600,
  },
  'AWS::IAM::ManagedPolicy': { PolicyDocument: undefined },
  'AWS::Lambda::Function': {
    Role: undefined,
    KmsKeyArn: undefined,
    'TracingConfig.Mode': 'PassThrough',
    'VpcConfig.SubnetIds': undefined,
    'VpcConfig.SecurityGroupIds': undefined,
  },
  'AWS::SNS::Topic': { KmsMasterKeyId: undefined },
  'AWS::SQS::Queue': { KmsMasterKeyId: undefined, SqsManagedSseEnabled: undefined },
  'AWS::SecretsManager::Secret': { KmsKeyId: undefined },
  'AWS::DynamoDB::Table': {
    'SSESpecification.SSEEnabled': false,
    'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled': false,
    DeletionProtectionEnabled: false,
  },
  'AWS::CloudWatch::Alarm': { ActionsEnabled: true, AlarmActions: undefined },
  'AWS::Events::Rule': { State: 'ENABLED' },
  'AWS::Logs::MetricFilter': { FilterPattern: undefined },
};

/** Lists whose order means nothing (the API may answer them in another order than the template wrote). */
const UNORDERED = new Set([
  'AWS::EKS::Nodegroup Subnets',
  'AWS::EKS::AccessEntry KubernetesGroups',
  'AWS::EKS::AccessEntry AccessPolicies',
  'AWS::EC2::LaunchTemplate LaunchTemplateData.SecurityGroupIds',
  'AWS::EC2::Instance SecurityGroupIds',
  'AWS::EC2::ClientVpnEndpoint SecurityGroupIds',
  'AWS::ElasticLoadBalancingV2::LoadBalancer SecurityGroups',
  'AWS::IAM::Role ManagedPolicyArns',
  'AWS::Lambda::Function VpcConfig.SubnetIds',
  'AWS::Lambda::Function VpcConfig.SecurityGroupIds',
  'AWS::CloudWatch::Alarm AlarmActions',
]);

function ordered(type: string, path: string, value: Comparable): Comparable {
  if (!Array.isArray(value) || !UNORDERED.has(`${type} ${path}`)) return value;
  return [...value].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Sets compared as wholes: the parts of a resource that a template may also write as separate resources. */
const SETS: Readonly<Record<string, readonly PartSet[]>> = {
  'AWS::EC2::SecurityGroup': [
    {
      property: 'SecurityGroupIngress',
      inline: 'SecurityGroupIngress',
      standalone: 'AWS::EC2::SecurityGroupIngress',
      parent: 'GroupId',
    },
    {
      property: 'SecurityGroupEgress',
      inline: 'SecurityGroupEgress',
      standalone: 'AWS::EC2::SecurityGroupEgress',
      parent: 'GroupId',
    },
  ],
  'AWS::EC2::RouteTable': [{ property: 'Routes', standalone: 'AWS::EC2::Route', parent: 'RouteTableId' }],
  'AWS::EC2::NetworkAcl': [
    { property: 'Entries', standalone: 'AWS::EC2::NetworkAclEntry', parent: 'NetworkAclId' },
  ],
  // Rotation is on or off: the schedule's own fields are written differently by a template (a hosted
  // rotation function, a schedule expression) and by the API.
  'AWS::SecretsManager::Secret': [
    {
      property: 'RotationSchedule',
      standalone: 'AWS::SecretsManager::RotationSchedule',
      parent: 'SecretId',
      project: () => ({ RotationEnabled: true }),
    },
  ],
};

interface PartSet {
  readonly property: string;
  readonly inline?: string;
  readonly standalone: string;
  readonly parent: string;
  /** What of each member is compared. @default - every property but the parent's reference */
  readonly project?: (member: SymbolicValue) => SymbolicValue;
}

export interface AwsDriftInput {
  readonly baseline: Inventory;
  /** Baseline stack name → live stack name. */
  readonly stackPairs: ReadonlyMap<string, string>;
  readonly live: readonly LiveCfnResource[];
  /** Stack resources gone live (from the stacks' resource lists). */
  readonly missing: readonly {
    readonly stack: string;
    readonly logicalId: string;
    readonly type: string;
    readonly physicalId: string;
  }[];
  /** Keys the audit could not read: never reported as drift. */
  readonly unread: ReadonlySet<string>;
}

export function awsDrift(input: AwsDriftInput): AuditDrift[] {
  const drift: AuditDrift[] = [];
  const liveByKey = new Map(input.live.map((r) => [r.key, r]));
  const liveParts = partsByParent(input.live);
  const baselineParts = partsByParent(input.baseline.cfn);
  const missing = new Set(input.missing.map((m) => `${m.stack}/${m.logicalId}`));
  for (const base of input.baseline.cfn) {
    if (base.condition !== true) continue;
    const liveStack = input.stackPairs.get(base.stack);
    if (liveStack === undefined) continue;
    const key = `${liveStack}/${base.logicalId}`;
    if (missing.has(key)) {
      drift.push({ kind: 'missing', type: base.type, id: key });
      continue;
    }
    const live = liveByKey.get(key);
    if (!live || input.unread.has(key)) continue;
    for (const [path, awsDefault] of Object.entries(SECURITY_PROPERTIES[base.type] ?? {})) {
      const expectedValue = comparable(valueAt(base.properties, path) ?? awsDefault);
      const liveValue = valueAt(live.properties, path);
      const actualValue = comparable(liveValue ?? awsDefault);
      const expected =
        expectedValue === NOT_COMPARABLE || expectedValue === undefined
          ? expectedValue
          : ordered(base.type, path, expectedValue);
      const actual =
        actualValue === NOT_COMPARABLE || actualValue === undefined
          ? actualValue
          : ordered(base.type, path, actualValue);
      if (expected === NOT_COMPARABLE || expected === undefined) continue;
      if (actual === NOT_COMPARABLE) {
        if (liveValue instanceof Unknown)
          drift.push({
            kind: 'property',
            type: base.type,
            id: key,
            physicalId: live.physicalId,
            property: path,
            expected,
            undetermined: liveValue.reason,
          });
        continue;
      }
      if (actual !== undefined && same(expected, actual)) continue;
      drift.push({
        kind: 'property',
        type: base.type,
        id: key,
        physicalId: live.physicalId,
        property: path,
        expected,
        ...(actual === undefined ? {} : { actual }),
      });
    }
    for (const set of SETS[base.type] ?? []) {
      const expected = canonicalSet(base, set, baselineParts.get(base.key) ?? []);
      const actual = canonicalSet(live, set, liveParts.get(live.key) ?? []);
      if (expected === NOT_COMPARABLE || actual === NOT_COMPARABLE) continue;
      if (JSON.stringify(expected) === JSON.stringify(actual)) continue;
      drift.push({
        kind: 'property',
        type: base.type,
        id: key,
        physicalId: live.physicalId,
        property: set.property,
        expected,
        actual,
      });
    }
  }
  for (const r of input.live)
    if (r.origin === 'unmanaged')
      drift.push({ kind: 'unmanaged', type: r.type, id: r.key, physicalId: r.physicalId });
  return drift;
}

function valueAt(
  properties: Readonly<Record<string, SymbolicValue>>,
  path: string,
): SymbolicValue | undefined {
  let current: SymbolicValue | undefined = properties;
  for (const segment of path.split('.')) {
    // A parent the API did not tell leaves every setting under it undetermined, not at AWS's default.
    if (current instanceof Unknown) return current;
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Standalone part resources (rules, routes, entries) by the key of the resource they belong to. */
function partsByParent(resources: readonly CfnResource[]): Map<string, CfnResource[]> {
  const out = new Map<string, CfnResource[]>();
  const parentProperty: Record<string, string> = {
    'AWS::EC2::SecurityGroupIngress': 'GroupId',
    'AWS::EC2::SecurityGroupEgress': 'GroupId',
    'AWS::EC2::Route': 'RouteTableId',
    'AWS::EC2::NetworkAclEntry': 'NetworkAclId',
    'AWS::EC2::SubnetRouteTableAssociation': 'RouteTableId',
    'AWS::EC2::SubnetNetworkAclAssociation': 'NetworkAclId',
    'AWS::SecretsManager::RotationSchedule': 'SecretId',
  };
  for (const r of resources) {
    const property = parentProperty[r.type];
    if (!property || r.condition !== true) continue;
    const parent = r.properties[property];
    if (!(parent instanceof ResourceRef)) continue;
    out.set(parent.target, [...(out.get(parent.target) ?? []), r]);
  }
  return out;
}

/** The set's members as sorted canonical text; NOT_COMPARABLE when one member is not determined. */
function canonicalSet(
  owner: CfnResource,
  set: PartSet,
  parts: readonly CfnResource[],
): string[] | typeof NOT_COMPARABLE {
  const members: SymbolicValue[] = [];
  if (set.inline) {
    const inline = owner.properties[set.inline];
    if (Array.isArray(inline)) members.push(...(inline as SymbolicValue[]));
    else if (inline !== undefined) return NOT_COMPARABLE;
    // A group without egress rules allows all outbound traffic (EC2's default).
    else if (set.inline === 'SecurityGroupEgress' && !parts.some((p) => p.type === set.standalone))
      members.push({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' });
  }
  for (const p of parts)
    if (p.type === set.standalone) {
      const member = withoutParent(p.properties, set.parent);
      members.push(set.project ? set.project(member) : member);
    }
  const out: string[] = [];
  for (const m of members) {
    const c = comparable(m);
    if (c === NOT_COMPARABLE) return NOT_COMPARABLE;
    if (c !== undefined) out.push(JSON.stringify(canonicalMember(c)));
  }
  return [...new Set(out)].sort();
}

function withoutParent(properties: Readonly<Record<string, SymbolicValue>>, parent: string): SymbolicValue {
  const { [parent]: _owner, ...rest } = properties;
  return rest;
}

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };

/**
 * One rule, route or entry in a form both sides share: descriptions dropped (they do not change what is
 * allowed), protocols by name, ports of an all-protocol rule dropped, numbers as numbers.
 */
function canonicalMember(value: Comparable): Comparable {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, Comparable> = {};
  for (const [k, v] of Object.entries(loose(value) as Record<string, Comparable>)) {
    if (k === 'Description') continue;
    out[k] = v;
  }
  // A network ACL entry is an ingress entry unless it says otherwise.
  if (out.RuleNumber !== undefined && out.Egress === undefined) out.Egress = false;
  if (out.IpProtocol !== undefined) {
    const p = String(out.IpProtocol).toLowerCase();
    out.IpProtocol = PROTOCOLS[p] ?? p;
    if (out.IpProtocol === '-1') {
      delete out.FromPort;
      delete out.ToPort;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export { logicalIdOf };
