/**
 * One self-contained HTML page for a reviewer: verdict and counts first, then the per-framework coverage
 * matrix, findings by severity with their remediation, what could not be evaluated, acknowledgements, and the
 * flows (matrix, diagram, table; filtered and zoomed with CSS alone, see flows-html.ts). Inline CSS only: no
 * script, no external request, prints well. A strict Content-Security-Policy keeps it that way when a report is
 * opened from a shared location: nothing loads, nothing runs, and only the page's own style sheets apply
 * (allowed by hash, so the page stays the same bytes for the same report).
 */
import { createHash } from 'node:crypto';
import { isNotAsIntended, SEVERITIES, type Finding } from '../../findings/index.js';
import type { ControlCost } from '../../cost/types.js';
import type { Report } from '../model.js';
import { costSection, money } from './cost-html.js';
import { coverage } from './coverage.js';
import { DIAGRAM_CSS } from './diagram.js';
import { FLOWS_CSS, flowsView } from './flows-html.js';
import { esc } from './html-escape.js';
import { acknowledgementStatusSection, provenanceSection } from './html-provenance.js';
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
td.num,th.num{text-align:right;white-space:nowrap}
.frame{max-height:70vh;overflow:auto;border:1px solid #e1e4e8;margin:6px 0 12px}.frame table{margin:0}
.frame th{position:sticky;top:0;z-index:1}.frame td code{white-space:nowrap}
code{font-size:12px;overflow-wrap:anywhere}
`;

/** The base style sheet, shared with the page over several environments. */
export { CSS as REPORT_CSS };

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * No fetches, no scripts, no forms, no base URL; styles only by the hashes of the page's own style sheets.
 * Written into the attribute unescaped: it holds no `"`, `&` or `<`.
 */
function contentSecurityPolicy(reportCss: string): string {
  return [
    "default-src 'none'",
    `style-src ${styleHash(CSS)} ${styleHash(FLOWS_CSS)} ${styleHash(reportCss)} ${styleHash(DIAGRAM_CSS)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderHtml(report: Report): string {
  const verdict = report.verdict;
  const failing = report.findings.filter((f) => f.status === 'fail' && !f.acknowledged);
  const mismatches = report.flows.filter(isNotAsIntended);
  const s = report.summary;
  const flows = flowsView(report);
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(flows.css)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>vectorfort report: ${esc(verdict.status)}</title><style>${CSS}</style><style>${FLOWS_CSS}</style><style>${flows.css}</style></head><body><main>`,
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
    costSection(report),
    findingsSection(
      failing.filter((f) => f.duplicateOf === undefined),
      controlCosts(report),
    ),
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
    acknowledgementStatusSection(report),
    flows.html,
    provenanceSection(report),
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

type CostOf = (ruleId: string) => ControlCost | undefined;

function controlCosts(report: Report): CostOf {
  const byRule = new Map((report.cost?.controls ?? []).map((c) => [c.ruleId, c]));
  return (ruleId) => byRule.get(ruleId);
}

function findingHtml(f: Finding, cls = '', costOf: CostOf = () => undefined): string {
  const cost = costOf(f.ruleId);
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
    f.acknowledged
      ? `<div class="meta">Acknowledged: ${esc(f.acknowledged.reason)}${terms(f.acknowledged)}</div>`
      : '',
    f.lapsedAcknowledgement
      ? `<div class="meta lapsed">Acknowledgement lapsed on ${esc(f.lapsedAcknowledgement.expires ?? '')}: ${esc(f.lapsedAcknowledgement.reason)}${terms(f.lapsedAcknowledgement)}</div>`
      : '',
    f.remediation && !f.acknowledged ? `<div class="fix"><b>Fix:</b> ${esc(f.remediation)}</div>` : '',
    ...(f.assumptions ?? []).map((a) => `<div class="meta">Assumes: ${esc(a)}</div>`),
    f.duplicateOf?.length
      ? `<div class="meta">Duplicates ${esc(f.duplicateOf.join(', '))}, listed first</div>`
      : '',
    frameworks ? `<div class="meta">${frameworks}</div>` : '',
    cost && cost.resources.length > 0
      ? `<div class="meta">Cost of this control: ${money(cost.monthly)} a month over ${cost.resources.length} resources${cost.unpriced.length > 0 ? ` (${cost.unpriced.length} unpriced)` : ''}</div>`
      : '',
    '</div>',
  ].join('');
}

function terms(note: { readonly owner?: string; readonly expires?: string }): string {
  const parts = [
    ...(note.owner ? [`owner ${esc(note.owner)}`] : []),
    ...(note.expires ? [`expires ${esc(note.expires)}`] : []),
  ];
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function findingsSection(failing: readonly Finding[], costOf: CostOf): string {
  const groups = SEVERITIES.map((sev) => {
    const group = failing.filter((f) => f.severity === sev);
    return group.length === 0
      ? ''
      : `<h3 class="sev-${sev}">${esc(sev)} (${group.length})</h3>${group.map((f) => findingHtml(f, '', costOf)).join('\n')}`;
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
