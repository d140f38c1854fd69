/**
 * One self-contained HTML page for a reviewer: verdict and counts first, then the per-framework coverage
 * matrix, findings by severity with their remediation, what could not be evaluated, acknowledgements, and the
 * flows (matrix, diagram, table). Inline CSS only: no script, no external request, prints well. A strict
 * Content-Security-Policy keeps it that way when a report is opened from a shared location: nothing loads,
 * nothing runs, and only the page's own two style sheets apply (allowed by hash, so the page stays the same
 * bytes for the same report).
 */
import { createHash } from 'node:crypto';
import {
  isForReview,
  isNotAsIntended,
  SEVERITIES,
  type Finding,
  type FlowResult,
} from '../../findings/index.js';
import type { Report } from '../model.js';
import { coverage } from './coverage.js';
import { DIAGRAM_CSS, flowDiagramSvg } from './diagram.js';
import { esc } from './html-escape.js';
import { verdictLabel } from './verdict-label.js';

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f23;background:#fff}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:700}
.verdict.pass{background:#2f7d32}.verdict.fail{background:#c62828}.verdict.incomplete{background:#e65100}
.counts{display:flex;gap:12px;margin:12px 0;flex-wrap:wrap}
.count{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:90px}
.count b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border:1px solid #e1e4e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
.sev-critical,.sev-high{color:#b71c1c;font-weight:700}.sev-medium{color:#e65100}.sev-low,.sev-info{color:#555}
.st-pass{background:#e8f5e9}.st-fail{background:#ffebee}.st-unknown{background:#fff8e1}.st-none{color:#999}
.finding{border-left:4px solid #c62828;padding:6px 10px;margin:8px 0;background:#fafbfc}
.finding.unknown{border-color:#f9a825}.finding.ack{border-color:#90a4ae}
.meta{color:#57606a;font-size:12px}.fix{margin-top:4px}
.matrix td{text-align:center;font-size:12px}.matrix td.ok{background:#e8f5e9}.matrix td.bad{background:#ef9a9a;font-weight:700}
.matrix td.deny{background:#eceff1}.matrix td.review{background:#fff8e1}
details summary{cursor:pointer}
code{font-size:12px}
`;

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * No fetches, no scripts, no forms, no base URL; styles only by the hashes of the page's own style sheets.
 * Written into the attribute unescaped: it holds no `"`, `&` or `<`.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${styleHash(CSS)} ${styleHash(DIAGRAM_CSS)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function renderHtml(report: Report): string {
  const verdict = report.verdict;
  const failing = report.findings.filter((f) => f.status === 'fail' && !f.acknowledged);
  const mismatches = report.flows.filter(isNotAsIntended);
  const s = report.summary;
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>vectorfort report: ${esc(verdict.status)}</title><style>${CSS}</style></head><body><main>`,
    `<h1>vectorfort security report <span class="verdict ${esc(verdict.status)}">${esc(verdictLabel(verdict))}</span></h1>`,
    `<p class="meta">vectorfort ${esc(report.tool.version)} · ${report.controlsEvaluated?.length ?? 0} controls evaluated · inputs: ${(report.inputs ?? []).map((i) => `<code>${esc(i.path)}</code> (${esc(i.kind)})`).join(', ') || 'none'}</p>`,
    '<section id="summary"><h2>Summary</h2><div class="counts">',
    count('pass', s.pass),
    count('fail', s.fail),
    count('unknown', s.unknown),
    count('not applicable', s.notApplicable),
    count('flows checked', report.flows.length),
    count('flows not as intended', mismatches.length),
    '</div>',
    `<p>Failing findings by severity: ${SEVERITIES.map((sev) => `<span class="sev-${sev}">${failing.filter((f) => f.severity === sev).length} ${sev}</span>`).join(' · ')}. Unknown results are never counted as a pass.</p>`,
    `<p id="threshold">The run fails on unacknowledged failures of severity <b>${esc(verdict.failOn)}</b> and above: ${verdict.failing} failing, ${verdict.belowThreshold} below the threshold, ${verdict.acknowledged} acknowledged, ${verdict.unknown} unknown.</p></section>`,
    coverageSection(report),
    findingsSection(failing.filter((f) => f.duplicateOf === undefined)),
    listSection(
      'duplicates',
      'Failing findings other tools repeat',
      failing.filter((f) => f.duplicateOf !== undefined),
      "Another tool's findings on what one of our controls above already reports for the same resource.",
    ),
    listSection(
      'unknown',
      'Not evaluated',
      report.findings.filter((f) => f.status === 'unknown'),
      'These could not be decided from the input (a value the template does not determine, a missing resource). Review them; they are not passes.',
    ),
    listSection(
      'acknowledged',
      'Acknowledged',
      report.findings.filter((f) => f.status === 'fail' && f.acknowledged),
      'Failures accepted with a recorded reason; they do not fail the run.',
    ),
    flowsSection(report),
    '</main></body></html>',
  ];
  return `${parts.join('\n')}\n`;
}

function count(label: string, value: number): string {
  return `<div class="count"><b>${value}</b>${esc(label)}</div>`;
}

function coverageSection(report: Report): string {
  const frameworks = coverage(report);
  const rows = frameworks.map((fw) => {
    const covered = fw.requirements.filter((r) => r.pass + r.fail + r.unknown + r.acknowledged > 0);
    const failing = fw.requirements.filter((r) => r.fail > 0).length;
    const unknown = fw.requirements.filter((r) => r.fail === 0 && r.unknown > 0).length;
    const manual = fw.requirements.filter((r) => r.manual).length;
    return `<tr><td>${esc(fw.name)} ${esc(fw.version)}</td><td>${covered.length} / ${fw.requirements.length}</td><td class="${failing ? 'st-fail' : ''}">${failing}</td><td class="${unknown ? 'st-unknown' : ''}">${unknown}</td><td>${manual}</td></tr>`;
  });
  const details = frameworks.map((fw) => {
    const body = fw.requirements.map((r) => {
      const state =
        r.fail > 0 ? 'fail' : r.unknown > 0 || r.acknowledged > 0 ? 'unknown' : r.pass > 0 ? 'pass' : 'none';
      const note = r.manual ? `manual: ${esc(r.manual)}` : state === 'none' ? 'no automated evidence' : '';
      return `<tr class="st-${state}"><td><code>${esc(r.id)}</code></td><td>${esc(r.title)}</td><td>${r.pass}</td><td>${r.fail}</td><td>${r.acknowledged}</td><td>${r.unknown}</td><td>${note}</td></tr>`;
    });
    return `<details><summary>${esc(fw.name)} ${esc(fw.version)}</summary><table><tr><th>Requirement</th><th>Title</th><th>pass</th><th>fail</th><th>acknowledged</th><th>unknown</th><th></th></tr>${body.join('')}</table></details>`;
  });
  return [
    '<section id="coverage"><h2>Framework coverage</h2>',
    '<table><tr><th>Framework</th><th>Requirements with evidence</th><th>Failing</th><th>Unknown</th><th>Manual</th></tr>',
    ...rows,
    '</table>',
    ...details,
    '</section>',
  ].join('\n');
}

function findingHtml(f: Finding, cls = ''): string {
  const where = f.resource.file
    ? ` · <code>${esc(f.resource.file)}${f.resource.line ? `:${f.resource.line}` : ''}</code>`
    : '';
  const frameworks = Object.entries(f.frameworks)
    .map(([k, v]) => `${esc(k)}: ${esc((v ?? []).join(', '))}`)
    .join(' · ');
  return [
    `<div class="finding ${cls}"><div><span class="sev-${f.severity}">${esc(f.severity)}</span> <b>${esc(f.ruleId)}</b> ${esc(f.title)}${f.origin ? ` <span class="meta">(${esc(f.origin)})</span>` : ''}</div>`,
    `<div class="meta">${esc(f.resource.type)} <code>${esc(f.resource.id)}</code>${where}</div>`,
    `<div>${esc(f.message)}</div>`,
    f.acknowledged ? `<div class="meta">Acknowledged: ${esc(f.acknowledged.reason)}</div>` : '',
    f.remediation && !f.acknowledged ? `<div class="fix"><b>Fix:</b> ${esc(f.remediation)}</div>` : '',
    ...(f.assumptions ?? []).map((a) => `<div class="meta">Assumes: ${esc(a)}</div>`),
    f.duplicateOf?.length
      ? `<div class="meta">Duplicates ${esc(f.duplicateOf.join(', '))}, listed first</div>`
      : '',
    frameworks ? `<div class="meta">${frameworks}</div>` : '',
    '</div>',
  ].join('');
}

function findingsSection(failing: readonly Finding[]): string {
  const groups = SEVERITIES.map((sev) => {
    const group = failing.filter((f) => f.severity === sev);
    return group.length === 0
      ? ''
      : `<h3 class="sev-${sev}">${esc(sev)} (${group.length})</h3>${group.map((f) => findingHtml(f)).join('\n')}`;
  });
  return `<section id="findings"><h2>Failing findings</h2>${failing.length === 0 ? '<p>None.</p>' : groups.join('\n')}</section>`;
}

function listSection(id: string, title: string, findings: readonly Finding[], intro: string): string {
  if (findings.length === 0) return '';
  const cls = id === 'unknown' ? 'unknown' : 'ack';
  const items = findings.map((f) => findingHtml(f, cls)).join('\n');
  // Long acknowledgement lists (cdk-nag's reviewed exceptions) fold away; unknowns always stay open.
  const body =
    id === 'acknowledged' && findings.length > 10
      ? `<details><summary>Show all ${findings.length}</summary>${items}</details>`
      : items;
  return `<section id="${id}"><h2>${esc(title)} (${findings.length})</h2><p>${esc(intro)}</p>${body}</section>`;
}

function flowsSection(report: Report): string {
  if (report.flows.length === 0) return '';
  const ids = [
    ...new Set([
      ...(report.components ?? []).map((c) => c.id),
      ...report.flows.flatMap((f) => [f.from, f.to]),
    ]),
  ];
  const cell = (from: string, to: string) => {
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
  };
  const matrix = [
    '<table class="matrix"><tr><th>from \\ to</th>',
    ...ids.map((id) => `<th>${esc(id)}</th>`),
    '</tr>',
    ...ids.map((from) => `<tr><th>${esc(from)}</th>${ids.map((to) => cell(from, to)).join('')}</tr>`),
    '</table>',
  ].join('');
  // Not as intended first, then flows for review, then the rest.
  const rank = (f: FlowResult) => (isNotAsIntended(f) ? 0 : isForReview(f) ? 1 : 2);
  const ordered = [...report.flows].sort((a, b) => rank(a) - rank(b));
  const rowClass = (f: FlowResult) =>
    isForReview(f) ? 'st-unknown' : isNotAsIntended(f) ? 'st-fail' : 'st-pass';
  const rows = ordered.map((f) => `<tr class="${rowClass(f)}">${flowCells(f)}</tr>`);
  const svg = flowDiagramSvg(report);
  return [
    '<section id="flows"><h2>Flows</h2>',
    '<p>Every intended flow must be possible; every other flow between the modelled components must be impossible. Green cells list the ports allowed and their protection in transit (mTLS, TLS or plain, as declared in the flow spec and proved), grey cells were proved denied, red cells differ from the intent, yellow cells are for review (without a flow spec there is no intent to compare with).</p>',
    matrix,
    svg ? `<h3>Diagram</h3>${svg}` : '',
    '<h3>All flows</h3><table><tr><th>From</th><th>To</th><th>Port</th><th>Expected</th><th>Verdict</th><th>Protection</th><th>Witness</th><th>Why checked</th></tr>',
    ...rows,
    '</table></section>',
  ].join('\n');
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
