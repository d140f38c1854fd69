/**
 * Each preset's default deployment synthesized offline (without cdk-nag, which prices nothing) and priced with
 * the bundled table, for the generated comparison of the presets (docs/presets.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESETS, validateBlueprint, type PresetName } from '../blueprint/index.js';
import type { PresetCost } from '../docs/presets-table.js';
import { assumptionsWith, estimateOutputCost, placementsOf } from './cost-of-assembly.js';

/**
 * The blueprint each preset is compared with: the preset alone, plus what a preset requires that has no default.
 * @default - `{ preset }`
 */
export const PRESET_COMPARISON_INPUT: Partial<Record<PresetName, Record<string, unknown>>> = {
  // What examples/enclave.yaml gives: the mirror's chart repository, the control plane and the vendor.
  enclave: {
    mesh: {
      chartRepository: 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/vectorfort-mirror/charts',
    },
    enclave: {
      controlPlane: { hostnames: ['cp.vendor.example'], ports: [443], ipv6Cidrs: ['3ffe:1000::/48'] },
      operator: { vendorAccount: '222222222222', externalId: 'tenant-a-7f3c9e2b' },
    },
  },
};

/** Production first, then the presets that trade something away, then any other. */
const COMPARISON_ORDER: readonly PresetName[] = ['production', 'staging', 'development'];

export async function presetCosts(
  presets: readonly PresetName[] = [
    ...COMPARISON_ORDER.filter((p) => PRESETS.includes(p)),
    ...PRESETS.filter((p) => !COMPARISON_ORDER.includes(p)),
  ],
): Promise<PresetCost[]> {
  const { synthesize } = await import('../aws/app.js');
  const { loadInventory } = await import('../inventory/index.js');
  const { loadPriceTable } = await import('../cost/index.js');
  const table = loadPriceTable();
  const costs: PresetCost[] = [];
  for (const preset of presets) {
    const blueprint = validateBlueprint({ preset, ...PRESET_COMPARISON_INPUT[preset] }, 'docs/presets.md');
    const out = mkdtempSync(join(tmpdir(), `vectorfort-preset-${preset}-`));
    try {
      const result = await synthesize(blueprint, out, { nag: false });
      const inventory = await loadInventory([result.assemblyDir]);
      const placements = placementsOf([{ dir: result.assemblyDir, environment: preset }]);
      costs.push({
        preset,
        blueprint,
        estimate: estimateOutputCost(inventory, placements, table, assumptionsWith(blueprint, [])),
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return costs;
}
