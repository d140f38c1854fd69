/**
 * Report renderers: text (terminal), JSON (docs/report.schema.json), SARIF 2.1.0 and a self-contained HTML
 * page. `vectorfort verify` and `synth` call renderReport only.
 */
import type { Report } from '../model.js';
import { renderHtml } from './html.js';
import { jsonChunks } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export { COMPACT_JSON_FINDINGS, jsonChunks } from './json.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'html';

export interface RenderOptions {
  /** ANSI colour in text output (only on a terminal). @default false */
  readonly color?: boolean;
}

export function renderReport(report: Report, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return [...jsonChunks(report)].join('');
    case 'sarif':
      return renderSarif(report);
    case 'html':
      return renderHtml(report);
    case 'text':
      return renderText(report, options.color ?? false);
  }
}
