/** Lists of security group and subnet references, resolved against what the model already holds. */
import type { SymbolicValue } from '../../../inventory/values.js';
import type { AwsBuildContext } from './context.js';
import { list, outsideTheInput, target } from './values.js';

/** Keys of the model elements a list refers to; `unknown` says why some element is not among them. */
export interface ResolvedKeys {
  readonly keys: readonly string[];
  readonly unknown?: string;
  /**
   * Set when every element outside the model is a literal id (a subnet of an existing VPC, defined in no
   * template of the input): those ids. Unset when some element is undetermined otherwise (a parameter).
   */
  readonly outside?: readonly string[];
}

/** Security groups by key; a reference to an EKS cluster stands for the group EKS creates for it. */
export function securityGroupKeys(context: AwsBuildContext, v: SymbolicValue | undefined): ResolvedKeys {
  const { model, byKey, clusterSecurityGroups } = context;
  const keys: string[] = [];
  let unknown: string | undefined;
  for (const item of list(v)) {
    const t = target(item);
    if (t && model.securityGroups.has(t)) keys.push(t);
    else if (t && t.endsWith('#ClusterSecurityGroup')) keys.push(t);
    else if (t && byKey.get(t)?.type === 'AWS::EKS::Cluster' && clusterSecurityGroups.has(t))
      keys.push(clusterSecurityGroups.get(t)!);
    else unknown = outsideTheInput('security group', item);
  }
  return unknown ? { keys, unknown } : { keys };
}

export function subnetKeys(context: AwsBuildContext, v: SymbolicValue | undefined): ResolvedKeys {
  const keys: string[] = [];
  const literals: string[] = [];
  let unknown: string | undefined;
  let undetermined = false;
  for (const item of list(v)) {
    const t = target(item);
    if (t && context.model.subnets.has(t)) keys.push(t);
    else {
      unknown = outsideTheInput('subnet', item);
      if (typeof item === 'string') literals.push(item);
      else undetermined = true;
    }
  }
  if (!unknown) return { keys };
  return undetermined ? { keys, unknown } : { keys, unknown, outside: literals };
}
