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
  const { loadPriceTable, formatCostText } = await import('../../cost/index.js');
  const loaded = loadBlueprint(options.blueprint);
  const bp = loaded.blueprint;
  const table = loadPriceTable(options.prices);
  const assumptions = assumptionsWith(bp, options.assume ?? []);
  table.assertRegion(bp.environment.region);

  const source = loaded.file ?? '(default blueprint)';
  const out = mkdtempSync(join(tmpdir(), 'vectorfort-cost-'));
  try {
    const { synthesize } = await import('../../aws/app.js');
    const result = await asInputError(source, async () => synthesize(bp, out, { nag: false }));
    const { loadInventory } = await import('../../inventory/index.js');
    const inventory = await loadInventory([result.assemblyDir]);
    const placements = placementsOf([{ dir: result.assemblyDir, environment: bp.name }]);
    const estimate = estimateOutputCost(inventory, placements, table, assumptions);
    process.stdout.write(
      options.format === 'json' ? `${JSON.stringify(estimate, null, 2)}\n` : formatCostText(estimate),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
