/**
 * Renders every Kubernetes chart for a blueprint: plain objects (no CDK tokens), so the same manifests go to
 * `vectorfort synth`'s `k8s/` directory for GitOps and to the cluster through the CDK stack.
 *
 * Charts, in apply order: namespaces (Pod Security labels) → network policies (closed before anything runs) →
 * mesh (Istio CRDs, after the Istio charts) → weaviate → monitoring (Prometheus Operator CRDs) → edge (the ALB
 * target group binding, after the AWS Load Balancer Controller; only when Weaviate is exposed) → backups (the
 * backup and restore-drill CronJobs and the drill's scratch Weaviate, after Weaviate).
 */
import { grafanaInstalled, type Blueprint } from '../blueprint/index.js';
import type { AcknowledgementTerms } from '../contract/acknowledgement.js';
import type { FlowSpec } from '../flows/index.js';
import { withTermsOnObjects } from './acknowledgement-terms.js';
import { backupObjects } from './backups/index.js';
import { toChart } from './chart.js';
import { renderContext } from './context.js';
import { edgeObjects } from './edge.js';
import { meshObjects } from './mesh.js';
import { monitoringObjects } from './monitoring.js';
import { grafanaObjects } from './grafana/index.js';
import { namespaces } from './namespaces.js';
import { networkPolicies } from './network-policies.js';
import type { RenderedChart } from './types.js';
import { weaviateObjects } from './weaviate/index.js';

export type { RenderedChart } from './types.js';
export { unexpressedFlows } from './network-policies.js';

/** Chart names, also the file names under `<out>/k8s/`. */
export const CHART_NAMES = {
  namespaces: 'namespaces',
  networkPolicies: 'network-policies',
  mesh: 'mesh',
  weaviate: 'weaviate',
  monitoring: 'monitoring',
  edge: 'edge',
  backups: 'backups',
} as const;

/**
 * @param terms owner and expiry given to the acknowledgements the manifests carry (the synthesis decides them
 *   from the blueprint and its date). @default - none: the acknowledgements carry a reason only
 */
export function renderCharts(
  blueprint: Blueprint,
  spec: FlowSpec,
  terms?: AcknowledgementTerms,
): RenderedChart[] {
  const ctx = renderContext(blueprint, spec);
  const charts: RenderedChart[] = [
    toChart(CHART_NAMES.namespaces, 0, namespaces(ctx)),
    toChart(CHART_NAMES.networkPolicies, 1, networkPolicies(ctx)),
  ];
  if (blueprint.mesh.enabled) charts.push(toChart(CHART_NAMES.mesh, 2, meshObjects(ctx)));
  charts.push(toChart(CHART_NAMES.weaviate, 3, weaviateObjects(ctx)));
  if (blueprint.monitoring.enabled)
    charts.push(
      toChart(CHART_NAMES.monitoring, 4, [
        ...monitoringObjects(ctx),
        ...(grafanaInstalled(blueprint) ? grafanaObjects(ctx) : []),
      ]),
    );
  if (blueprint.exposure !== 'private') charts.push(toChart(CHART_NAMES.edge, 5, edgeObjects(ctx)));
  charts.push(toChart(CHART_NAMES.backups, 6, backupObjects(ctx)));
  return terms ? charts.map((chart) => withTermsOnObjects(chart, terms)) : charts;
}
