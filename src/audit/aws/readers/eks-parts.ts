/**
 * What a cluster carries besides itself: managed node groups, add-ons, access entries (with their access
 * policies) and pod identity associations. Node groups are named by their physical id (`cluster/nodegroup`);
 * the others are listed per cluster and matched to the stack's physical ids, which CloudFormation composes from
 * the cluster name and the item's own name, principal or association (so the reader does not depend on the
 * separator).
 */
import {
  DescribeAccessEntryCommand,
  DescribeAddonCommand,
  DescribeNodegroupCommand,
  DescribePodIdentityAssociationCommand,
  paginateListAccessEntries,
  paginateListAddons,
  paginateListAssociatedAccessPolicies,
  paginateListPodIdentityAssociations,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { Unknown, type SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession, CallRecord } from '../session.js';
import { allPages, defined, emptyOutput, tagMap, undetermined, type ReaderOutput } from '../live.js';
import { merge, readEach } from './each.js';

export const EKS_PART_TYPES = [
  'AWS::EKS::Nodegroup',
  'AWS::EKS::Addon',
  'AWS::EKS::AccessEntry',
  'AWS::EKS::PodIdentityAssociation',
] as const;

/** The cluster a composed physical id names: the text before the first separator. */
function clusterOf(id: string): string {
  return id.split(/[|/]/)[0]!;
}

export async function readEksParts(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  const client = await session.client<EKSClient>('eks');
  return merge(
    await Promise.all([
      readNodegroups(session, client, ids('AWS::EKS::Nodegroup')),
      readAddons(session, client, ids('AWS::EKS::Addon')),
      readAccessEntries(session, client, ids('AWS::EKS::AccessEntry')),
      readPodIdentity(session, client, ids('AWS::EKS::PodIdentityAssociation')),
    ]),
  );
}

function readNodegroups(
  session: AwsSession,
  client: EKSClient,
  ids: readonly string[],
): Promise<ReaderOutput> {
  return readEach('AWS::EKS::Nodegroup', ids, async (id) => {
    const [clusterName, nodegroupName] = id.includes('/') ? id.split('/', 2) : [undefined, id];
    if (!clusterName || !nodegroupName) return undefined;
    const described = await session.call(
      OPS.describeNodegroup,
      () => client.send(new DescribeNodegroupCommand({ clusterName, nodegroupName })),
      { subject: id, absent: ['ResourceNotFoundException'] },
    );
    if (!described.ok) return { failed: described };
    const n = described.value?.nodegroup;
    if (!n) return undefined;
    return [
      {
        type: 'AWS::EKS::Nodegroup',
        physicalId: id,
        ...(n.nodegroupArn ? { arn: n.nodegroupArn } : {}),
        properties: defined({
          ClusterName: n.clusterName,
          NodegroupName: n.nodegroupName,
          NodeRole: n.nodeRole,
          Subnets: n.subnets,
          AmiType: n.amiType,
          CapacityType: n.capacityType,
          InstanceTypes: n.instanceTypes,
          DiskSize: n.diskSize,
          Version: n.version,
          ReleaseVersion: n.releaseVersion,
          Labels: n.labels,
          Taints: n.taints?.map((t) => defined({ Key: t.key, Value: t.value, Effect: t.effect })),
          ScalingConfig: n.scalingConfig
            ? defined({
                MinSize: n.scalingConfig.minSize,
                MaxSize: n.scalingConfig.maxSize,
                DesiredSize: n.scalingConfig.desiredSize,
              })
            : undefined,
          LaunchTemplate: n.launchTemplate
            ? defined({
                Id: n.launchTemplate.id,
                Name: n.launchTemplate.name,
                Version: n.launchTemplate.version,
              })
            : undefined,
          // An answer that names an SSH key means remote access is on; emulators may invent one, so a key
          // with no source groups is reported as stated, for the control to judge.
          RemoteAccess: n.remoteAccess
            ? defined({
                Ec2SshKey: n.remoteAccess.ec2SshKey,
                SourceSecurityGroups: n.remoteAccess.sourceSecurityGroups,
              })
            : undefined,
          Tags: tagMap(n.tags),
        }),
        calls: [described.record],
      },
    ];
  });
}

type ListFailure = { ok: false } & Awaited<ReturnType<AwsSession['call']>>;

/** Lists per cluster once; a failed listing leaves that cluster's items unread. */
async function perCluster<T>(
  ids: readonly string[],
  list: (cluster: string) => Promise<{ ok: true; value: T[] | undefined; record: CallRecord } | ListFailure>,
): Promise<Map<string, { items: T[]; record: CallRecord } | ListFailure>> {
  const clusters = [...new Set(ids.map(clusterOf))];
  const out = new Map<string, { items: T[]; record: CallRecord } | ListFailure>();
  await Promise.all(
    clusters.map(async (c) => {
      const listed = await list(c);
      out.set(c, listed.ok ? { items: listed.value ?? [], record: listed.record } : listed);
    }),
  );
  return out;
}

async function readAddons(
  session: AwsSession,
  client: EKSClient,
  ids: readonly string[],
): Promise<ReaderOutput> {
  if (ids.length === 0) return emptyOutput();
  const listed = await perCluster(ids, (clusterName) =>
    session.call(
      OPS.listAddons,
      async () =>
        (await allPages(paginateListAddons({ client }, { clusterName }))).flatMap((p) => p.addons ?? []),
      { subject: clusterName },
    ),
  );
  return readEach('AWS::EKS::Addon', ids, async (id) => {
    const cluster = listed.get(clusterOf(id))!;
    if ('ok' in cluster) return { failed: cluster };
    const addonName = cluster.items.find(
      (a) => id === `${clusterOf(id)}|${a}` || id.endsWith(`/${a}`) || id.endsWith(`|${a}`),
    );
    if (!addonName) return undefined;
    const described = await session.call(
      OPS.describeAddon,
      () => client.send(new DescribeAddonCommand({ clusterName: clusterOf(id), addonName })),
      { subject: id, absent: ['ResourceNotFoundException'] },
    );
    if (!described.ok) return { failed: described };
    const a = described.value?.addon;
    if (!a) return undefined;
    return [
      {
        type: 'AWS::EKS::Addon',
        physicalId: id,
        ...(a.addonArn ? { arn: a.addonArn } : {}),
        properties: defined({
          ClusterName: a.clusterName,
          AddonName: a.addonName,
          AddonVersion: a.addonVersion,
          ServiceAccountRoleArn: a.serviceAccountRoleArn,
          ConfigurationValues: a.configurationValues,
          // The API names the associations by ARN only; they are read as resources of their own.
          PodIdentityAssociations: a.podIdentityAssociations?.length
            ? new Unknown("the live API lists the add-on's pod identity associations by ARN only")
            : undefined,
          Tags: tagMap(a.tags),
        }),
        calls: [cluster.record, described.record],
      },
    ];
  });
}

async function readAccessEntries(
  session: AwsSession,
  client: EKSClient,
  ids: readonly string[],
): Promise<ReaderOutput> {
  if (ids.length === 0) return emptyOutput();
  const listed = await perCluster(ids, (clusterName) =>
    session.call(
      OPS.listAccessEntries,
      async () =>
        (await allPages(paginateListAccessEntries({ client }, { clusterName }))).flatMap(
          (p) => p.accessEntries ?? [],
        ),
      { subject: clusterName },
    ),
  );
  return readEach('AWS::EKS::AccessEntry', ids, async (id) => {
    const clusterName = clusterOf(id);
    const cluster = listed.get(clusterName)!;
    if ('ok' in cluster) return { failed: cluster };
    const principalArn = cluster.items.find((p) => id.endsWith(p));
    if (!principalArn) return undefined;
    const [described, policies] = await Promise.all([
      session.call(
        OPS.describeAccessEntry,
        () => client.send(new DescribeAccessEntryCommand({ clusterName, principalArn })),
        { subject: id, absent: ['ResourceNotFoundException'] },
      ),
      session.call(
        OPS.listAssociatedAccessPolicies,
        async () =>
          (
            await allPages(paginateListAssociatedAccessPolicies({ client }, { clusterName, principalArn }))
          ).flatMap((p) => p.associatedAccessPolicies ?? []),
        { subject: id },
      ),
    ]);
    if (!described.ok) return { failed: described };
    const e = described.value?.accessEntry;
    if (!e) return undefined;
    const accessPolicies: SymbolicValue | Unknown = policies.ok
      ? (policies.value ?? []).map((p) =>
          defined({
            PolicyArn: p.policyArn,
            AccessScope: defined({ Type: p.accessScope?.type, Namespaces: p.accessScope?.namespaces }),
          }),
        )
      : undetermined(policies.failure);
    return [
      {
        type: 'AWS::EKS::AccessEntry',
        physicalId: id,
        ...(e.accessEntryArn ? { arn: e.accessEntryArn } : {}),
        properties: defined({
          ClusterName: e.clusterName,
          PrincipalArn: e.principalArn,
          Type: e.type,
          Username: e.username,
          KubernetesGroups: e.kubernetesGroups,
          AccessPolicies: accessPolicies,
          Tags: tagMap(e.tags),
        }),
        calls: [cluster.record, described.record, policies.record],
      },
    ];
  });
}

async function readPodIdentity(
  session: AwsSession,
  client: EKSClient,
  ids: readonly string[],
): Promise<ReaderOutput> {
  if (ids.length === 0) return emptyOutput();
  const listed = await perCluster(ids, (clusterName) =>
    session.call(
      OPS.listPodIdentityAssociations,
      async () =>
        (await allPages(paginateListPodIdentityAssociations({ client }, { clusterName }))).flatMap(
          (p) => p.associations ?? [],
        ),
      { subject: clusterName },
    ),
  );
  return readEach('AWS::EKS::PodIdentityAssociation', ids, async (id) => {
    const clusterName = clusterOf(id);
    const cluster = listed.get(clusterName)!;
    if ('ok' in cluster) return { failed: cluster };
    const summary = cluster.items.find(
      (a) =>
        (a.associationArn && id.endsWith(a.associationArn)) ||
        (a.associationId && id.endsWith(a.associationId)),
    );
    if (!summary?.associationId) return undefined;
    const described = await session.call(
      OPS.describePodIdentityAssociation,
      () =>
        client.send(
          new DescribePodIdentityAssociationCommand({ clusterName, associationId: summary.associationId }),
        ),
      { subject: id, absent: ['ResourceNotFoundException'] },
    );
    if (!described.ok) return { failed: described };
    const a = described.value?.association;
    if (!a) return undefined;
    return [
      {
        type: 'AWS::EKS::PodIdentityAssociation',
        physicalId: id,
        ...(a.associationArn ? { arn: a.associationArn } : {}),
        properties: defined({
          ClusterName: a.clusterName,
          Namespace: a.namespace,
          ServiceAccount: a.serviceAccount,
          RoleArn: a.roleArn,
          Tags: tagMap(a.tags),
        }),
        calls: [cluster.record, described.record],
      },
    ];
  });
}
