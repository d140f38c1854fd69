/**
 * The flows view of the HTML report, readable at any size and with no script (the page's policy allows none):
 * filters by verdict and by source tier are radio buttons that CSS `:has()` reads, the flows are grouped by
 * source tier, the matrix scrolls inside its own frame with its headers held in place, and the diagram zooms
 * (fit, actual size, double) inside a frame of its own. The rules that name this report's tiers and diagram
 * size are returned as a style sheet of their own, which the page's policy allows by its hash.
 */
import { isForReview, isNotAsIntended, type FlowResult } from '../../findings/index.js';
import type { Report } from '../model.js';
import { flowDiagramSvg } from './diagram.js';
import { esc } from './html-escape.js';

export const FLOWS_CSS = `
.controls{display:flex;flex-wrap:wrap;gap:4px 6px;align-items:center;margin:8px 0;font-size:13px}
.controls b{margin-left:10px}.controls b:first-child{margin-left:0}
.controls label{padding:1px 6px;border:1px solid #d0d7de;border-radius:10px;cursor:pointer}
.controls input{position:absolute;opacity:0;width:1px;height:1px}
.controls input:checked+label{background:#0969da;color:#fff;border-color:#0969da}
.controls input:focus-visible+label{outline:2px solid #0969da;outline-offset:1px}
#flows:has(#fv-bad:checked) tr.flow:not(.bad){display:none}
#flows:has(#fv-review:checked) tr.flow:not(.review){display:none}
#flows:has(#fv-allowed:checked) tr.flow:not(.v-allowed){display:none}
#flows:has(#fv-denied:checked) tr.flow:not(.v-denied){display:none}
.matrix-frame{max-height:75vh}
.matrix-frame thead th{position:sticky;top:0;z-index:2}
.matrix-frame th.rowhead{position:sticky;left:0;z-index:1;white-space:nowrap}
.matrix-frame th.corner{position:sticky;left:0;top:0;z-index:3}
.matrix thead th.col{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:600}
.flows-frame td{overflow-wrap:anywhere}.flows-frame td:nth-child(-n+2){min-width:10em}
.flows-frame td:nth-child(n+3):nth-child(-n+5){white-space:nowrap}.flows-frame tr.group th{background:#eaeef2;text-align:left}
.diagram{max-height:80vh}.diagram svg{display:block;width:100%;height:auto}
`;

export interface FlowsView {
  readonly html: string;
  /** Rules that depend on this report (its tiers, its diagram's size), for a style sheet of their own. */
  readonly css: string;
}

export function flowsView(report: Report): FlowsView {
  if (report.flows.length === 0) return { html: '', css: '' };
  const tierOf = new Map((report.components ?? []).map((c) => [c.id, c.tier]));
  const ids = [
    ...new Set([
      ...(report.components ?? []).map((c) => c.id),
      ...report.flows.flatMap((f) => [f.from, f.to]),
    ]),
  ];
  const tiers = [...new Set(ids.map((id) => tierOf.get(id) ?? 'other'))];
  const tierIndex = (id: string) => tiers.indexOf(tierOf.get(id) ?? 'other');

  const counts = {
    bad: report.flows.filter(isNotAsIntended).length,
    review: report.flows.filter(isForReview).length,
    allowed: report.flows.filter((f) => f.verdict === 'allowed').length,
    denied: report.flows.filter((f) => f.verdict === 'denied').length,
  };
  const radio = (name: string, id: string, label: string, checked = false) =>
    `<input type="radio" name="${name}" id="${id}"${checked ? ' checked' : ''}><label for="${id}">${label}</label>`;
  const controls = [
    '<div class="controls" role="group" aria-label="Filter the flows"><b>Verdict</b>',
    radio('fv', 'fv-all', `all (${report.flows.length})`, true),
    radio('fv', 'fv-bad', `not as intended (${counts.bad})`),
    radio('fv', 'fv-review', `for review (${counts.review})`),
    radio('fv', 'fv-allowed', `allowed (${counts.allowed})`),
    radio('fv', 'fv-denied', `denied (${counts.denied})`),
    '<b>Source tier</b>',
    radio('ft', 'ft-all', 'all', true),
    ...tiers.map((tier, i) => radio('ft', `ft-${i}`, esc(tier))),
    '</div>',
  ].join('');

  const matrix = [
    '<div class="frame matrix-frame"><table class="matrix"><thead><tr><th class="corner">from \\ to</th>',
    ...ids.map((id) => `<th class="col" title="${esc(id)}">${esc(id)}</th>`),
    '</tr></thead><tbody>',
    ...ids.map(
      (from) =>
        `<tr class="r t-${tierIndex(from)}"><th class="rowhead">${esc(from)}</th>${ids.map((to) => cell(report, from, to)).join('')}</tr>`,
    ),
    '</tbody></table></div>',
  ].join('');

  // Not as intended first, then flows for review, then the rest; grouped by the tier they start from.
  const rank = (f: FlowResult) => (isNotAsIntended(f) ? 0 : isForReview(f) ? 1 : 2);
  const groups = tiers.map((tier, i) => {
    const flows = report.flows.filter((f) => tierIndex(f.from) === i).sort((a, b) => rank(a) - rank(b));
    if (flows.length === 0) return '';
    return `<tbody class="g t-${i}"><tr class="group"><th colspan="7">from ${esc(tier)} (${flows.length})</th></tr>${flows
      .map((f) => `<tr class="${rowClasses(f)}">${flowCells(f)}</tr>`)
      .join('')}</tbody>`;
  });

  const svg = flowDiagramSvg(report);
  const width = Number(/ width="(\d+)"/.exec(svg ?? '')?.[1] ?? 0);
  const diagram = svg
    ? [
        '<h3>Diagram</h3><div class="controls" role="group" aria-label="Zoom the diagram"><b>Zoom</b>',
        radio('zoom', 'zoom-fit', 'fit', true),
        radio('zoom', 'zoom-1', '100%'),
        radio('zoom', 'zoom-2', '200%'),
        `</div><div class="frame diagram">${svg}</div>`,
      ].join('')
    : '';

  const css = [
    ...tiers.map(
      (_, i) =>
        `#flows:has(#ft-${i}:checked) tbody.g:not(.t-${i}),#flows:has(#ft-${i}:checked) .matrix tr.r:not(.t-${i}){display:none}`,
    ),
    ...(width > 0
      ? [
          `#flows:has(#zoom-1:checked) .diagram svg{width:${width}px}`,
          `#flows:has(#zoom-2:checked) .diagram svg{width:${2 * width}px}`,
        ]
      : []),
  ].join('\n');

  const html = [
    '<section id="flows"><h2>Flows</h2>',
    '<p>Every intended flow must be possible; every other flow between the modelled components must be impossible. Green cells list the ports allowed and their protection in transit (mTLS, TLS or plain, as declared in the flow spec and proved), grey cells were proved denied, red cells differ from the intent, yellow cells are for review (without a flow spec there is no intent to compare with). The filters apply to the matrix (by source tier) and to the list of flows.</p>',
    controls,
    matrix,
    diagram,
    '<h3>All flows</h3><div class="frame flows-frame"><table><thead><tr><th>From</th><th>To</th><th>Port</th><th>Expected</th><th>Verdict</th><th>Protection</th><th>Witness</th><th>Why checked</th></tr></thead>',
    ...groups,
    '</table></div></section>',
  ].join('\n');
  return { html, css };
}

function rowClasses(f: FlowResult): string {
  const state = isForReview(f) ? 'st-unknown review' : isNotAsIntended(f) ? 'st-fail bad' : 'st-pass';
  return `flow v-${f.verdict} ${state}`;
}

function cell(report: Report, from: string, to: string): string {
  const flows = report.flows.filter((f) => f.from === from && f.to === to);
  if (flows.length === 0) return '<td></td>';
  const bad = flows.filter(isNotAsIntended);
  const allowed = flows.filter((f) => f.verdict === 'allowed');
  const label = flows
    .map((f) => `${f.port}/${f.protocol} ${f.verdict}${f.protection ? ` ${protectionText(f)}` : ''}`)
    .join('\n');
  const cls =
    bad.length > 0 ? 'bad' : flows.some(isForReview) ? 'review' : allowed.length > 0 ? 'ok' : 'deny';
  const kinds = [
    ...new Set(allowed.flatMap((f) => (f.protection ? [PROTECTION_LABEL[f.protection.kind]] : []))),
  ];
  const text =
    bad.length > 0
      ? '✗'
      : allowed.length > 0
        ? `${allowed.map((f) => f.port).join(',')}${kinds.length ? ` ${kinds.join('/')}` : ''}`
        : '–';
  return `<td class="${cls}" title="${esc(label)}">${esc(text)}</td>`;
}

function flowCells(f: FlowResult): string {
  const witness = f.path?.length
    ? f.path.map((h) => `${esc(h.node)} <span class="meta">(${esc(h.rule)})</span>`).join(' → ')
    : (f.blockedBy ?? []).map((b) => `blocked at ${esc(b.node)}: ${esc(b.rule)}`).join('<br>');
  const protection = f.protection
    ? `${esc(protectionText(f))} <span class="meta">(${esc(f.protection.reason)})</span>`
    : '';
  return `<td>${esc(f.from)}</td><td>${esc(f.to)}</td><td>${esc(f.port)}/${esc(f.protocol)}</td><td>${esc(f.expected)}</td><td>${esc(f.verdict)}</td><td>${protection}</td><td>${witness}</td><td>${esc(f.reason ?? '')}</td>`;
}

/** Short names of the protections in the matrix's cells. */
const PROTECTION_LABEL = { mtls: 'mTLS', tls: 'TLS', none: 'plain' } as const;

/** A flow's protection in words: kind, who ends it, and whether it was proved. */
function protectionText(f: FlowResult): string {
  const p = f.protection!;
  return `${PROTECTION_LABEL[p.kind]} (ended by ${p.terminatedBy}): ${p.verdict}`;
}
