/**
 * `verify --list-acknowledgements`: every acknowledgement of the input with its status (lapsed, expiring
 * within 30 days, stale, active), as text for a terminal or JSON.
 */
import { EXPIRING_WITHIN_DAYS, type AcknowledgementRecord } from '../../findings/index.js';
import type { Report } from '../model.js';
import { printable } from '../printable.js';

export function renderAcknowledgementList(report: Report, format: 'text' | 'json'): string {
  const records = report.acknowledgements ?? [];
  if (format === 'json')
    return `${JSON.stringify({ evaluatedAt: report.provenance?.evaluatedAt, acknowledgements: records }, null, 2)}\n`;
  const counts = ['lapsed', 'expiring', 'stale', 'active'].map(
    (status) => `${records.filter((r) => r.status === status).length} ${status}`,
  );
  const lines = [
    `${records.length} acknowledgement${records.length === 1 ? '' : 's'}` +
      (report.provenance ? ` at ${report.provenance.evaluatedAt}` : '') +
      `: ${counts.join(', ')} (expiring: within ${EXPIRING_WITHIN_DAYS} days)`,
  ];
  for (const r of records) lines.push(...describe(r));
  return `${lines.join('\n')}\n`;
}

function describe(r: AcknowledgementRecord): string[] {
  const first = r.resources[0];
  const where = first
    ? `${printable(first.id)}${first.file ? ` (${printable(first.file)})` : ''}` +
      (r.resources.length > 1 ? ` and ${r.resources.length - 1} more` : '')
    : '';
  const out = [
    `${r.status.toUpperCase().padEnd(8)} ${printable(r.ruleId)}${r.origin ? ` [${printable(r.origin)}]` : ''} ${where}`,
    `         owner: ${r.owner ? printable(r.owner) : '(none)'}; expires: ${r.expires ? printable(r.expires) : '(never)'}; ` +
      `excuses ${r.findings} failing finding${r.findings === 1 ? '' : 's'}`,
    `         reason: ${printable(r.reason)}`,
  ];
  if (r.staleReason) out.push(`         stale: ${printable(r.staleReason)}`);
  return out;
}
