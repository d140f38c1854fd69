/**
 * The cost estimate of synthesized output: each stack placed in its environment and region (the cloud
 * assembly's manifest states the region CDK synthesized it for), priced with the table and the blueprint's
 * assumptions (overridden from the command line).
 */
import * as cxapi from 'aws-cdk-lib/cx-api';
import {
  costAssumptionsSchema,
  environmentsOf,
  type Blueprint,
  type CostAssumptions,
} from '../blueprint/index.js';
import { CONTROLS } from '../controls/registry.js';
import type { CostEstimate, PriceTable, StackPlacement } from '../cost/index.js';
import { estimateCost } from '../cost/index.js';
import { InputError } from '../errors.js';
import type { Inventory } from '../inventory/model.js';

/** Each stack of the assemblies, by artifact id, with its environment name and region. */
export function placementsOf(
  assemblies: readonly { readonly dir: string; readonly environment: string }[],
): Map<string, StackPlacement> {
  const placements = new Map<string, StackPlacement>();
  for (const { dir, environment } of assemblies)
    for (const stack of new cxapi.CloudAssembly(dir).stacks)
      placements.set(stack.id, { environment, region: stack.environment.region });
  return placements;
}

export function estimateOutputCost(
  inventory: Inventory,
  placements: ReadonlyMap<string, StackPlacement>,
  table: PriceTable,
  assumptions: CostAssumptions,
): CostEstimate {
  return estimateCost(inventory, {
    table,
    assumptions,
    placement: (stack) => {
      const placed = placements.get(stack);
      if (!placed)
        throw new InputError(`the stack ${stack} is not in the cloud assembly; expected a synthesized stack`);
      return placed;
    },
    controls: CONTROLS.map((c) => ({ id: c.id, appliesTo: c.appliesTo })),
  });
}

/** The blueprint's assumptions with `--assume NAME=VALUE` overrides, each checked against the schema. */
export function assumptionsWith(bp: Blueprint, overrides: readonly string[]): CostAssumptions {
  const merged: Record<string, unknown> = { ...bp.cost };
  for (const override of overrides) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(override);
    if (!match || !(match[1]! in bp.cost))
      throw new InputError(
        `expected NAME=VALUE with NAME one of ${Object.keys(bp.cost).join(', ')}`,
        undefined,
        `--assume ${override}`,
      );
    merged[match[1]!] = Number(match[2]);
  }
  const parsed = costAssumptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`expected ${issue.message}`, undefined, `--assume ${issue.path.join('.')}`);
  }
  return parsed.data;
}

/**
 * The estimate synth adds to its reports: the blueprint's assumptions, the bundled table. A region the table
 * does not price leaves the reports without an estimate (said on stderr) rather than failing a synthesis.
 */
export function synthCostEstimate(
  inventory: Inventory,
  bp: Blueprint,
  assemblies: readonly { readonly dir: string; readonly environment: string }[],
  table: PriceTable,
): { readonly estimate?: CostEstimate; readonly note?: string } {
  const placements = placementsOf(assemblies);
  // The environment's own region must be priced; a companion stack elsewhere is listed as unpriced.
  const unpricedRegion = environmentRegions(bp).find((region) => !table.regions.includes(region));
  if (unpricedRegion)
    return {
      note: `no cost estimate: region ${unpricedRegion} is not in the price table (priced: ${table.regions.join(', ')})`,
    };
  return { estimate: estimateOutputCost(inventory, placements, table, bp.cost) };
}

/** The region of each environment the blueprint deploys (its own, or each of `environments`). */
function environmentRegions(bp: Blueprint): string[] {
  const environments = environmentsOf(bp);
  return environments ? environments.map((e) => e.blueprint.environment.region) : [bp.environment.region];
}
