/**
 * Whether the VPC CNI enforces NetworkPolicies: the `enableNetworkPolicy` setting of the `vpc-cni` add-on
 * (`AWS::EKS::Addon`). A cluster without the add-on runs the self-managed CNI, which does not enforce them.
 */
import { parseBoundedJsonOrYaml } from '../../../contract/bounded-yaml.js';
import type { CfnResource } from '../../../inventory/model.js';
import type { AwsBuildContext } from './context.js';
import { str } from './values.js';

export function readCniAddon(r: CfnResource, { model }: AwsBuildContext): void {
  if (str(r.properties.AddonName) !== 'vpc-cni') return;
  const config = r.properties.ConfigurationValues;
  let enforced: boolean | undefined = false;
  if (typeof config === 'string') {
    // Read as EKS reads it (JSON or YAML), not searched as text: a comment or a nested key that mentions the
    // setting must not count. Text that does not parse (as the control reads it), or is past the input limits,
    // leaves it undetermined.
    try {
      const parsed = parseBoundedJsonOrYaml(config);
      enforced =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? String((parsed as Record<string, unknown>).enableNetworkPolicy) === 'true'
          : false;
    } catch {
      enforced = undefined;
    }
  } else if (config !== undefined) enforced = undefined;
  model.cniPolicy = {
    enforced,
    source: `${r.key}: enableNetworkPolicy ${enforced === undefined ? 'not determined' : String(enforced)}`,
  };
}

export function assumeSelfManagedCni({ model }: AwsBuildContext): void {
  if (!model.cniPolicy && model.clusters.length > 0)
    model.cniPolicy = {
      enforced: false,
      source: `${model.clusters[0]!.key}: no vpc-cni add-on with enableNetworkPolicy (the self-managed CNI does not enforce NetworkPolicies)`,
    };
}
