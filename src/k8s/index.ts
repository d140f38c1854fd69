/**
 * Renders every Kubernetes chart for a blueprint. Until the workload charts land this renders nothing; the
 * synth command and the stack already consume its result.
 */
import type { Blueprint } from '../blueprint/index.js';
import type { FlowSpec } from '../flows/index.js';
import type { RenderedChart } from './types.js';

export type { RenderedChart } from './types.js';

export function renderCharts(_blueprint: Blueprint, _spec: FlowSpec): RenderedChart[] {
  return [];
}
