/**
 * The terminal report: the verdict, what failed and how to fix it first, then what could not be evaluated,
 * then flows. Every value from the inputs goes through `printable`: this text lands in terminals and CI logs.
 */
import { isForReview, isNotAsIntended, SEVERITIES, type Finding } from '../../findings/index.js';
import type { Report } from '../model.js';
import { printable } from '../printable.js';
import { verdictLabel } from './verdict-label.js';

/** Longest list of routine entries (acknowledged findings, flows as intended) printed to a terminal. */
const TERMINAL_LIST_LIMIT = 20;

const ANSI = {
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  green: '\x1b[32m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

export function renderText(report: Report, color = false): string {
  const paint = (code: keyof typeof ANSI, text: string) =>
    color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  const s = report.summary;
  const lines: string[] = [];
  const v = report.verdict;
  const failing = report.findings.filter((f) => f.status === 'fail' && !f.acknowledged);
  const mismatches = report.flows.filter(isNotAsIntended);
  const verdict = paint(v.status === 'pass' ? (v.unknown > 0 ? 'yellow' : 'green') : 'red', verdictLabel(v));
  lines.push(paint('bold', `vectorfort ${printable(report.tool.version)}: ${verdict}`));
  lines.push(
    `  ${s.pass} pass, ${s.fail} fail, ${s.unknown} unknown, ${s.notApplicable} not applicable; ` +
      `${report.controlsEvaluated?.length ?? 0} controls evaluated on ${report.inputs?.length ?? 0} input(s)`,
  );
  lines.push(
    `  fails on ${v.failOn} and above: ${v.failing} failing, ${v.belowThreshold} below the threshold, ` +
      `${v.acknowledged} acknowledged, ${v.unknown} unknown` +
      (v.unknown === 0
        ? ''
        : v.allowUnknown
          ? ' (allowed: --allow-unknown)'
          : ' (not checked: the run cannot pass)'),
  );
  const bySeverity = SEVERITIES.map((sev) => `${failing.filter((f) => f.severity === sev).length} ${sev}`);
  lines.push(`  failing by severity: ${bySeverity.join(', ')}`);
  if (report.parameters) lines.push(suppliedParameters(report.parameters));
  const acks = report.acknowledgements ?? [];
  const attention = acks.filter((a) => a.status !== 'active');
  if (attention.length > 0)
    lines.push(
      `  acknowledgements: ${['lapsed', 'expiring', 'stale'].map((st) => `${acks.filter((a) => a.status === st).length} ${st}`).join(', ')} ` +
        `of ${acks.length} (verify --list-acknowledgements lists them)`,
    );
  if (report.provenance)
    lines.push(
      paint(
        'dim',
        `  provenance: catalog sha256:${report.provenance.controlCatalog.sha256.slice(0, 12)}, ` +
          `${report.provenance.inputs.length} input file(s) digested` +
          (report.provenance.commit
            ? `, commit ${printable(report.provenance.commit.revision.slice(0, 12))}`
            : ''),
      ),
    );

  // Another tool's findings that repeat one of ours are listed after all of ours, not in the severity groups.
  const duplicates = failing.filter((f) => f.duplicateOf !== undefined);
  for (const severity of SEVERITIES) {
    const group = failing.filter((f) => f.severity === severity && f.duplicateOf === undefined);
    if (group.length === 0) continue;
    lines.push(
      '',
      paint(
        severity === 'critical' || severity === 'high' ? 'red' : 'yellow',
        `${severity.toUpperCase()} (${group.length})`,
      ),
    );
    for (const f of group) lines.push(...describe(f, paint));
  }
  if (duplicates.length > 0) {
    lines.push(
      '',
      paint('yellow', `DUPLICATES (${duplicates.length}) — other tools repeating a finding above`),
    );
    for (const f of duplicates) lines.push(...describe(f, paint));
  }

  const unknown = report.findings.filter((f) => f.status === 'unknown');
  if (unknown.length > 0) {
    lines.push('', paint('yellow', `NOT EVALUATED (${unknown.length}) — unknown is never counted as a pass`));
    for (const f of unknown) lines.push(...describe(f, paint));
  }
  const acknowledged = report.findings.filter((f) => f.status === 'fail' && f.acknowledged);
  if (acknowledged.length > 0) {
    lines.push('', paint('dim', `ACKNOWLEDGED (${acknowledged.length})`));
    for (const f of acknowledged.slice(0, TERMINAL_LIST_LIMIT))
      lines.push(
        `  ${printable(f.ruleId)} ${printable(f.resource.id)}: ${printable(f.acknowledged!.reason)}`,
      );
    if (acknowledged.length > TERMINAL_LIST_LIMIT)
      lines.push(
        paint(
          'dim',
          `  … and ${acknowledged.length - TERMINAL_LIST_LIMIT} more (reasons in the JSON and HTML reports)`,
        ),
      );
  }

  if (report.flows.length > 0) {
    const review = report.flows.filter(isForReview);
    lines.push(
      '',
      paint(
        'bold',
        `FLOWS: ${report.flows.length} checked, ${mismatches.length} not as intended` +
          (review.length > 0
            ? `, ${review.length} for review (no flow spec: no intent to compare with)`
            : ''),
      ),
    );
    const asIntended = report.flows.filter((f) => f.verdict === f.expected);
    // Every mismatch and every flow for review is listed; flows as intended only up to a screenful (all are in
    // the JSON and HTML reports).
    const ordered = [...mismatches, ...review, ...asIntended.slice(0, TERMINAL_LIST_LIMIT)];
    for (const f of ordered) {
      const ok = f.verdict === f.expected;
      const label = isForReview(f)
        ? paint('yellow', 'REVIEW')
        : ok
          ? paint('green', 'ok  ')
          : paint('red', 'FAIL');
      const witness = f.path?.length
        ? `via ${f.path.map((h) => printable(h.node)).join(' > ')}`
        : f.blockedBy?.length
          ? `blocked by ${printable(f.blockedBy[0]!.node)}: ${printable(f.blockedBy[0]!.rule)}`
          : '';
      lines.push(
        `  ${label} ${printable(f.from)} -> ${printable(f.to)}:` +
          `${printable(f.port)}/${printable(f.protocol)} ` +
          `expected ${printable(f.expected)}, ${printable(f.verdict)}` +
          (f.protection ? ` [${printable(f.protection.kind)} ${printable(f.protection.verdict)}]` : '') +
          (witness ? ` (${witness})` : ''),
      );
    }
    if (asIntended.length > TERMINAL_LIST_LIMIT)
      lines.push(
        paint(
          'dim',
          `  … and ${asIntended.length - TERMINAL_LIST_LIMIT} more as intended (witnesses in the JSON and HTML reports)`,
        ),
      );
  }
  return `${lines.join('\n')}\n`;
}

/** The deploy-time values the verdict rests on: every one is listed, since each changes what is proved. */
function suppliedParameters(parameters: NonNullable<Report['parameters']>): string {
  const values = parameters.values.map(
    (v) => `${printable(v.stack)}.${printable(v.parameter)}=${printable(v.value)}`,
  );
  return `  parameters from ${printable(parameters.file)}: ${values.length ? values.join(', ') : 'none applied'}`;
}

function describe(f: Finding, paint: (code: keyof typeof ANSI, text: string) => string): string[] {
  const where = f.resource.file
    ? ` ${printable(f.resource.file)}${f.resource.line ? `:${printable(f.resource.line)}` : ''}`
    : '';
  const out = [
    `  ${printable(f.ruleId)} ${printable(f.title)}`,
    `    ${printable(f.resource.id)}${paint('dim', where)}: ${printable(f.message)}`,
  ];
  if (f.lapsedAcknowledgement)
    out.push(
      `    acknowledgement lapsed on ${printable(f.lapsedAcknowledgement.expires ?? '')}` +
        (f.lapsedAcknowledgement.owner ? ` (owner ${printable(f.lapsedAcknowledgement.owner)})` : '') +
        `: ${printable(f.lapsedAcknowledgement.reason)}`,
    );
  if (f.remediation) out.push(paint('dim', `    fix: ${printable(f.remediation)}`));
  for (const a of f.assumptions ?? []) out.push(paint('dim', `    assumes: ${printable(a)}`));
  if (f.duplicateOf?.length)
    out.push(paint('dim', `    duplicates ${f.duplicateOf.map((id) => printable(id)).join(', ')}`));
  return out;
}
