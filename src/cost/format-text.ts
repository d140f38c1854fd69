/** The estimate as a table for the terminal: per environment, per control, then what was assumed. */
import type { CostEstimate } from './types.js';

const money = (value: number): string =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatCostText(estimate: CostEstimate): string {
  const out: string[] = [];
  out.push(
    `Monthly cost estimate (${estimate.currency}), price table of ${estimate.priceTable.date}; priced regions: ` +
      `${estimate.priceTable.regions.join(', ')}`,
    '',
  );
  out.push(
    ...table(
      [
        ['environment', 'region', 'monthly', 'unpriced resources'],
        ...estimate.environments.map((e) => [e.name, e.region, money(e.monthly), String(e.unpriced.length)]),
        ['total', '', money(estimate.total.monthly), String(estimate.total.unpriced.length)],
      ],
      new Set([2, 3]),
    ),
    '',
  );
  const controls = estimate.controls
    .filter((c) => c.resources.length > 0)
    .sort((a, b) => b.monthly - a.monthly || (a.ruleId < b.ruleId ? -1 : 1));
  out.push(
    'Per control: what the resources it is about cost (a resource serving several controls counts for each)',
    ...table(
      [
        ['control', 'monthly', 'resources', 'unpriced'],
        ...controls.map((c) => [
          c.ruleId,
          money(c.monthly),
          String(c.resources.length),
          c.unpriced.length > 0 ? String(c.unpriced.length) : '',
        ]),
      ],
      new Set([1, 2, 3]),
    ),
    '',
  );
  const unpriced = estimate.resources.filter((r) => r.outcome.status === 'unpriced');
  if (unpriced.length > 0) {
    out.push('Unpriced (not counted in any figure above, never as free):');
    for (const r of unpriced)
      out.push(`  ${r.id} (${r.type}): ${r.outcome.status === 'unpriced' ? r.outcome.reason : ''}`);
    out.push('');
  }
  out.push('Assumptions per month (blueprint `cost` section, or --assume NAME=VALUE):');
  out.push(...estimate.assumptions.map((a) => `  ${a.name} = ${a.value}: ${a.description}`));
  return `${out.join('\n')}\n`;
}
