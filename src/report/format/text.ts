/** The terminal report: what failed and how to fix it first, then what could not be evaluated, then flows. */
import { SEVERITIES, type Finding, type Report } from '../model.js';

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
  const failing = report.findings.filter((f) => f.status === 'fail' && !f.acknowledged);
  const mismatches = report.flows.filter((f) => f.verdict !== f.expected);
  const verdict =
    failing.length === 0 && mismatches.length === 0 ? paint('green', 'PASS') : paint('red', 'FAIL');
  lines.push(paint('bold', `vectorfort ${report.tool.version}: ${verdict}`));
  lines.push(
    `  ${s.pass} pass, ${s.fail} fail, ${s.unknown} unknown, ${s.notApplicable} not applicable; ` +
      `${report.controlsEvaluated?.length ?? 0} controls evaluated on ${report.inputs?.length ?? 0} input(s)`,
  );
  const bySeverity = SEVERITIES.map((sev) => `${failing.filter((f) => f.severity === sev).length} ${sev}`);
  lines.push(`  failing by severity: ${bySeverity.join(', ')}`);

  for (const severity of SEVERITIES) {
    const group = failing.filter((f) => f.severity === severity);
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

  const unknown = report.findings.filter((f) => f.status === 'unknown');
  if (unknown.length > 0) {
    lines.push('', paint('yellow', `NOT EVALUATED (${unknown.length}) — unknown is never counted as a pass`));
    for (const f of unknown) lines.push(...describe(f, paint));
  }
  const acknowledged = report.findings.filter((f) => f.status === 'fail' && f.acknowledged);
  if (acknowledged.length > 0) {
    lines.push('', paint('dim', `ACKNOWLEDGED (${acknowledged.length})`));
    for (const f of acknowledged.slice(0, TERMINAL_LIST_LIMIT))
      lines.push(`  ${f.ruleId} ${f.resource.id}: ${f.acknowledged!.reason}`);
    if (acknowledged.length > TERMINAL_LIST_LIMIT)
      lines.push(
        paint(
          'dim',
          `  … and ${acknowledged.length - TERMINAL_LIST_LIMIT} more (reasons in the JSON and HTML reports)`,
        ),
      );
  }

  if (report.flows.length > 0) {
    lines.push(
      '',
      paint('bold', `FLOWS: ${report.flows.length} checked, ${mismatches.length} not as intended`),
    );
    const asIntended = report.flows.filter((f) => f.verdict === f.expected);
    // Every mismatch is listed; flows as intended only up to a screenful (all are in the JSON and HTML reports).
    const ordered = [...mismatches, ...asIntended.slice(0, TERMINAL_LIST_LIMIT)];
    for (const f of ordered) {
      const ok = f.verdict === f.expected;
      const witness = f.path?.length
        ? `via ${f.path.map((h) => h.node).join(' > ')}`
        : f.blockedBy?.length
          ? `blocked by ${f.blockedBy[0]!.node}: ${f.blockedBy[0]!.rule}`
          : '';
      lines.push(
        `  ${ok ? paint('green', 'ok  ') : paint('red', 'FAIL')} ${f.from} -> ${f.to}:${f.port}/${f.protocol} ` +
          `expected ${f.expected}, ${f.verdict}${witness ? ` (${witness})` : ''}`,
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

function describe(f: Finding, paint: (code: keyof typeof ANSI, text: string) => string): string[] {
  const where = f.resource.file ? ` ${f.resource.file}${f.resource.line ? `:${f.resource.line}` : ''}` : '';
  const out = [`  ${f.ruleId} ${f.title}`, `    ${f.resource.id}${paint('dim', where)}: ${f.message}`];
  if (f.remediation) out.push(paint('dim', `    fix: ${f.remediation}`));
  return out;
}
