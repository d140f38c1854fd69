/** Reading EKS add-ons and the cluster they belong to. */
import { parseBoundedJsonOrYaml } from '../../contract/bounded-yaml.js';
import { InputLimitError } from '../../contract/input-limits.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, referencing, show, stringOf, Unknown } from '../network/cfn.js';

/** Add-ons (AWS::EKS::Addon) of a cluster, plus add-ons whose cluster cannot be determined. */
export function addonsOf(
  inventory: Inventory,
  cluster: CfnResource,
): { addons: { addon: CfnResource; name: string | Unknown }[]; undetermined: string[] } {
  const addons: { addon: CfnResource; name: string | Unknown }[] = [];
  const undetermined: string[] = [];
  const found = referencing(inventory, 'AWS::EKS::Addon', 'ClusterName', cluster, 'Name');
  for (const a of found.matches)
    addons.push({
      addon: a,
      name: stringOf(prop(a, 'AddonName'), 'AddonName') ?? new Unknown('no AddonName'),
    });
  for (const a of found.undetermined) undetermined.push(`${a.key} (cluster ${show(prop(a, 'ClusterName'))})`);
  return { addons, undetermined };
}

/** An add-on's ConfigurationValues (JSON or YAML text, as EKS accepts) as an object; undefined when not set. */
export function configurationOf(addon: CfnResource): Record<string, unknown> | Unknown | undefined {
  const text = stringOf(prop(addon, 'ConfigurationValues'), 'ConfigurationValues');
  if (text === undefined || isUnknownValue(text)) return text;
  try {
    const value: unknown = parseBoundedJsonOrYaml(text);
    if (value === null || value === undefined) return undefined;
    return typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : new Unknown('ConfigurationValues is not an object');
  } catch (error) {
    if (error instanceof InputLimitError)
      return new Unknown(`ConfigurationValues is not evaluated: ${error.message}`);
    return new Unknown('ConfigurationValues is neither JSON nor YAML');
  }
}
