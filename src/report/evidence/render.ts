/**
 * The evidence bundle's tables as CSV (for spreadsheets and GRC tools) and HTML (to read and print). CSV
 * cells that a spreadsheet would evaluate (a leading `=`, `+`, `-`, `@`, tab or carriage return) are
 * prefixed with a quote so they stay text. The HTML pages load and run nothing, like the report.
 */
import { createHash } from 'node:crypto';
import { FRAMEWORKS } from '../../frameworks/index.js';
import type { FrameworkKey } from '../../findings/index.js';
import { esc } from '../format/html-escape.js';
import type { ManualRow } from './manual-evidence.js';
import type { RequirementRow } from './requirement-table.js';

function cell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function requirementCsv(rows: readonly RequirementRow[]): string {
  return csv(
    ['requirement', 'title', 'controls', 'resources', 'status', 'acknowledgement', 'evidence timestamp'],
    rows.map((r) => [
      r.requirement,
      r.title,
      r.controls.join('; '),
      r.resources.join('; '),
      r.status,
      r.acknowledgements.join('; '),
      r.evidenceTime ?? (r.manual ? 'manual: see manual-evidence.csv' : ''),
    ]),
  );
}

export function manualCsv(rows: readonly ManualRow[]): string {
  const lines: (string | number)[][] = [];
  for (const r of rows) {
    const base = [r.framework, r.requirement, r.title, r.why, r.periodDays, r.status];
    if (r.attachments.length === 0) lines.push([...base, '', '', '', '', '']);
    for (const a of r.attachments)
      lines.push([...base, a.file, a.date, a.status, a.sha256, a.description ?? '']);
  }
  return csv(
    [
      'framework',
      'requirement',
      'title',
      'why manual',
      'period (days)',
      'status',
      'attachment',
      'attachment date',
      'attachment status',
      'sha256',
      'description',
    ],
    lines,
  );
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f23}
main{max-width:1200px;margin:0 auto;padding:24px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #e1e4e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}.fail,.missing,.outdated,.future{background:#ffebee}.unknown,.acknowledged{background:#fff8e1}
.pass,.evidenced,.current{background:#e8f5e9}.manual,.no-evidence{color:#57606a}code{font-size:12px}
`;
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; base-uri 'none'; form-action 'none'`;

function page(title: string, body: string): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${esc(title)}</title><style>${CSS}</style></head><body><main>`,
    `<h1>${esc(title)}</h1>`,
    body,
    '</main></body></html>\n',
  ].join('\n');
}

export function requirementHtml(framework: FrameworkKey, rows: readonly RequirementRow[]): string {
  const fw = FRAMEWORKS[framework];
  const body = rows.map(
    (r) =>
      `<tr class="${r.status}"><td><code>${esc(r.requirement)}</code></td><td>${esc(r.title)}</td>` +
      `<td>${r.controls.map((c) => `<code>${esc(c)}</code>`).join(' ')}</td>` +
      `<td>${r.resources.length > 20 ? `${r.resources.length} resources (see the CSV)` : r.resources.map((x) => `<code>${esc(x)}</code>`).join('<br>')}</td>` +
      `<td>${esc(r.status)}${r.manual ? `<div>${esc(r.manual)}</div>` : ''}</td>` +
      `<td>${r.acknowledgements.map(esc).join('<br>')}</td><td>${esc(r.evidenceTime ?? '')}</td></tr>`,
  );
  return page(
    `${fw.name} ${fw.version}: requirements`,
    '<table><tr><th>Requirement</th><th>Title</th><th>Controls</th><th>Resources</th><th>Status</th><th>Acknowledgement</th><th>Evidence timestamp</th></tr>' +
      `${body.join('\n')}</table>`,
  );
}

export function manualHtml(rows: readonly ManualRow[]): string {
  const body = rows.map((r) => {
    const files = r.attachments
      .map(
        (a) =>
          `<div class="${a.status}"><code>${esc(a.file)}</code> ${esc(a.date)} (${esc(a.status)}, ${a.ageDays} days)` +
          `${a.description ? ` ${esc(a.description)}` : ''}<br><code>${esc(a.sha256)}</code></div>`,
      )
      .join('');
    return (
      `<tr class="${r.status}"><td>${esc(FRAMEWORKS[r.framework].name)}</td><td><code>${esc(r.requirement)}</code></td>` +
      `<td>${esc(r.title)}<div>${esc(r.why)}</div></td><td>${r.periodDays}</td><td>${esc(r.status)}</td><td>${files}</td></tr>`
    );
  });
  return page(
    'Manual requirements and attached evidence',
    '<p>Evidence older than the period no longer counts for the audit and is flagged <b>outdated</b>.</p>' +
      '<table><tr><th>Framework</th><th>Requirement</th><th>Title</th><th>Period (days)</th><th>Status</th><th>Attachments</th></tr>' +
      `${body.join('\n')}</table>`,
  );
}
