/** The flow diagram (SVG: tiers, components, allowed flows) for the HTML report. Implemented by the reach work. */
import type { Report } from '../report/model.js';

/** A self-contained SVG element, or '' when the report carries no components. */
export function flowDiagramSvg(_report: Report): string {
  return '';
}
