/**
 * The cost section of the HTML report: the estimate per environment, then each control's cost next to its
 * outcome, the resources left unpriced and the assumptions. Figures are never shown for what was not priced.
 */
import type { Finding } from '../../findings/index.js';
import type { Report } from '../model.js';
import { esc } from './html-escape.js';

export const money = (value: number): string =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function costSection(report: Report): string {
  const cost = report.cost;
  if (!cost) return '';
  const titles = new Map<string, Finding[]>();
  for (const f of report.findings) titles.set(f.ruleId, [...(titles.get(f.ruleId) ?? []), f]);
  const environments = cost.environments.map(
    (e) =>
      `<tr><td>${esc(e.name)}</td><td>${esc(e.region)}</td><td class="num">${money(e.monthly)}</td><td class="num">${e.unpriced.length}</td></tr>`,
  );
  const controls = cost.controls
    .filter((c) => c.resources.length > 0)
    .sort((a, b) => b.monthly - a.monthly || (a.ruleId < b.ruleId ? -1 : 1))
    .map((c) => {
      const findings = titles.get(c.ruleId) ?? [];
      const outcome = (['fail', 'unknown', 'pass'] as const)
        .map((status) => [status, findings.filter((f) => f.status === status).length] as const)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `<span class="st-${status}">${n} ${status}</span>`)
        .join(' ');
      return `<tr id="cost-${esc(c.ruleId)}"><td><code>${esc(c.ruleId)}</code></td><td>${esc(findings[0]?.title ?? '')}</td><td>${outcome}</td><td class="num">${money(c.monthly)}</td><td class="num">${c.resources.length}</td><td class="num">${c.unpriced.length || ''}</td></tr>`;
    });
  const unpriced = cost.resources.filter((r) => r.outcome.status === 'unpriced');
  return [
    '<section id="cost"><h2>Cost</h2>',
    `<p>Monthly estimate in ${esc(cost.currency)} from the price table of ${esc(cost.priceTable.date)} (${esc(cost.priceTable.source)}; priced regions: ${esc(cost.priceTable.regions.join(', '))}), with the usage assumptions below. A control's figure is what the resources it evaluates cost; a resource serving several controls counts for each.</p>`,
    '<table><tr><th>Environment</th><th>Region</th><th>Monthly</th><th>Unpriced resources</th></tr>',
    ...environments,
    `<tr><th>total</th><th></th><th class="num">${money(cost.total.monthly)}</th><th class="num">${cost.total.unpriced.length}</th></tr></table>`,
    '<div class="frame"><table><tr><th>Control</th><th>Title</th><th>Outcome</th><th>Monthly</th><th>Resources</th><th>Unpriced</th></tr>',
    ...controls,
    '</table></div>',
    unpriced.length > 0
      ? `<h3>Unpriced (${unpriced.length}): not counted, never as free</h3><ul>${unpriced.map((r) => `<li><code>${esc(r.id)}</code> (${esc(r.type)}): ${esc(r.outcome.status === 'unpriced' ? r.outcome.reason : '')}</li>`).join('')}</ul>`
      : '',
    `<details><summary>Assumptions per month (${cost.assumptions.length})</summary><table>${cost.assumptions.map((a) => `<tr><td><code>${esc(a.name)}</code></td><td class="num">${esc(String(a.value))}</td><td>${esc(a.description)}</td></tr>`).join('')}</table></details>`,
    '</section>',
  ].join('\n');
}
