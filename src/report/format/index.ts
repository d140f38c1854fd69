/**
 * Report renderers: text (terminal), JSON (docs/report.schema.json), SARIF 2.1.0 and a self-contained HTML
 * page. The reports work implements them; `vectorfort verify` and `synth` call renderReport only.
 */
import type { Report } from '../model.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'html';

export interface RenderOptions {
  /** Colour in text output (only on a terminal). @default false */
  readonly color?: boolean;
}

export function renderReport(report: Report, format: ReportFormat, _options: RenderOptions = {}): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  throw new Error(`renderReport: ${format} not implemented yet`);
}
