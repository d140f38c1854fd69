/**
 * Whether two resources deploy to different regions, from the regions the input states for their stacks: the
 * resources of one stack (and of its nested stacks) share its region.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { Unknown } from '../network/cfn.js';

/** The top-level stack a stack belongs to (nested stacks are `Parent/NestedLogicalId`). */
function rootOf(stack: string): string {
  return stack.split('/')[0]!;
}

/** The region of `a` and `b` when they differ; false when they share one; Unknown when the input does not say. */
export function differentRegions(
  inventory: Inventory,
  a: CfnResource,
  b: CfnResource,
): { readonly here: string; readonly there: string } | false | Unknown {
  if (rootOf(a.stack) === rootOf(b.stack)) return false;
  const environments = inventory.stackEnvironments ?? {};
  const regionOf = (stack: string) =>
    Object.hasOwn(environments, stack) ? environments[stack]!.region : undefined;
  const here = regionOf(a.stack);
  const there = regionOf(b.stack);
  if (here === undefined || there === undefined)
    return new Unknown(
      `the input does not state the region of stack ${here === undefined ? a.stack : b.stack} (a bare template deploys wherever it is deployed)`,
    );
  return here === there ? false : { here, there };
}
