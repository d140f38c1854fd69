/**
 * The monthly estimate of an input: every CloudFormation resource priced in its stack's region, summed per
 * environment and per control. A control's cost is what the resources it is about cost (the resource types it
 * evaluates, as they occur in the input); resources shared by several controls count for each, so the controls'
 * figures answer "what does this control cost" and do not add up to the total.
 */
import { costAssumptionsSchema, type CostAssumptions } from '../blueprint/cost.js';
import type { CfnResource, Inventory } from '../inventory/model.js';
import type { PriceTable } from './price-table.js';
import { priceResource, sum, type PricingContext } from './resource-prices.js';
import type { ControlCost, CostEstimate, CostTotal, EnvironmentCost, ResourceCost } from './types.js';

/** Where a stack is deployed: the environment it belongs to and its region. */
export interface StackPlacement {
  readonly environment: string;
  readonly region: string;
}

export interface EstimateOptions {
  readonly table: PriceTable;
  readonly assumptions: CostAssumptions;
  /** The placement of each inventory stack (by inventory stack name); a stack without one is an input error. */
  readonly placement: (stack: string) => StackPlacement;
  /** The controls to cost: their ids and the resource types they evaluate. */
  readonly controls: readonly { readonly id: string; readonly appliesTo: readonly string[] }[];
}

export function estimateCost(inventory: Inventory, options: EstimateOptions): CostEstimate {
  const byKey = new Map(inventory.cfn.map((r) => [r.key, r]));
  const shieldProtections = inventory.cfn.filter((r) => r.type === 'AWS::Shield::Protection').length;
  const resources: ResourceCost[] = inventory.cfn
    .filter((r) => r.condition === true)
    .map((resource) => {
      const { environment, region } = options.placement(resource.stack);
      // A companion stack in another region (the backup replica's) the table does not price: listed, never free.
      if (!options.table.regions.includes(region))
        return {
          id: resource.key,
          type: resource.type,
          environment,
          region,
          outcome: {
            status: 'unpriced' as const,
            reason: `its region ${region} is not in the price table (priced: ${options.table.regions.join(', ')})`,
          },
        };
      const context: PricingContext = {
        table: options.table,
        region,
        assumptions: options.assumptions,
        resources: byKey,
        shieldProtections,
      };
      return {
        id: resource.key,
        type: resource.type,
        environment,
        region,
        outcome: priceResource(resource, context),
      };
    });
  // A resource whose Condition the input leaves open may or may not be deployed: listed, not counted.
  for (const resource of inventory.cfn.filter((r: CfnResource) => r.condition !== true)) {
    const { environment, region } = options.placement(resource.stack);
    resources.push({
      id: resource.key,
      type: resource.type,
      environment,
      region,
      outcome: { status: 'unpriced', reason: 'its Condition is decided at deploy time' },
    });
  }

  const environments: EnvironmentCost[] = [...new Set(resources.map((r) => r.environment))].map((name) => {
    const own = resources.filter((r) => r.environment === name);
    return { name, region: mainRegion(own), ...totalOf(own) };
  });
  const controls: ControlCost[] = options.controls.map((control) => {
    const types = new Set(control.appliesTo);
    const about = resources.filter((r) => types.has(r.type) && r.outcome.status !== 'free');
    return { ruleId: control.id, resources: about.map((r) => r.id), ...totalOf(about) };
  });
  return {
    currency: 'USD',
    priceTable: {
      date: options.table.date,
      source: options.table.data.source,
      regions: options.table.regions,
    },
    assumptions: describeAssumptions(options.assumptions),
    resources,
    environments,
    controls,
    total: totalOf(resources),
  };
}

/**
 * One estimate of several, each of its own environment (estimated apart, since each environment is its own
 * input): resources and environments side by side, each control's figure summed over the environments.
 */
export function mergeEstimates(estimates: readonly CostEstimate[]): CostEstimate {
  const [first] = estimates;
  if (!first) throw new Error('mergeEstimates needs at least one estimate');
  const controls = new Map<string, ControlCost>();
  for (const estimate of estimates)
    for (const c of estimate.controls) {
      const seen = controls.get(c.ruleId);
      controls.set(
        c.ruleId,
        seen
          ? {
              ruleId: c.ruleId,
              resources: [...seen.resources, ...c.resources],
              monthly: round(seen.monthly + c.monthly),
              unpriced: [...seen.unpriced, ...c.unpriced],
            }
          : c,
      );
    }
  const resources = estimates.flatMap((e) => e.resources);
  return {
    ...first,
    resources,
    environments: estimates.flatMap((e) => e.environments),
    controls: [...controls.values()],
    total: totalOf(resources),
  };
}

function totalOf(resources: readonly ResourceCost[]): CostTotal {
  return {
    monthly: round(sum(resources.map((r) => (r.outcome.status === 'priced' ? r.outcome.monthly : 0)))),
    unpriced: resources.filter((r) => r.outcome.status === 'unpriced').map((r) => r.id),
  };
}

/** Cents: the estimate's precision; each line keeps its exact value. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function describeAssumptions(assumptions: CostAssumptions): CostEstimate['assumptions'] {
  const shape = costAssumptionsSchema.shape;
  return (Object.keys(shape) as (keyof CostAssumptions)[]).map((name) => ({
    name,
    value: assumptions[name],
    description: shape[name].description ?? '',
  }));
}

/** An environment's region: where most of its resources are (a companion stack elsewhere holds a few). */
function mainRegion(resources: readonly ResourceCost[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.region, (counts.get(r.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}
