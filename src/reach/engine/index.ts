/**
 * The reachability engine: a network model built from the inventory, `canReach` queries with witnesses, and
 * the proof obligations of a flow spec (or the exposure review of foreign inputs).
 */
import type { FlowSpec } from '../../flows/types.js';
import type { Inventory } from '../../inventory/model.js';
import type { FlowResult } from '../../findings/index.js';
import { analyse } from './analyse.js';

export {
  analyse,
  analyseForeign,
  analyseSpec,
  endpointOf,
  type CheckClass,
  type EngineResult,
  type FlowCheck,
} from './analyse.js';
export { buildNetworkModel } from './build.js';
export { canReach, placesOf, type Endpoint, type ReachAnswer } from './query.js';
export type * from './model.js';

/** Same contract as `analyseReachability` in src/reach/index.ts: one FlowResult per checked flow, memoized. */
export function analyseReachability(
  inventory: Inventory,
  spec: FlowSpec | undefined,
): { readonly flows: readonly FlowResult[] } {
  return { flows: analyse(inventory, spec).flows };
}
