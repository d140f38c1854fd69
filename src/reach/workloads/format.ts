/**
 * The connection list as text (one line per pair), JSON, CSV or Graphviz dot. Names come from the inputs, so
 * every writer passes them through `clean` (the CLI's terminal-safe escaping) before printing.
 */
import { formatConnections } from '../engine/connection-set.js';
import type { Connection, ConnectionList, Evaluation } from './types.js';

export const LIST_FORMATS = ['txt', 'json', 'csv', 'dot', 'svg'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

type Clean = (text: string) => string;

export function listText(list: ConnectionList, clean: Clean): string {
  const lines = list.connections.map(
    (c) => `${clean(c.from)} => ${clean(c.to)} : ${formatConnections(c.allowed)}`,
  );
  if (list.unknown.length > 0) {
    lines.push(
      '',
      `Not determined by the input (${list.unknown.length} pair${list.unknown.length === 1 ? '' : 's'}):`,
    );
    for (const c of list.unknown)
      lines.push(`${clean(c.from)} => ${clean(c.to)} : ${undetermined(c, clean)}`);
  }
  return lines.length === 0 ? 'No allowed connections.\n' : `${lines.join('\n')}\n`;
}

export function listJson(list: ConnectionList): string {
  const row = (c: Connection) => ({
    src: c.from,
    dst: c.to,
    conn: formatConnections(c.allowed),
    ...(c.reasons.length > 0 ? { unknown: formatConnections(c.unknown), reasons: c.reasons } : {}),
  });
  return `${JSON.stringify({ connections: list.connections.map(row), unknown: list.unknown.map(row) }, null, 2)}\n`;
}

export function listCsv(list: ConnectionList, clean: Clean): string {
  const cell = (text: string) => {
    // A leading =, +, - or @ makes spreadsheets evaluate the cell; a quote prefix keeps it text.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const rows = [
    'src,dst,conn,status,unknown,reason',
    ...list.connections.map((c) =>
      [cell(clean(c.from)), cell(clean(c.to)), cell(formatConnections(c.allowed)), 'allowed', '', ''].join(
        ',',
      ),
    ),
    ...list.unknown.map((c) =>
      [
        cell(clean(c.from)),
        cell(clean(c.to)),
        cell(formatConnections(c.allowed)),
        'unknown',
        cell(formatConnections(c.unknown)),
        cell(clean(c.reasons.join('; '))),
      ].join(','),
    ),
  ];
  return `${rows.join('\n')}\n`;
}

export function listDot(list: ConnectionList, clean: Clean): string {
  const quote = (text: string) => `"${clean(text).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const nodes = new Set<string>();
  for (const c of [...list.connections, ...list.unknown]) nodes.add(c.from).add(c.to);
  const lines = [
    'digraph connections {',
    '  rankdir=LR;',
    '  node [shape=box, style=rounded, fontname="sans-serif"];',
  ];
  for (const n of [...nodes].sort())
    lines.push(`  ${quote(n)}${n.endsWith('[External]') ? ' [shape=ellipse, style=dashed]' : ''};`);
  for (const c of list.connections)
    lines.push(`  ${quote(c.from)} -> ${quote(c.to)} [label=${quote(formatConnections(c.allowed))}];`);
  for (const c of list.unknown)
    lines.push(
      `  ${quote(c.from)} -> ${quote(c.to)} [label=${quote(`unknown: ${formatConnections(c.unknown)}`)}, style=dashed, color=orange];`,
    );
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The answer, the witness path (allowed) or the blocking rules (denied); every layer with `explain`. */
export function evaluationText(e: Evaluation, explain: boolean, clean: Clean): string {
  const { port, protocol } = e.query;
  const lines = [`${e.verdict}: ${clean(e.from)} => ${clean(e.to)} : ${protocol} ${port}`];
  const shown = explain
    ? e.layers
    : e.layers.filter((l) => e.verdict === 'allowed' || l.verdict === e.verdict);
  const heading = explain
    ? 'layers'
    : e.verdict === 'allowed'
      ? 'path'
      : e.verdict === 'denied'
        ? 'blocked by'
        : 'depends on';
  if (shown.length > 0) lines.push(`${heading}:`);
  for (const l of shown)
    lines.push(`  ${explain ? `[${l.verdict}] ` : ''}${clean(l.layer)}: ${clean(l.rule)}`);
  return `${lines.join('\n')}\n`;
}

function undetermined(c: Connection, clean: Clean): string {
  const allowed = formatConnections(c.allowed);
  return `${allowed === 'No Connections' ? '' : `allowed ${allowed}; `}unknown ${formatConnections(c.unknown)} (${clean(c.reasons.join('; '))})`;
}
