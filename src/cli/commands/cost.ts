/**
 * `vectorfort cost`: the monthly cost of a blueprint's deployment, per environment and per control. The
 * blueprint is synthesized offline into a temporary directory (without cdk-nag, which prices nothing), read back
 * like any input, and priced with the bundled price table or `--prices FILE`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asInputError } from '../input-caused.js';
import { assumptionsWith, estimateOutputCost, placementsOf } from '../cost-of-assembly.js';

export interface CostOptions {
  readonly blueprint?: string;
  readonly format: 'text' | 'json';
  /** A price table in the bundled table's format. @default - the bundled table (data/prices.json) */
  readonly prices?: string;
  /** `NAME=VALUE` overrides of the blueprint's `cost` assumptions. @default - none */
  readonly assume?: readonly string[];
}

export async function costCommand(options: CostOptions): Promise<void> {
  const { loadBlueprint } = await import('../../blueprint/index.js');
  const { loadPriceTable, formatCostText, mergeEstimates } = await import('../../cost/index.js');
  const loaded = loadBlueprint(options.blueprint);
  const bp = loaded.blueprint;
  const table = loadPriceTable(options.prices);
  const assumptions = assumptionsWith(bp, options.assume ?? []);
  table.assertRegion(bp.environment.region);

  const source = loaded.file ?? '(default blueprint)';
  const { environmentsOf } = await import('../../blueprint/index.js');
  // With environments each one is its own deployment: synthesized, read and priced apart, then shown together.
  const deployments = environmentsOf(bp)?.map((e) => ({ name: e.name, blueprint: e.blueprint })) ?? [
    { name: bp.name, blueprint: bp },
  ];
  for (const d of deployments) table.assertRegion(d.blueprint.environment.region);
  const { synthesize } = await import('../../aws/app.js');
  const { loadInventory } = await import('../../inventory/index.js');
  const estimates = [];
  for (const d of deployments) {
    const out = mkdtempSync(join(tmpdir(), 'vectorfort-cost-'));
    try {
      const result = await asInputError(source, async () => synthesize(d.blueprint, out, { nag: false }));
      const inventory = await loadInventory([result.assemblyDir]);
      const placements = placementsOf([{ dir: result.assemblyDir, environment: d.name }]);
      estimates.push(estimateOutputCost(inventory, placements, table, assumptions));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  const estimate = mergeEstimates(estimates);
  process.stdout.write(
    options.format === 'json' ? `${JSON.stringify(estimate, null, 2)}\n` : formatCostText(estimate),
  );
}
