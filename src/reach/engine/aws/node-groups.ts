/**
 * EKS managed node groups (`AWS::EKS::Nodegroup`): their instances' interfaces, read together with the launch
 * template, and the node labels and taints that decide which pods run there.
 */
import type { CfnResource } from '../../../inventory/model.js';
import type { SymbolicValue } from '../../../inventory/values.js';
import { isPlainObject } from '../../../inventory/values.js';
import type { AttachmentModel } from '../model.js';
import { attachmentOf, type HostDetails } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import {
  launchTemplateOf,
  type LaunchTemplateRef,
  templateAssignsPublicIp,
  templateHopLimit,
  templateInstanceTags,
  templateSecurityGroups,
} from './launch-templates.js';
import { type ResolvedKeys, securityGroupKeys, subnetKeys } from './references.js';
import { tagsOf } from './tags.js';
import { list, num, str, target } from './values.js';

export function addNodeGroup(r: CfnResource, context: AwsBuildContext): void {
  const { model } = context;
  const p = r.properties;
  const template = launchTemplateOf(context, p.LaunchTemplate);
  let groups = nodeGroupSecurityGroups(r, context, template);
  if (isPlainObject(p.RemoteAccess)) {
    const extra = securityGroupKeys(context, p.RemoteAccess.SourceSecurityGroups);
    groups = { keys: [...groups.keys, ...extra.keys], unknown: groups.unknown ?? extra.unknown };
    model.notes.push(`${r.key} enables SSH remote access`);
  }
  const subnets = subnetKeys(context, p.Subnets);
  model.attachments.set(
    r.key,
    attachmentOf(r, 'node-group', {
      securityGroups: groups,
      subnets,
      tags: { ...tagsOf(r), ...templateInstanceTags(template.data) },
      publicAddress:
        templateAssignsPublicIp(template.data) || subnets.keys.some((s) => model.subnets.get(s)?.mapPublicIp),
      host: hostDetails(r, template),
      linux: true,
    }),
  );
}

/** The launch template's groups; without any, EKS puts the cluster security group on the nodes. */
function nodeGroupSecurityGroups(
  r: CfnResource,
  context: AwsBuildContext,
  template: LaunchTemplateRef,
): ResolvedKeys {
  const fromTemplate = templateSecurityGroups(template.data);
  if (fromTemplate) return securityGroupKeys(context, fromTemplate);
  const clusterGroup = context.clusterSecurityGroups.get(target(r.properties.ClusterName) ?? '');
  if (clusterGroup) return { keys: [clusterGroup] };
  return { keys: [], unknown: `the security groups of ${r.key} are not determined by the input` };
}

function hostDetails(r: CfnResource, template: LaunchTemplateRef): HostDetails {
  const hop = templateHopLimit(template.data);
  // Without a launch template, EKS managed nodes get hop limit 2; AL2023 AMIs register with IMDSv2 and hop limit 2 too.
  const hopLimit = hop === undefined ? 2 : num(hop);
  return {
    hopLimit,
    hopLimitSource:
      hop === undefined
        ? `${r.key}: no HttpPutResponseHopLimit (default 2)`
        : `${template.key}: HttpPutResponseHopLimit ${String(hopLimit ?? '?')}`,
    nodeLabels: nodeLabels(r.properties.Labels),
    taints: taints(r.properties.Taints),
  };
}

function nodeLabels(v: SymbolicValue | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (isPlainObject(v))
    for (const [k, value] of Object.entries(v)) if (typeof value === 'string') labels[k] = value;
  return labels;
}

/** CloudFormation spells taint effects in upper snake case; Kubernetes in camel case. */
const TAINT_EFFECTS: Readonly<Record<string, string>> = {
  NO_SCHEDULE: 'NoSchedule',
  NO_EXECUTE: 'NoExecute',
  PREFER_NO_SCHEDULE: 'PreferNoSchedule',
};

function taints(v: SymbolicValue | undefined): NonNullable<AttachmentModel['taints']> {
  return list(v).flatMap((t) =>
    isPlainObject(t) && typeof t.Key === 'string'
      ? [
          {
            key: t.Key,
            value: str(t.Value),
            effect: TAINT_EFFECTS[str(t.Effect) ?? ''] ?? str(t.Effect) ?? 'NoSchedule',
          },
        ]
      : [],
  );
}
