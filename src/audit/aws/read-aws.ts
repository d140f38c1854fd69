/**
 * Reads the named stacks and the account-level services into inventory resources: each live resource under
 * its stack's logical id (`Stack/LogicalId`, as the template path names it), references between resources
 * restored from physical ids, parts (rules, routes, associations) under their parent, and resources found in
 * the stacks' VPCs that no stack declares under `live/<id>`.
 */
import type { CfnResource } from '../../inventory/model.js';
import { ResourceRef, isPlainObject, type SymbolicValue } from '../../inventory/values.js';
import { readAccount, type AccountServiceState } from './readers/account.js';
import { readClusters } from './readers/eks.js';
import { readAliases, readKeys } from './readers/kms.js';
import { readLogGroups } from './readers/logs.js';
import { NETWORK_PART_TYPES, NETWORK_TYPES, readNetwork } from './readers/network.js';
import { readBuckets } from './readers/s3.js';
import { COMPUTE_PART_TYPES, COMPUTE_TYPES, readCompute } from './readers/compute.js';
import { DATA_STORE_PART_TYPES, DATA_STORE_TYPES, readDataStores } from './readers/data-stores.js';
import { EDGE_PART_TYPES, EDGE_TYPES, readEdge } from './readers/edge.js';
import { EKS_PART_TYPES, readEksParts } from './readers/eks-parts.js';
import { IAM_PART_TYPES, IAM_TYPES, readIam } from './readers/iam.js';
import { LAMBDA_PART_TYPES, LAMBDA_TYPES, readLambda } from './readers/lambda.js';
import { MESSAGING_PART_TYPES, MESSAGING_TYPES, readMessaging } from './readers/messaging.js';
import { MONITORING_TYPES, readMonitoring } from './readers/monitoring.js';
import type { LiveResource, NotRead, ReaderOutput } from './live.js';
import type { AwsSession, CallRecord } from './session.js';
import { readStack, type LiveStack, type StackResourceEntry } from './stacks.js';

/** Where a live resource stands against the stacks. */
export type LiveOrigin = 'stack' | 'part' | 'implicit' | 'unmanaged' | 'account';

export interface LiveCfnResource extends CfnResource {
  readonly physicalId: string;
  readonly origin: LiveOrigin;
  readonly calls: readonly CallRecord[];
}

/** Something the audit could not read, as the report shows it (an `unknown` finding). */
export interface AuditGap {
  readonly type: string;
  /** `Stack/LogicalId`, or the physical id when no stack declares it. */
  readonly id: string;
  readonly reason: string;
  readonly stack?: string;
}

export interface AwsReadResult {
  readonly resources: readonly LiveCfnResource[];
  readonly gaps: readonly AuditGap[];
  /** Stack resources that no longer exist live. */
  readonly missing: readonly { readonly stack: string; readonly entry: StackResourceEntry }[];
  readonly stacks: readonly LiveStack[];
  readonly services: readonly AccountServiceState[];
  readonly account?: string;
}

/** Types with a reader; a stack resource of any other type is reported as not read. */
const READ_TYPES = new Set<string>([
  ...NETWORK_TYPES,
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::Logs::LogGroup',
  'AWS::EKS::Cluster',
  'AWS::CloudTrail::Trail',
  'AWS::GuardDuty::Detector',
  'AWS::Config::ConfigurationRecorder',
  'AWS::Config::DeliveryChannel',
  'AWS::Config::ConfigRule',
  'AWS::SecurityHub::Hub',
  ...EKS_PART_TYPES,
  ...COMPUTE_TYPES,
  ...EDGE_TYPES,
  ...IAM_TYPES,
  ...LAMBDA_TYPES,
  ...MESSAGING_TYPES,
  ...DATA_STORE_TYPES,
  ...MONITORING_TYPES,
]);

/** Types read as parts of another resource (their settings are in the parent's answer). */
const PART_TYPES = new Set<string>([
  ...NETWORK_PART_TYPES,
  'AWS::S3::BucketPolicy',
  ...COMPUTE_PART_TYPES,
  ...EDGE_PART_TYPES,
  ...IAM_PART_TYPES,
  ...LAMBDA_PART_TYPES,
  ...MESSAGING_PART_TYPES,
  ...DATA_STORE_PART_TYPES,
]);

/**
 * Deploy-time actions, not resources: a custom resource runs a function when the stack changes and leaves no
 * state of its own. What it does is read where it lands (a Helm chart or manifest in the cluster, the default
 * security group's rules, a setting of another resource).
 */
function isDeployAction(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** How the audit reads a stack resource of this type, or undefined when it does not. */
export function auditReading(type: string): 'resource' | 'part' | 'deploy-action' | undefined {
  if (READ_TYPES.has(type)) return 'resource';
  if (PART_TYPES.has(type)) return 'part';
  if (isDeployAction(type)) return 'deploy-action';
  return undefined;
}

export async function readAws(session: AwsSession, stackNames: readonly string[]): Promise<AwsReadResult> {
  const gaps: AuditGap[] = [];
  const stacks: LiveStack[] = [];
  for (const outcome of await Promise.all(stackNames.map((name) => readStack(session, name)))) {
    if ('failure' in outcome)
      gaps.push({ type: 'AWS::CloudFormation::Stack', id: outcome.name, reason: outcome.failure.message });
    else {
      stacks.push(outcome);
      if (outcome.incomplete > 0)
        gaps.push({
          type: 'AWS::CloudFormation::Stack',
          id: outcome.name,
          reason: `the stack lists ${outcome.incomplete} resource(s) without a logical id or type; they were not read`,
        });
    }
  }
  const idsByType = new Map<string, string[]>();
  for (const stack of stacks)
    for (const r of stack.resources)
      if (r.physicalId) idsByType.set(r.type, [...(idsByType.get(r.type) ?? []), r.physicalId]);
  const ids = (type: string) => idsByType.get(type) ?? [];

  const outputs: ReaderOutput[] = await Promise.all([
    readNetwork(session, ids('AWS::EC2::VPC'), idsByType),
    readBuckets(session, ids('AWS::S3::Bucket')),
    readKeys(session, ids('AWS::KMS::Key')),
    readAliases(session, ids('AWS::KMS::Alias')),
    readLogGroups(session, ids('AWS::Logs::LogGroup')),
    readClusters(session, ids('AWS::EKS::Cluster')),
    readEksParts(session, ids),
    readCompute(session, ids),
    readEdge(session, ids),
    readIam(session, ids),
    readLambda(session, ids),
    readMessaging(session, ids),
    readDataStores(session, ids),
    readMonitoring(session, ids),
  ]);
  const account = await readAccount(session);
  outputs.push(account);

  const live = outputs.flatMap((o) => o.resources);
  const notRead = outputs.flatMap((o) => o.notRead);
  return {
    ...assemble(session.region, stacks, live, notRead, gaps),
    stacks,
    services: account.services,
    ...(account.account ? { account: account.account } : {}),
  };
}

function assemble(
  region: string,
  stacks: readonly LiveStack[],
  live: readonly LiveResource[],
  notRead: readonly NotRead[],
  gaps: AuditGap[],
): Pick<AwsReadResult, 'resources' | 'gaps' | 'missing'> {
  const byId = new Map<string, LiveResource>();
  for (const r of live) byId.set(`${r.type}|${r.physicalId}`, r);
  const unread = new Map<string, NotRead>();
  for (const n of notRead) for (const id of n.physicalIds) unread.set(`${n.type}|${id}`, n);

  interface Placed {
    readonly resource: LiveResource;
    readonly stack: string;
    readonly logicalId: string;
    readonly origin: LiveOrigin;
  }
  const placed = new Map<LiveResource, Placed>();
  const missing: AwsReadResult['missing'][number][] = [];
  const stackVpcs = new Set<string>();
  for (const stack of stacks)
    for (const entry of stack.resources) {
      const id = `${stack.name}/${entry.logicalId}`;
      if (PART_TYPES.has(entry.type) || isDeployAction(entry.type)) continue;
      if (!READ_TYPES.has(entry.type)) {
        gaps.push({
          type: entry.type,
          id,
          stack: stack.name,
          reason: `the live audit does not read ${entry.type} resources`,
        });
        continue;
      }
      if (!entry.physicalId) {
        gaps.push({
          type: entry.type,
          id,
          stack: stack.name,
          reason: 'the stack gives no physical id for it',
        });
        continue;
      }
      const resource = byId.get(`${entry.type}|${entry.physicalId}`);
      const failed = unread.get(`${entry.type}|${entry.physicalId}`);
      if (resource) {
        placed.set(resource, { resource, stack: stack.name, logicalId: entry.logicalId, origin: 'stack' });
        if (entry.type === 'AWS::EC2::VPC') stackVpcs.add(entry.physicalId);
      } else if (failed) gaps.push({ type: entry.type, id, stack: stack.name, reason: failed.reason });
      else missing.push({ stack: stack.name, entry });
    }
  // Account-level reads that failed as a whole name no resource: the service itself is the gap.
  for (const n of notRead)
    if (n.physicalIds.length === 0) gaps.push({ type: n.type, id: `account/${region}`, reason: n.reason });

  for (const resource of live) {
    if (placed.has(resource) || resource.partOf) continue;
    const origin: LiveOrigin = resource.implicit
      ? 'implicit'
      : resource.vpcId !== undefined && stackVpcs.has(resource.vpcId)
        ? 'unmanaged'
        : resource.vpcId === undefined
          ? 'account'
          : 'unmanaged';
    placed.set(resource, {
      resource,
      stack: origin === 'account' ? 'account' : 'live',
      logicalId: resource.physicalId,
      origin,
    });
  }
  const parents = new Map<string, Placed>();
  for (const p of placed.values()) parents.set(p.resource.physicalId, p);
  for (const resource of live) {
    if (!resource.partOf) continue;
    const parent = parents.get(resource.partOf.physicalId);
    if (!parent) continue;
    placed.set(resource, {
      resource,
      stack: parent.stack,
      logicalId: `${parent.logicalId}.${resource.partOf.name}`,
      origin: 'part',
    });
  }

  // Physical ids and ARNs become references again, as a template writes them.
  const refs = new Map<string, ResourceRef>();
  for (const p of placed.values()) {
    if (p.resource.partOf) continue;
    const key = `${p.stack}/${p.logicalId}`;
    refs.set(p.resource.physicalId, new ResourceRef(key));
    if (p.resource.arn) refs.set(p.resource.arn, new ResourceRef(key, 'Arn'));
  }
  const resources: LiveCfnResource[] = [];
  for (const p of placed.values()) {
    const { resource } = p;
    const key = `${p.stack}/${p.logicalId}`;
    const own = new Set([resource.physicalId, resource.arn]);
    const properties = link(resource.properties, refs, own) as Record<string, SymbolicValue>;
    resources.push({
      source: 'cloudformation',
      key,
      stack: p.stack,
      logicalId: p.logicalId,
      type: resource.type,
      properties,
      raw: { Type: resource.type, PhysicalResourceId: resource.physicalId },
      location: { file: `aws://${region}/${p.stack}`, path: `Resources.${p.logicalId}` },
      condition: true,
      tags: tagsOf(resource.properties.Tags),
      dependsOn: [],
      physicalId: resource.physicalId,
      origin: p.origin,
      calls: resource.calls,
    });
  }
  resources.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { resources, gaps, missing };
}

function link(
  value: SymbolicValue,
  refs: ReadonlyMap<string, ResourceRef>,
  own: ReadonlySet<string | undefined>,
): SymbolicValue {
  if (typeof value === 'string') return own.has(value) ? value : (refs.get(value) ?? value);
  if (Array.isArray(value)) return value.map((v: SymbolicValue) => link(v, refs, own));
  if (isPlainObject(value)) {
    const out: Record<string, SymbolicValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'Tags' ? v : link(v, refs, own);
    return out;
  }
  return value;
}

function tagsOf(tags: SymbolicValue | undefined): Record<string, SymbolicValue> {
  const out: Record<string, SymbolicValue> = {};
  if (Array.isArray(tags))
    for (const t of tags as SymbolicValue[])
      if (isPlainObject(t) && typeof t.Key === 'string' && t.Value !== undefined) out[t.Key] = t.Value;
  return out;
}
