/** Tags of a resource as plain strings, from its `Tags` and from `TagSpecifications`. */
import type { CfnResource } from '../../../inventory/model.js';
import type { SymbolicValue } from '../../../inventory/values.js';
import { isPlainObject } from '../../../inventory/values.js';
import { list } from './values.js';

/** The resource's tags whose values the input determines. */
export function tagsOf(r: CfnResource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.tags)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * The tags of a `TagSpecifications` list (launch template data, Client VPN endpoints), later specifications
 * winning. With `resourceType`, only the specifications for that type (`instance`) count.
 */
export function tagSpecificationTags(
  specifications: SymbolicValue | undefined,
  resourceType?: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of list(specifications))
    if (isPlainObject(spec) && (resourceType === undefined || spec.ResourceType === resourceType))
      for (const t of list(spec.Tags))
        if (isPlainObject(t) && typeof t.Key === 'string' && typeof t.Value === 'string')
          out[t.Key] = t.Value;
  return out;
}
