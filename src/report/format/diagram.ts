/**
 * The flow diagram for the HTML report: one band per network tier, the flow spec's components as boxes, the
 * intended flows that are possible as arrows, and every flow whose verdict differs from the intent in red.
 * Deterministic layout (tier order, then component order of the report) so the same input draws the same
 * picture. Drawn by hand: a layout engine would be a heavy dependency for a dozen boxes.
 */
import { isNotAsIntended, type FlowResult } from '../../findings/index.js';
import type { Report } from '../model.js';
import { esc } from './html-escape.js';

const TIER_ORDER = ['internet', 'admin', 'public', 'application', 'data', 'endpoints', 'on-node', 'aws'];
const BOX_W = 150;
const BOX_H = 34;
const GAP_X = 24;
const BAND_H = 74;
const LEFT = 110;

/** The diagram's style sheet; the HTML page allows it by hash in its Content-Security-Policy. */
export const DIAGRAM_CSS =
  '.band0{fill:#f6f8fa}.band1{fill:#eef1f4}.tier{font:600 12px sans-serif;fill:#555}' +
  '.box{fill:#fff;stroke:#445;stroke-width:1.2}.label{font:12px sans-serif;text-anchor:middle;fill:#123}' +
  '.allowed{stroke:#2f7d32;stroke-width:1.3;opacity:.75}.mismatch{stroke:#c62828;stroke-width:2.4;stroke-dasharray:5 3}';

export function flowDiagramSvg(report: Report): string {
  const components = report.components ?? [];
  if (components.length === 0) return '';
  const tiers = [
    ...TIER_ORDER.filter((t) => components.some((c) => c.tier === t)),
    ...[...new Set(components.map((c) => c.tier))].filter((t) => !TIER_ORDER.includes(t)),
  ];
  const position = new Map<string, { x: number; y: number }>();
  let widest = 0;
  tiers.forEach((tier, row) => {
    components
      .filter((c) => c.tier === tier)
      .forEach((c, column) => {
        const x = LEFT + column * (BOX_W + GAP_X);
        position.set(c.id, { x, y: row * BAND_H + (BAND_H - BOX_H) / 2 });
        widest = Math.max(widest, x + BOX_W);
      });
  });
  const width = widest + 20;
  const height = tiers.length * BAND_H;

  const bands = tiers.map(
    (tier, row) =>
      `<rect x="0" y="${row * BAND_H}" width="${width}" height="${BAND_H}" class="band${row % 2}"/>` +
      `<text x="8" y="${row * BAND_H + BAND_H / 2 + 4}" class="tier">${esc(tier)}</text>`,
  );
  const drawn = new Set<string>();
  const arrows: string[] = [];
  const draw = (f: FlowResult, cls: string) => {
    const a = position.get(f.from);
    const b = position.get(f.to);
    const key = `${f.from}>${f.to}>${cls}`;
    if (!a || !b || f.from === f.to || drawn.has(key)) return;
    drawn.add(key);
    // Curves instead of straight lines: arrows within a band arc above it, arrows between bands bend, so they
    // do not run through the boxes in their way.
    let d: string;
    if (a.y === b.y) {
      const x1 = a.x + BOX_W / 2;
      const x2 = b.x + BOX_W / 2;
      d = `M${x1},${a.y} Q${(x1 + x2) / 2},${a.y - BAND_H / 2 - Math.abs(x2 - x1) / 12} ${x2},${b.y}`;
    } else {
      const down = b.y > a.y;
      const x1 = a.x + BOX_W / 2;
      const y1 = down ? a.y + BOX_H : a.y;
      const x2 = b.x + BOX_W / 2;
      const y2 = down ? b.y : b.y + BOX_H;
      const bend = (y2 - y1) / 2;
      d = `M${x1},${y1} C${x1 + (x2 - x1) / 4},${y1 + bend} ${x2 - (x2 - x1) / 4},${y2 - bend} ${x2},${y2}`;
    }
    arrows.push(
      `<path d="${d}" class="${cls}" fill="none" marker-end="url(#arrow-${cls})">` +
        `<title>${esc(`${f.from} -> ${f.to}:${f.port}/${f.protocol}: expected ${f.expected}, ${f.verdict}`)}</title></path>`,
    );
  };
  for (const f of report.flows) if (f.verdict === f.expected && f.expected === 'allowed') draw(f, 'allowed');
  for (const f of report.flows) if (isNotAsIntended(f)) draw(f, 'mismatch');

  const boxes = components.map((c) => {
    const p = position.get(c.id)!;
    return (
      `<g><title>${esc(c.description)}</title><rect x="${p.x}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="6" class="box"/>` +
      `<text x="${p.x + BOX_W / 2}" y="${p.y + BOX_H / 2 + 4}" class="label">${esc(c.id)}</text></g>`
    );
  });
  const marker = (cls: string, colour: string) =>
    `<marker id="arrow-${cls}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${colour}"/></marker>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Flow diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="flow-diagram">`,
    `<defs>${marker('allowed', '#2f7d32')}${marker('mismatch', '#c62828')}</defs>`,
    `<style>${DIAGRAM_CSS}</style>`,
    ...bands,
    ...arrows,
    ...boxes,
    '</svg>',
  ].join('');
}
