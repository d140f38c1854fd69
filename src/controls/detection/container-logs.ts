/**
 * Container and node logs leave the nodes: where the input runs an EKS cluster, it also installs a log
 * collector — a Helm release of a known collector chart (aws-for-fluent-bit, fluent-bit, Fluentd, Vector, the
 * OpenTelemetry collector), the amazon-cloudwatch-observability add-on with container logs on, or a DaemonSet
 * running one of those images. The control plane's logs say what the API did; only these say what the
 * workloads did, and they vanish with a node.
 */
import type { Inventory } from '../../inventory/model.js';
import { getPath, isSymbolic, type SymbolicValue } from '../../inventory/values.js';
import { addonsOf, configurationOf } from '../eks/addons.js';
import { asList, asObj } from '../k8s/objects.js';
import { isUnknownValue, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** Charts (the name after the repository) that install a node-level log collector. */
const COLLECTOR_CHARTS = [
  'aws-for-fluent-bit',
  'fluent-bit',
  'fluentd',
  'fluent-operator',
  'vector',
  'opentelemetry-collector',
];
/** Images that collect logs when run as a DaemonSet. */
const COLLECTOR_IMAGE =
  /(^|\/)(aws-for-fluent-bit|fluent-bit|fluentd[^/:]*|vector|opentelemetry-collector[^/:]*)(:|@|$)/;
const OBSERVABILITY_ADDON = 'amazon-cloudwatch-observability';

function chartName(chart: unknown): string | undefined {
  return typeof chart === 'string' ? chart.split('/').pop() : undefined;
}

interface Evidence {
  readonly collector?: string;
  readonly undetermined?: string;
}

function collectorsIn(inventory: Inventory): Evidence {
  let undetermined: string | undefined;
  for (const release of inventory.helm) {
    if (isSymbolic(release.chart)) {
      undetermined ??= `the chart of Helm release ${release.key} is not determined by the input`;
      continue;
    }
    const name = chartName(release.chart);
    if (!name || !COLLECTOR_CHARTS.includes(name)) continue;
    // The aws-for-fluent-bit chart reads containers' logs through its `input` section, which can be turned off.
    const input = getPath(release.values, 'input.enabled');
    if (isSymbolic(input)) {
      undetermined ??= `input.enabled of the ${name} release is not determined by the input`;
      continue;
    }
    if (name === 'aws-for-fluent-bit' && input === false) continue;
    return { collector: `Helm release of ${name}` };
  }
  for (const pod of inventory.pods) {
    if (pod.owner.kind !== 'DaemonSet') continue;
    const images = asList(pod.spec.containers).map((c) => asObj(c)?.image);
    if (images.some((i) => typeof i === 'string' && COLLECTOR_IMAGE.test(i)))
      return { collector: `DaemonSet ${pod.namespace}/${pod.owner.name}` };
  }
  return { undetermined };
}

export const control: Control = {
  id: 'VF-DETECTION-007',
  area: 'detection',
  title: "Container and node logs are collected off the cluster's nodes",
  severity: 'medium',
  rationale:
    "The control plane's audit log records what was asked of the API; what Weaviate, the mesh's proxies and the kubelet then did is only in the nodes' log files, which rotate away and disappear with the node. An incident on a replaced node leaves nothing to read unless a collector ships those logs to encrypted, retained storage.",
  remediation:
    'Install a log collector on every node: the aws-for-fluent-bit chart (vectorfort: logs.collection.enabled, the default) or the amazon-cloudwatch-observability add-on with containerLogs on, writing to KMS-encrypted log groups with a retention.',
  references: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-logs-FluentBit.html',
    'https://docs.aws.amazon.com/eks/latest/best-practices/auditing-and-logging.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['DE.CM-01', 'PR.PS-04'],
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::EKS::Cluster', 'AWS::EKS::Addon', 'Custom::AWSCDK-EKS-HelmChart', 'DaemonSet'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const clusters = resourcesOfType(inventory, 'AWS::EKS::Cluster');
    if (clusters.length === 0) return [];
    const found = collectorsIn(inventory);
    return clusters.map((cluster) => {
      if (found.collector) return result(cluster, 'pass', `${found.collector} collects the nodes' logs`);
      const { addons, undetermined } = addonsOf(inventory, cluster);
      let open =
        found.undetermined ??
        (undetermined.length > 0 ? `add-ons of undetermined cluster: ${undetermined.join('; ')}` : undefined);
      for (const { addon, name } of addons) {
        if (isUnknownValue(name)) {
          open ??= `add-on ${addon.logicalId}: ${name.reason}`;
          continue;
        }
        if (name !== OBSERVABILITY_ADDON) continue;
        const config = configurationOf(addon);
        if (isUnknownValue(config)) {
          open ??= `the ${OBSERVABILITY_ADDON} add-on's configuration: ${config.reason}`;
          continue;
        }
        const enabled =
          config === undefined ? true : getPath(config as SymbolicValue, 'containerLogs.enabled');
        if (isSymbolic(enabled)) {
          open ??= `containerLogs.enabled of the ${OBSERVABILITY_ADDON} add-on is not determined by the input`;
          continue;
        }
        if (enabled !== false)
          return result(cluster, 'pass', `the ${OBSERVABILITY_ADDON} add-on collects container logs`);
      }
      if (open) return result(cluster, 'unknown', open);
      return result(
        cluster,
        'fail',
        'no log collector: no Helm release of a collector chart, no amazon-cloudwatch-observability add-on with container logs, no collector DaemonSet; container and node logs stay on the nodes',
      );
    });
  },
};
