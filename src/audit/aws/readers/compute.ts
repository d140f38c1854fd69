/**
 * EC2 beyond the VPC's fabric: launch templates (the version a node group or instance uses), instances,
 * Elastic IPs, flow logs, and Client VPN endpoints with their authorization rules and target networks (read as
 * parts of the endpoint: the API answers them per endpoint).
 */
import {
  DescribeAddressesCommand,
  paginateDescribeClientVpnAuthorizationRules,
  paginateDescribeClientVpnEndpoints,
  paginateDescribeClientVpnTargetNetworks,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
  type EC2Client,
  type LaunchTemplateVersion,
} from '@aws-sdk/client-ec2';
import { Unknown, type SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import {
  allPages,
  defined,
  emptyOutput,
  tagList,
  undetermined,
  type LiveResource,
  type ReaderOutput,
} from '../live.js';
import { merge, readEach, unreadAll } from './each.js';

export const COMPUTE_TYPES = [
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::Instance',
  'AWS::EC2::EIP',
  'AWS::EC2::FlowLog',
  'AWS::EC2::ClientVpnEndpoint',
] as const;

export const COMPUTE_PART_TYPES = [
  'AWS::EC2::ClientVpnAuthorizationRule',
  'AWS::EC2::ClientVpnTargetNetworkAssociation',
] as const;

/** EC2 answers at most this many ids per filter value list. */
const CHUNK = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function readCompute(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  const client = await session.client<EC2Client>('ec2');
  return merge(
    await Promise.all([
      readLaunchTemplates(session, client, ids('AWS::EC2::LaunchTemplate')),
      readInstances(session, client, ids('AWS::EC2::Instance')),
      readAddresses(session, client, ids('AWS::EC2::EIP')),
      readFlowLogs(session, client, ids('AWS::EC2::FlowLog')),
      readClientVpn(session, client, ids('AWS::EC2::ClientVpnEndpoint')),
    ]),
  );
}

function readLaunchTemplates(
  session: AwsSession,
  client: EC2Client,
  ids: readonly string[],
): Promise<ReaderOutput> {
  return readEach('AWS::EC2::LaunchTemplate', ids, async (LaunchTemplateId) => {
    // The latest version is what a node group pinned to `LatestVersionNumber` runs, and what a hand change adds.
    const described = await session.call(
      OPS.describeLaunchTemplateVersions,
      async () =>
        (
          await allPages(
            paginateDescribeLaunchTemplateVersions({ client }, { LaunchTemplateId, Versions: ['$Latest'] }),
          )
        ).flatMap((p) => p.LaunchTemplateVersions ?? []),
      {
        subject: LaunchTemplateId,
        absent: ['InvalidLaunchTemplateId.NotFound', 'InvalidLaunchTemplateId.Malformed'],
      },
    );
    if (!described.ok) return { failed: described };
    const version = described.value?.[0];
    if (!version) return undefined;
    return [
      {
        type: 'AWS::EC2::LaunchTemplate',
        physicalId: LaunchTemplateId,
        properties: defined({
          LaunchTemplateName: version.LaunchTemplateName,
          LaunchTemplateData: launchTemplateData(version),
        }),
        calls: [described.record],
      },
    ];
  });
}

function launchTemplateData(version: LaunchTemplateVersion): Record<string, SymbolicValue> {
  const d = version.LaunchTemplateData ?? {};
  return defined({
    ImageId: d.ImageId,
    InstanceType: d.InstanceType,
    KeyName: d.KeyName,
    SecurityGroupIds: d.SecurityGroupIds,
    IamInstanceProfile: d.IamInstanceProfile
      ? defined({ Arn: d.IamInstanceProfile.Arn, Name: d.IamInstanceProfile.Name })
      : undefined,
    MetadataOptions: d.MetadataOptions
      ? defined({
          HttpTokens: d.MetadataOptions.HttpTokens,
          HttpPutResponseHopLimit: d.MetadataOptions.HttpPutResponseHopLimit,
          HttpEndpoint: d.MetadataOptions.HttpEndpoint,
          InstanceMetadataTags: d.MetadataOptions.InstanceMetadataTags,
        })
      : undefined,
    BlockDeviceMappings: d.BlockDeviceMappings?.map((m) =>
      defined({
        DeviceName: m.DeviceName,
        Ebs: m.Ebs
          ? defined({
              Encrypted: m.Ebs.Encrypted,
              KmsKeyId: m.Ebs.KmsKeyId,
              VolumeSize: m.Ebs.VolumeSize,
              VolumeType: m.Ebs.VolumeType,
            })
          : undefined,
      }),
    ),
    NetworkInterfaces: d.NetworkInterfaces?.map((n) =>
      defined({
        DeviceIndex: n.DeviceIndex,
        AssociatePublicIpAddress: n.AssociatePublicIpAddress,
        SubnetId: n.SubnetId,
        Groups: n.Groups,
      }),
    ),
  });
}

async function readInstances(
  session: AwsSession,
  client: EC2Client,
  ids: readonly string[],
): Promise<ReaderOutput> {
  const output = emptyOutput();
  for (const batch of chunks(ids)) {
    const listed = await session.call(OPS.describeInstances, async () =>
      (
        await allPages(
          paginateDescribeInstances({ client }, { Filters: [{ Name: 'instance-id', Values: batch }] }),
        )
      ).flatMap((p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? [])),
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::EC2::Instance', batch, listed).notRead);
      continue;
    }
    for (const i of listed.value ?? []) {
      if (!i.InstanceId || i.State?.Name === 'terminated') continue;
      const tags = i.Tags ?? [];
      const templateId = tags.find((t) => t.Key === 'aws:ec2launchtemplate:id')?.Value;
      const templateVersion = tags.find((t) => t.Key === 'aws:ec2launchtemplate:version')?.Value;
      output.resources.push({
        type: 'AWS::EC2::Instance',
        physicalId: i.InstanceId,
        ...(i.VpcId ? { vpcId: i.VpcId } : {}),
        properties: defined({
          ImageId: i.ImageId,
          InstanceType: i.InstanceType,
          KeyName: i.KeyName,
          SubnetId: i.SubnetId,
          SecurityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId!).filter(Boolean),
          IamInstanceProfile: i.IamInstanceProfile?.Arn,
          LaunchTemplate: templateId
            ? defined({ LaunchTemplateId: templateId, Version: templateVersion })
            : undefined,
          // The instance's own metadata settings, which a hand change (modify-instance-metadata-options) sets.
          MetadataOptions: i.MetadataOptions
            ? defined({
                HttpTokens: i.MetadataOptions.HttpTokens,
                HttpPutResponseHopLimit: i.MetadataOptions.HttpPutResponseHopLimit,
                HttpEndpoint: i.MetadataOptions.HttpEndpoint,
              })
            : undefined,
          // The answer names the volumes, not their encryption.
          BlockDeviceMappings: i.BlockDeviceMappings?.length
            ? new Unknown("the live API does not state the volumes' encryption with the instance")
            : undefined,
          NetworkInterfaces: i.PublicIpAddress
            ? [{ DeviceIndex: '0', AssociatePublicIpAddress: true }]
            : undefined,
          Tags: tagList(tags),
        }),
        calls: [listed.record],
      });
    }
  }
  return output;
}

async function readAddresses(
  session: AwsSession,
  client: EC2Client,
  ids: readonly string[],
): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (ids.length === 0) return output;
  const listed = await session.call(
    OPS.describeAddresses,
    async () => (await client.send(new DescribeAddressesCommand({}))).Addresses ?? [],
  );
  if (!listed.ok) return unreadAll('AWS::EC2::EIP', ids, listed);
  const wanted = new Set(ids);
  for (const a of listed.value ?? []) {
    // CloudFormation names an address by its allocation id (newer stacks) or its public IP (older ones).
    const id = [a.AllocationId, a.PublicIp].find((x) => x !== undefined && wanted.has(x));
    if (!id) continue;
    output.resources.push({
      type: 'AWS::EC2::EIP',
      physicalId: id,
      properties: defined({ Domain: a.Domain, InstanceId: a.InstanceId, Tags: tagList(a.Tags) }),
      calls: [listed.record],
    });
  }
  return output;
}

async function readFlowLogs(
  session: AwsSession,
  client: EC2Client,
  ids: readonly string[],
): Promise<ReaderOutput> {
  const output = emptyOutput();
  for (const batch of chunks(ids)) {
    const listed = await session.call(OPS.describeFlowLogs, async () =>
      (await allPages(paginateDescribeFlowLogs({ client }, { FlowLogIds: batch }))).flatMap(
        (p) => p.FlowLogs ?? [],
      ),
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::EC2::FlowLog', batch, listed).notRead);
      continue;
    }
    for (const f of listed.value ?? [])
      if (f.FlowLogId)
        output.resources.push({
          type: 'AWS::EC2::FlowLog',
          physicalId: f.FlowLogId,
          properties: defined({
            ResourceId: f.ResourceId,
            ResourceType: f.ResourceId?.startsWith('vpc-')
              ? 'VPC'
              : f.ResourceId?.startsWith('subnet-')
                ? 'Subnet'
                : f.ResourceId?.startsWith('eni-')
                  ? 'NetworkInterface'
                  : undefined,
            TrafficType: f.TrafficType,
            LogDestinationType: f.LogDestinationType,
            LogDestination: f.LogDestination,
            LogGroupName: f.LogGroupName,
            DeliverLogsPermissionArn: f.DeliverLogsPermissionArn,
            LogFormat: f.LogFormat,
            MaxAggregationInterval: f.MaxAggregationInterval,
            Tags: tagList(f.Tags),
          }),
          calls: [listed.record],
        });
  }
  return output;
}

async function readClientVpn(
  session: AwsSession,
  client: EC2Client,
  ids: readonly string[],
): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (ids.length === 0) return output;
  const listed = await session.call(OPS.describeClientVpnEndpoints, async () =>
    (
      await allPages(paginateDescribeClientVpnEndpoints({ client }, { ClientVpnEndpointIds: [...ids] }))
    ).flatMap((p) => p.ClientVpnEndpoints ?? []),
  );
  if (!listed.ok) return unreadAll('AWS::EC2::ClientVpnEndpoint', ids, listed);
  await Promise.all(
    (listed.value ?? []).map(async (e) => {
      const ClientVpnEndpointId = e.ClientVpnEndpointId;
      if (!ClientVpnEndpointId) return;
      const [rules, networks] = await Promise.all([
        session.call(
          OPS.describeClientVpnAuthorizationRules,
          async () =>
            (
              await allPages(paginateDescribeClientVpnAuthorizationRules({ client }, { ClientVpnEndpointId }))
            ).flatMap((p) => p.AuthorizationRules ?? []),
          { subject: ClientVpnEndpointId },
        ),
        session.call(
          OPS.describeClientVpnTargetNetworks,
          async () =>
            (
              await allPages(paginateDescribeClientVpnTargetNetworks({ client }, { ClientVpnEndpointId }))
            ).flatMap((p) => p.ClientVpnTargetNetworks ?? []),
          { subject: ClientVpnEndpointId },
        ),
      ]);
      output.resources.push({
        type: 'AWS::EC2::ClientVpnEndpoint',
        physicalId: ClientVpnEndpointId,
        ...(e.VpcId ? { vpcId: e.VpcId } : {}),
        properties: defined({
          ClientCidrBlock: e.ClientCidrBlock,
          ServerCertificateArn: e.ServerCertificateArn,
          VpcId: e.VpcId,
          SecurityGroupIds: e.SecurityGroupIds,
          SplitTunnel: e.SplitTunnel,
          TransportProtocol: e.TransportProtocol,
          VpnPort: e.VpnPort,
          SessionTimeoutHours: e.SessionTimeoutHours,
          AuthenticationOptions: (e.AuthenticationOptions ?? []).map((o) =>
            defined({
              Type: o.Type,
              MutualAuthentication: o.MutualAuthentication
                ? defined({
                    ClientRootCertificateChainArn: o.MutualAuthentication.ClientRootCertificateChain,
                  })
                : undefined,
              ActiveDirectory: o.ActiveDirectory
                ? defined({ DirectoryId: o.ActiveDirectory.DirectoryId })
                : undefined,
              FederatedAuthentication: o.FederatedAuthentication
                ? defined({ SAMLProviderArn: o.FederatedAuthentication.SamlProviderArn })
                : undefined,
            }),
          ),
          ConnectionLogOptions: e.ConnectionLogOptions
            ? defined({
                Enabled: e.ConnectionLogOptions.Enabled,
                CloudwatchLogGroup: e.ConnectionLogOptions.CloudwatchLogGroup,
                CloudwatchLogStream: e.ConnectionLogOptions.CloudwatchLogStream,
              })
            : undefined,
          Tags: tagList(e.Tags),
        }),
        calls: [listed.record, rules.record, networks.record],
      });
      const parts: LiveResource[] = [];
      if (!rules.ok)
        parts.push({
          type: 'AWS::EC2::ClientVpnAuthorizationRule',
          physicalId: `${ClientVpnEndpointId}|rules`,
          partOf: { physicalId: ClientVpnEndpointId, name: 'AuthorizationRules' },
          properties: { ClientVpnEndpointId, TargetNetworkCidr: undetermined(rules.failure) },
          calls: [rules.record],
        });
      else
        (rules.value ?? []).forEach((r, i) =>
          parts.push({
            type: 'AWS::EC2::ClientVpnAuthorizationRule',
            physicalId: `${ClientVpnEndpointId}|rule|${i}`,
            partOf: { physicalId: ClientVpnEndpointId, name: `AuthorizationRule${i}` },
            properties: defined({
              ClientVpnEndpointId,
              TargetNetworkCidr: r.DestinationCidr,
              AuthorizeAllGroups: r.AccessAll,
              AccessGroupId: r.GroupId,
            }),
            calls: [rules.record],
          }),
        );
      if (!networks.ok)
        parts.push({
          type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
          physicalId: `${ClientVpnEndpointId}|networks`,
          partOf: { physicalId: ClientVpnEndpointId, name: 'TargetNetworks' },
          properties: { ClientVpnEndpointId, SubnetId: undetermined(networks.failure) },
          calls: [networks.record],
        });
      else
        for (const n of networks.value ?? [])
          if (n.AssociationId)
            parts.push({
              type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
              physicalId: n.AssociationId,
              partOf: { physicalId: ClientVpnEndpointId, name: n.AssociationId },
              properties: defined({ ClientVpnEndpointId, SubnetId: n.TargetNetworkId }),
              calls: [networks.record],
            });
      output.resources.push(...parts);
    }),
  );
  return output;
}
