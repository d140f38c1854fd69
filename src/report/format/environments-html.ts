/**
 * One page over every environment of a blueprint, for the reviewer who asks whether the environments are
 * really separated and what each one costs: the verdict of each environment next to its account, region and
 * range; the cross-environment controls; every control's outcome side by side (filtered to where the
 * environments differ); the cost of each control per environment; and the flows of all environments grouped by
 * environment, filtered by environment and verdict. Each environment's own report stays the full record; this
 * page links to it. Same rules as the single report: inline CSS only, no script, a strict policy.
 */
import { createHash } from 'node:crypto';
import { isForReview, isNotAsIntended, type Finding, type FlowResult } from '../../findings/index.js';
import type { Report } from '../model.js';
import { money } from './cost-html.js';
import { FLOWS_CSS } from './flows-html.js';
import { esc } from './html-escape.js';
import { REPORT_CSS } from './html.js';
import { verdictLabel } from './verdict-label.js';

/** One environment as the overview shows it. */
export interface EnvironmentEntry {
  readonly name: string;
  readonly preset: string;
  /** The account its stacks are synthesized for. @default - not stated by the assembly */
  readonly account?: string;
  readonly region: string;
  readonly vpcCidr: string;
  /** The environment's own HTML report, relative to the overview page. */
  readonly reportHref: string;
  readonly report: Report;
}

export interface EnvironmentsOverview {
  /** The blueprint's name. */
  readonly name: string;
  readonly environments: readonly EnvironmentEntry[];
  /** The cross-environment controls' findings (not-applicable ones included; the page leaves them out). */
  readonly cross: readonly Finding[];
}

type OverallStatus = 'pass' | 'fail' | 'incomplete';

/** Fails when any environment fails; incomplete when none fails but one is incomplete. */
export function overallStatus(overview: EnvironmentsOverview): OverallStatus {
  const statuses = overview.environments.map((e) => e.report.verdict.status);
  return statuses.includes('fail') ? 'fail' : statuses.includes('incomplete') ? 'incomplete' : 'pass';
}

const OVERVIEW_CSS = `
.side td.st-ack{background:#eceff1}
.envs td{white-space:nowrap}
.side td{text-align:center;font-size:12px;white-space:nowrap}.side td:first-child,.side td:nth-child(2){text-align:left;white-space:normal}
#controls:has(#cv-differ:checked) tr.ctl:not(.differ){display:none}
#controls:has(#cv-fail:checked) tr.ctl:not(.failing){display:none}
`;

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

export function renderEnvironmentsHtml(overview: EnvironmentsOverview): string {
  const status = overallStatus(overview);
  const envCss = overview.environments
    .map(
      (_, i) =>
        `#flows:has(#fe-${i}:checked) tbody.e:not(.e-${i}){display:none}\n#cost:has(#ce-${i}:checked) .c:not(.c-${i}){display:none}`,
    )
    .join('\n');
  const policy = [
    "default-src 'none'",
    `style-src ${[REPORT_CSS, FLOWS_CSS, OVERVIEW_CSS, envCss].map(styleHash).join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>vectorfort environments: ${esc(status)}</title>`,
    `<style>${REPORT_CSS}</style><style>${FLOWS_CSS}</style><style>${OVERVIEW_CSS}</style><style>${envCss}</style></head><body><main>`,
    `<h1>${esc(overview.name)}: ${overview.environments.length} environments <span class="verdict ${status}">${esc(status.toUpperCase())}</span></h1>`,
    '<p class="meta">Each environment was synthesized and verified on its own; the cross-environment controls were evaluated over all of them. The run passes only when every environment passes. Each environment’s own report is the full record.</p>',
    environmentsTable(overview),
    crossSection(overview),
    controlsSideBySide(overview),
    costSideBySide(overview),
    flowsByEnvironment(overview),
    '</main></body></html>',
  ];
  return `${parts.join('\n')}\n`;
}

function radio(name: string, id: string, label: string, checked = false): string {
  return `<input type="radio" name="${name}" id="${id}"${checked ? ' checked' : ''}><label for="${id}">${label}</label>`;
}

function environmentsTable(overview: EnvironmentsOverview): string {
  const rows = overview.environments.map((e) => {
    const s = e.report.summary;
    const v = e.report.verdict;
    const cost = e.report.cost;
    return [
      `<tr><td><a href="${esc(e.reportHref)}">${esc(e.name)}</a></td><td>${esc(e.preset)}</td>`,
      `<td><code>${esc(e.account ?? 'not stated')}</code></td><td>${esc(e.region)}</td><td><code>${esc(e.vpcCidr)}</code></td>`,
      `<td><span class="verdict ${esc(e.report.verdict.status)}">${esc(verdictLabel(e.report.verdict))}</span></td>`,
      `<td class="num">${s.pass}</td><td class="num${v.failing ? ' st-fail' : ''}">${v.failing}</td><td class="num">${v.acknowledged}</td><td class="num${s.unknown ? ' st-unknown' : ''}">${s.unknown}</td>`,
      `<td class="num">${e.report.flows.length}</td><td class="num">${e.report.flows.filter(isNotAsIntended).length}</td>`,
      `<td class="num">${cost ? money(cost.total.monthly) : 'not estimated'}</td><td class="num">${cost ? cost.total.unpriced.length : ''}</td></tr>`,
    ].join('');
  });
  return [
    '<section id="environments"><h2>Environments</h2>',
    '<div class="frame"><table class="envs"><tr><th>Environment</th><th>Preset</th><th>Account</th><th>Region</th><th>VPC range</th><th>Verdict</th><th class="num">pass</th><th class="num" title="unacknowledged failures at or above the threshold">failing</th><th class="num" title="acknowledged failures">ack.</th><th class="num">unknown</th><th class="num">flows</th><th class="num" title="flows not as intended">flows ✗</th><th class="num">monthly</th><th class="num">unpriced</th></tr>',
    ...rows,
    '</table></div></section>',
  ].join('\n');
}

function crossSection(overview: EnvironmentsOverview): string {
  const evaluated = overview.cross.filter((f) => f.status !== 'not-applicable');
  const rows = evaluated.map(
    (f) =>
      `<tr class="st-${esc(f.status)}"><td><code>${esc(f.ruleId)}</code></td><td>${esc(f.title)}</td><td>${esc(f.resource.id)}</td><td>${esc(f.status)}${f.acknowledged ? ' (acknowledged)' : ''}</td><td>${esc(f.message)}</td></tr>`,
  );
  return [
    `<section id="cross"><h2>Across environments (${evaluated.length})</h2>`,
    '<p>Separation checked over all environments together: ranges of connected environments, production’s account, references to production’s keys and buckets from elsewhere, production no weaker than staging.</p>',
    rows.length === 0
      ? '<p>No cross-environment control applied.</p>'
      : `<div class="frame"><table><tr><th>Control</th><th>Title</th><th>About</th><th>Outcome</th><th>Why</th></tr>${rows.join('')}</table></div>`,
    '</section>',
  ].join('\n');
}

interface Tally {
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
  readonly acknowledged: number;
}

function tally(findings: readonly Finding[]): Tally {
  return {
    pass: findings.filter((f) => f.status === 'pass').length,
    fail: findings.filter((f) => f.status === 'fail' && !f.acknowledged).length,
    unknown: findings.filter((f) => f.status === 'unknown').length,
    acknowledged: findings.filter((f) => f.status === 'fail' && f.acknowledged).length,
  };
}

const OUTCOME_CLASS: Record<string, string> = {
  fail: 'st-fail',
  unknown: 'st-unknown',
  acknowledged: 'st-ack',
  'not evaluated': 'st-none',
  pass: 'st-pass',
};

/** A control's outcome in one environment, in a word a row can be compared on. */
function outcomeOf(t: Tally | undefined): string {
  if (!t || t.pass + t.fail + t.unknown + t.acknowledged === 0) return 'not evaluated';
  if (t.fail > 0) return 'fail';
  if (t.unknown > 0) return 'unknown';
  if (t.acknowledged > 0) return 'acknowledged';
  return 'pass';
}

function controlsSideBySide(overview: EnvironmentsOverview): string {
  const envs = overview.environments;
  const byEnv = envs.map((e) => {
    const byRule = new Map<string, Finding[]>();
    for (const f of e.report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    return byRule;
  });
  const titles = new Map<string, string>();
  for (const e of envs)
    for (const f of e.report.findings) if (!titles.has(f.ruleId)) titles.set(f.ruleId, f.title);
  const ruleIds = [...titles.keys()].sort();
  let differing = 0;
  let failing = 0;
  const rows = ruleIds.map((ruleId) => {
    const tallies = byEnv.map((m) => (m.has(ruleId) ? tally(m.get(ruleId)!) : undefined));
    const outcomes = tallies.map(outcomeOf);
    const differ = new Set(outcomes).size > 1;
    const fails = outcomes.some((o) => o === 'fail' || o === 'unknown');
    differing += differ ? 1 : 0;
    failing += fails ? 1 : 0;
    const cells = tallies.map((t, i) => {
      const o = outcomes[i]!;
      const cls = OUTCOME_CLASS[o];
      const detail = t
        ? [
            t.pass && `${t.pass} pass`,
            t.fail && `${t.fail} fail`,
            t.unknown && `${t.unknown} unknown`,
            t.acknowledged && `${t.acknowledged} ack.`,
          ]
            .filter(Boolean)
            .join(', ')
        : '';
      return `<td class="${cls}" title="${esc(detail)}">${esc(o)}</td>`;
    });
    const cls = ['ctl', differ ? 'differ' : '', fails ? 'failing' : ''].filter(Boolean).join(' ');
    return `<tr class="${cls}"><td><code>${esc(ruleId)}</code></td><td>${esc(titles.get(ruleId) ?? '')}</td>${cells.join('')}</tr>`;
  });
  return [
    '<section id="controls"><h2>Controls side by side</h2>',
    '<p>Each control’s outcome in each environment (hover for the counts). A control that passes in one environment and not in another shows where the environments are not held to the same standard; “not evaluated” means the environment has nothing the control checks.</p>',
    '<div class="controls" role="group" aria-label="Filter the controls"><b>Show</b>',
    radio('cv', 'cv-all', `all (${ruleIds.length})`, true),
    radio('cv', 'cv-differ', `differing between environments (${differing})`),
    radio('cv', 'cv-fail', `failing or unknown somewhere (${failing})`),
    '</div>',
    `<div class="frame"><table class="side"><thead><tr><th>Control</th><th>Title</th>${envs.map((e) => `<th>${esc(e.name)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table></div></section>',
  ].join('\n');
}

function costSideBySide(overview: EnvironmentsOverview): string {
  const envs = overview.environments;
  if (envs.every((e) => !e.report.cost)) return '';
  const perEnv = envs.map((e) => new Map((e.report.cost?.controls ?? []).map((c) => [c.ruleId, c])));
  const ruleIds = [
    ...new Set(
      perEnv.flatMap((m) => [...m.values()].filter((c) => c.resources.length > 0).map((c) => c.ruleId)),
    ),
  ];
  const maxOf = (ruleId: string) => Math.max(...perEnv.map((m) => m.get(ruleId)?.monthly ?? 0));
  ruleIds.sort((a, b) => maxOf(b) - maxOf(a) || (a < b ? -1 : 1));
  const cell = (i: number, text: string, extra = '') => `<td class="num c c-${i}${extra}">${text}</td>`;
  const rows = ruleIds.map((ruleId) => {
    const cells = perEnv.map((m, i) => {
      const c = m.get(ruleId);
      if (!envs[i]!.report.cost) return cell(i, 'not estimated');
      if (!c || c.resources.length === 0) return cell(i, '–');
      return cell(
        i,
        `${money(c.monthly)}${c.unpriced.length ? ` <span class="meta">(+${c.unpriced.length} unpriced)</span>` : ''}`,
      );
    });
    return `<tr><td><code>${esc(ruleId)}</code></td>${cells.join('')}</tr>`;
  });
  const totals = envs.map((e, i) =>
    cell(i, e.report.cost ? `<b>${money(e.report.cost.total.monthly)}</b>` : 'not estimated'),
  );
  return [
    '<section id="cost"><h2>Cost side by side</h2>',
    '<p>Monthly estimate of each control per environment, from each environment’s own report (its price table, region and assumptions). Unpriced resources are listed in the environment’s report and never counted as free.</p>',
    '<div class="controls" role="group" aria-label="Show one environment"><b>Environment</b>',
    radio('ce', 'ce-all', 'all', true),
    ...envs.map((e, i) => radio('ce', `ce-${i}`, esc(e.name))),
    '</div>',
    `<div class="frame"><table class="side"><thead><tr><th>Control</th>${envs.map((e, i) => `<th class="num c c-${i}">${esc(e.name)}</th>`).join('')}</tr></thead><tbody>`,
    `<tr><th>total</th>${totals.join('')}</tr>`,
    ...rows,
    '</tbody></table></div></section>',
  ].join('\n');
}

function flowsByEnvironment(overview: EnvironmentsOverview): string {
  const envs = overview.environments;
  const all = envs.flatMap((e) => e.report.flows);
  if (all.length === 0) return '';
  const rank = (f: FlowResult) => (isNotAsIntended(f) ? 0 : isForReview(f) ? 1 : 2);
  const groups = envs.map((e, i) => {
    const flows = [...e.report.flows].sort((a, b) => rank(a) - rank(b));
    const bad = flows.filter(isNotAsIntended).length;
    return `<tbody class="e e-${i}"><tr class="group"><th colspan="6">${esc(e.name)}: ${flows.length} flows, ${bad} not as intended</th></tr>${flows
      .map((f) => {
        const state = isForReview(f) ? 'st-unknown review' : isNotAsIntended(f) ? 'st-fail bad' : 'st-pass';
        const protection = f.protection ? `${f.protection.kind} (${f.protection.verdict})` : '';
        return `<tr class="flow ${state}"><td>${esc(f.from)}</td><td>${esc(f.to)}</td><td>${esc(f.port)}/${esc(f.protocol)}</td><td>${esc(f.expected)}</td><td>${esc(f.verdict)}</td><td>${esc(protection)}</td></tr>`;
      })
      .join('')}</tbody>`;
  });
  return [
    '<section id="flows"><h2>Flows by environment</h2>',
    '<p>The flows each environment’s prover checked, not as intended first. The matrix, diagram and witnesses of each environment are in its own report.</p>',
    '<div class="controls" role="group" aria-label="Filter the flows"><b>Environment</b>',
    radio('fe', 'fe-all', `all (${all.length})`, true),
    ...envs.map((e, i) => radio('fe', `fe-${i}`, `${esc(e.name)} (${e.report.flows.length})`)),
    '<b>Verdict</b>',
    radio('fv', 'fv-all', 'all', true),
    radio('fv', 'fv-bad', `not as intended (${all.filter(isNotAsIntended).length})`),
    radio('fv', 'fv-review', `for review (${all.filter(isForReview).length})`),
    '</div>',
    '<div class="frame flows-frame"><table><thead><tr><th>From</th><th>To</th><th>Port</th><th>Expected</th><th>Verdict</th><th>Protection</th></tr></thead>',
    ...groups,
    '</table></div></section>',
  ].join('\n');
}
