/**
 * Reachability: proves the intended flows possible and every other flow impossible (issue: Reachability).
 * The reach work implements this module; `vectorfort verify` calls analyseReachability once per run.
 */
import type { FlowSpec } from '../flows/types.js';
import type { Inventory } from '../inventory/model.js';
import type { FlowResult } from '../report/model.js';

export interface ReachabilityResult {
  /** One entry per checked flow (intended flows, denial claims, unnamed flows between components). */
  readonly flows: readonly FlowResult[];
}

/** Analyses an inventory against a flow spec; without one (foreign input) reports exposure only. */
export function analyseReachability(_inventory: Inventory, _spec: FlowSpec | undefined): ReachabilityResult {
  return { flows: [] };
}
