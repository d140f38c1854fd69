/**
 * Whether the VPC CNI enforces NetworkPolicies: the `enableNetworkPolicy` setting of the `vpc-cni` add-on
 * (`AWS::EKS::Addon`). A cluster without the add-on runs the self-managed CNI, which does not enforce them.
 */
import type { CfnResource } from '../../../inventory/model.js';
import type { AwsBuildContext } from './context.js';
import { str } from './values.js';

export function readCniAddon(r: CfnResource, { model }: AwsBuildContext): void {
  if (str(r.properties.AddonName) !== 'vpc-cni') return;
  const config = r.properties.ConfigurationValues;
  let enforced: boolean | undefined = false;
  if (typeof config === 'string') {
    try {
      const parsed = JSON.parse(config) as Record<string, unknown>;
      enforced = String(parsed.enableNetworkPolicy) === 'true';
    } catch {
      // ConfigurationValues may be YAML.
      enforced = /enableNetworkPolicy["']?\s*:\s*["']?true/.test(config);
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
