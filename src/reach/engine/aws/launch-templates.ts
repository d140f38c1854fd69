/**
 * What a node group's launch template (`AWS::EC2::LaunchTemplate`) says about its instances' network: security
 * groups, public addresses, instance metadata and instance tags.
 */
import type { SymbolicObject, SymbolicValue } from '../../../inventory/values.js';
import { isPlainObject } from '../../../inventory/values.js';
import type { AwsBuildContext } from './context.js';
import { resourceOfType } from './context.js';
import { tagSpecificationTags } from './tags.js';
import { bool, list, target } from './values.js';

export interface LaunchTemplateRef {
  /** The inventory key the node group refers to (by id or by name). */
  readonly key?: string;
  /** The template's `LaunchTemplateData`, when the template is in the input. */
  readonly data?: SymbolicObject;
}

export function launchTemplateOf(
  context: AwsBuildContext,
  spec: SymbolicValue | undefined,
): LaunchTemplateRef {
  const key = isPlainObject(spec) ? (target(spec.Id) ?? target(spec.Name)) : undefined;
  const lt = resourceOfType(context, key, 'AWS::EC2::LaunchTemplate');
  const data =
    lt && isPlainObject(lt.properties.LaunchTemplateData) ? lt.properties.LaunchTemplateData : undefined;
  return { key, data };
}

/** The groups the template gives its instances' interfaces, or undefined when it names none. */
export function templateSecurityGroups(
  data: SymbolicObject | undefined,
): readonly SymbolicValue[] | undefined {
  if (data && data.SecurityGroupIds !== undefined) return list(data.SecurityGroupIds);
  if (data && Array.isArray(data.NetworkInterfaces))
    return list(data.NetworkInterfaces).flatMap((n) => (isPlainObject(n) ? list(n.Groups) : []));
  return undefined;
}

export function templateAssignsPublicIp(data: SymbolicObject | undefined): boolean {
  return data
    ? list(data.NetworkInterfaces).some((n) => isPlainObject(n) && bool(n.AssociatePublicIpAddress) === true)
    : false;
}

/** `HttpPutResponseHopLimit` as written (undefined when the template does not set it). */
export function templateHopLimit(data: SymbolicObject | undefined): SymbolicValue | undefined {
  const metadata = data && isPlainObject(data.MetadataOptions) ? data.MetadataOptions : undefined;
  return metadata?.HttpPutResponseHopLimit;
}

/** Tags the template puts on the instances it launches. */
export function templateInstanceTags(data: SymbolicObject | undefined): Record<string, string> {
  return data ? tagSpecificationTags(data.TagSpecifications, 'instance') : {};
}
