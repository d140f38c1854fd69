/** Reading EKS add-ons and the cluster they belong to. */
import { parse } from 'yaml';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import {
  identifies,
  isUnknownValue,
  prop,
  resourcesOfType,
  show,
  stringOf,
  Unknown,
} from '../network/cfn.js';

/** Add-ons (AWS::EKS::Addon) of a cluster, plus add-ons whose cluster cannot be determined. */
export function addonsOf(
  inventory: Inventory,
  cluster: CfnResource,
): { addons: { addon: CfnResource; name: string | Unknown }[]; undetermined: string[] } {
  const addons: { addon: CfnResource; name: string | Unknown }[] = [];
  const undetermined: string[] = [];
  for (const a of resourcesOfType(inventory, 'AWS::EKS::Addon')) {
    const same = identifies(prop(a, 'ClusterName'), cluster, 'Name');
    if (isUnknownValue(same)) {
      undetermined.push(`${a.key} (cluster ${show(prop(a, 'ClusterName'))})`);
      continue;
    }
    if (same)
      addons.push({
        addon: a,
        name: stringOf(prop(a, 'AddonName'), 'AddonName') ?? new Unknown('no AddonName'),
      });
  }
  return { addons, undetermined };
}

/** An add-on's ConfigurationValues (JSON or YAML text) as an object; undefined when not set. */
export function configurationOf(addon: CfnResource): Record<string, unknown> | Unknown | undefined {
  const text = stringOf(prop(addon, 'ConfigurationValues'), 'ConfigurationValues');
  if (text === undefined || isUnknownValue(text)) return text;
  try {
    const value: unknown = parse(text);
    if (value === null || value === undefined) return undefined;
    return typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : new Unknown('ConfigurationValues is not an object');
  } catch {
    return new Unknown('ConfigurationValues is neither JSON nor YAML');
  }
}
