/**
 * The monitoring stack in the cluster: the kube-prometheus-stack chart, pinned, reduced to the Prometheus
 * Operator, one Prometheus and one Alertmanager. Prometheus evaluates the PrometheusRules of the monitoring chart
 * (selected by the blueprint's selector labels) and scrapes Weaviate and the kubelets; Alertmanager routes the
 * alerts by severity to the alert topics (k8s/alertmanager-config.ts), publishing with its own Pod Identity role.
 *
 * Restricted Pod Security: the node exporter (host network, PID namespace and hostPath), kube-state-metrics,
 * the Grafana sub-chart (Grafana is rendered with the manifests, k8s/grafana/) and the admission webhooks are
 * off, and every pod runs as non-root with the RuntimeDefault seccomp profile. Volumes use Weaviate's encrypted
 * StorageClass (the EBS key). NetworkPolicies come from the flow spec, so the chart's own are off.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { LABEL_NODE_ROLE } from '../contract/keys.js';
import type { MonitoringStackNames } from '../flows/index.js';
import { alertmanagerConfig } from '../k8s/alertmanager-config.js';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../k8s/pod-security.js';
import { prometheusScrapeSidecar } from '../k8s/scrape-tls.js';
import { AlertHeartbeat } from './alert-heartbeat.js';
import type { AlertTopics } from './alerting.js';
import { PodIdentityRole } from './pod-identity-role.js';
import { chartSource } from './workload.js';

/** The kube-prometheus-stack chart, pinned (Prometheus Operator v0.93.1, Prometheus v3, Alertmanager v0.34). */
export const KUBE_PROMETHEUS_STACK_CHART = {
  repository: 'https://prometheus-community.github.io/helm-charts',
  chart: 'kube-prometheus-stack',
  version: '88.5.3',
} as const;

/** The user and group the stack's pods run as (the chart's default for Prometheus). */
const MONITORING_USER_ID = 1000;
/** The group owning the volumes (the chart's default fsGroup). */
const MONITORING_FS_GROUP = 2000;

export interface MonitoringStackProps {
  readonly cluster: eks.ICluster;
  /** The cluster name as a plain string (Pod Identity trust conditions). */
  readonly clusterNameLiteral: string;
  readonly names: MonitoringStackNames;
  /** Where the chart comes from when it is an OCI mirror (see chartSource). */
  readonly chartRepository: string;
  /** Registry of the stack's images: the account's ECR mirror. @default - the chart's own (public) registries */
  readonly imageRegistry?: string;
  /** Labels the PrometheusRules and ServiceMonitors carry; Prometheus selects exactly these. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Labels of the Prometheus pods (the flow spec's `prometheus` component selects them). */
  readonly prometheusPodLabels: Readonly<Record<string, string>>;
  /** The encrypted StorageClass of the volumes. */
  readonly storageClass: string;
  readonly retention: Duration;
  readonly prometheusStorageGi: number;
  readonly alertmanagerStorageGi: number;
  /** The alert topics Alertmanager publishes to. @default - alerting off: Alertmanager has no receiver */
  readonly alerting?: AlertTopics;
  /** The key the alert topics are encrypted with (required with `alerting`). @default - none */
  readonly alertingKey?: kms.IKey;
  /** What must exist first: the CRDs, the namespaces and their policies, the nodes. */
  readonly after: readonly Construct[];
  /**
   * Whether Weaviate's metrics port sits behind STRICT sidecars: Prometheus then runs the sidecar that keeps
   * its mesh certificate for scraping over mutual TLS (k8s/scrape-tls.ts). @default false
   */
  readonly meshScraping?: boolean;
  /**
   * Prometheus' ports that clients in the mesh query (Grafana's data source): its sidecar intercepts them, so they
   * take mutual TLS and the AuthorizationPolicies. @default - none
   */
  readonly meshQueryPorts?: readonly number[];
}

/** The chart's values (exported for the tests). */
export function kubePrometheusStackValues(
  props: Omit<MonitoringStackProps, 'cluster' | 'after' | 'clusterNameLiteral' | 'chartRepository'> & {
    readonly region: string;
    /** Where the Watchdog alert goes (required with `alerting`). */
    readonly heartbeatTopicArn?: string;
  },
): Record<string, unknown> {
  const { names } = props;
  const system = { [LABEL_NODE_ROLE]: 'system' };
  const podSecurityContext = {
    ...restrictedPodSecurityContext(MONITORING_USER_ID),
    fsGroup: MONITORING_FS_GROUP,
  };
  const containerSecurityContext = restrictedContainerSecurityContext(MONITORING_USER_ID);
  const volume = (gi: number) => ({
    volumeClaimTemplate: {
      spec: {
        storageClassName: props.storageClass,
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: `${gi}Gi` } },
      },
    },
  });
  const off = { enabled: false };
  const sidecar = props.meshScraping ? prometheusScrapeSidecar(props.meshQueryPorts) : undefined;
  const selector = { matchLabels: { ...props.selectorLabels } };
  return {
    fullnameOverride: names.release,
    ...(props.imageRegistry ? { global: { imageRegistry: props.imageRegistry } } : {}),
    // The CRDs come from the prometheus-operator-crds release, installed before the monitoring chart.
    crds: off,
    defaultRules: { create: false },
    windowsMonitoring: off,
    grafana: off,
    kubeStateMetrics: off,
    // Host network, host PID and hostPath: it cannot run under the restricted profile.
    nodeExporter: off,
    kubeApiServer: off,
    kubeControllerManager: off,
    coreDns: off,
    kubeDns: off,
    kubeEtcd: off,
    kubeScheduler: off,
    kubeProxy: off,
    // The disk alerts read the kubelet's volume statistics; nothing else of the kubelet is scraped.
    kubelet: { enabled: true, serviceMonitor: { cAdvisor: false, probes: false, resource: false } },
    prometheusOperator: {
      // A webhook would need the API server to reach the operator; the rules are checked in CI instead
      // (promtool), and the operator rejects a rule it cannot load.
      admissionWebhooks: { enabled: false, patch: off },
      tls: off,
      networkPolicy: off,
      serviceAccount: { create: true, name: names.operator.serviceAccount },
      podLabels: { ...names.operator.labels },
      nodeSelector: system,
      securityContext: podSecurityContext,
      containerSecurityContext,
      serviceMonitor: { selfMonitor: false },
    },
    prometheus: {
      networkPolicy: off,
      serviceAccount: { create: true, name: names.prometheus.serviceAccount },
      serviceMonitor: { selfMonitor: false },
      prometheusSpec: {
        replicas: 1,
        podMetadata: {
          labels: { ...props.prometheusPodLabels, ...sidecar?.labels },
          ...(sidecar ? { annotations: sidecar.annotations } : {}),
        },
        ...(sidecar ? { volumes: sidecar.volumes, volumeMounts: sidecar.volumeMounts } : {}),
        // Only our rules and monitors: nil selectors would follow the release's labels instead.
        ruleSelectorNilUsesHelmValues: false,
        ruleSelector: selector,
        serviceMonitorSelectorNilUsesHelmValues: false,
        serviceMonitorSelector: selector,
        podMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelector: selector,
        probeSelectorNilUsesHelmValues: false,
        probeSelector: selector,
        scrapeConfigSelectorNilUsesHelmValues: false,
        scrapeConfigSelector: selector,
        retention: `${props.retention.toDays()}d`,
        storageSpec: volume(props.prometheusStorageGi),
        nodeSelector: system,
        securityContext: podSecurityContext,
        resources: { requests: { cpu: '200m', memory: '1Gi' }, limits: { memory: '4Gi' } },
      },
    },
    alertmanager: {
      networkPolicy: off,
      serviceAccount: { create: true, name: names.alertmanager.serviceAccount },
      serviceMonitor: { selfMonitor: false },
      // The receivers' message templates are Alertmanager's, not Helm's.
      tplConfig: false,
      ...(props.alerting
        ? {
            config: alertmanagerConfig({
              region: props.region,
              topicArn: props.alerting.topic.topicArn,
              criticalTopicArn: props.alerting.criticalTopic.topicArn,
              heartbeatTopicArn: props.heartbeatTopicArn!,
            }),
          }
        : {}),
      alertmanagerSpec: {
        // One replica: the notifier behind the topics deduplicates, and a second would need gossip between them.
        replicas: 1,
        podMetadata: { labels: { ...names.alertmanager.labels } },
        storage: volume(props.alertmanagerStorageGi),
        nodeSelector: system,
        securityContext: podSecurityContext,
        resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      },
    },
  };
}

export class MonitoringStack extends Construct {
  readonly chart: eks.HelmChart;
  /** Alertmanager's identity, allowed to publish to the alert topics; undefined with alerting off. */
  readonly alertmanagerIdentity?: PodIdentityRole;
  /** The Watchdog's topic and the alarm on its silence; undefined with alerting off. */
  readonly heartbeat?: AlertHeartbeat;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id);
    const { cluster, names } = props;
    if (props.alerting) {
      this.alertmanagerIdentity = new PodIdentityRole(this, 'AlertmanagerIdentity', {
        clusterName: cluster.clusterName,
        clusterNameLiteral: props.clusterNameLiteral,
        namespace: names.namespace,
        serviceAccount: names.alertmanager.serviceAccount,
        description: 'Alertmanager: publish alerts to the alert topics (EKS Pod Identity)',
      });
      this.heartbeat = new AlertHeartbeat(this, 'AlertHeartbeat', {
        topicName: `${props.clusterNameLiteral}-alert-heartbeat`,
        key: props.alertingKey!,
        publisher: this.alertmanagerIdentity.role,
        alarmTopic: props.alerting.criticalTopic,
      });
      this.allowPublishing(
        this.alertmanagerIdentity.role,
        [props.alerting.topic, props.alerting.criticalTopic, this.heartbeat.topic],
        props.alertingKey!,
      );
    }
    this.chart = cluster.addHelmChart('KubePrometheusStack', {
      ...chartSource(
        props.chartRepository,
        KUBE_PROMETHEUS_STACK_CHART.chart,
        KUBE_PROMETHEUS_STACK_CHART.repository,
      ),
      version: KUBE_PROMETHEUS_STACK_CHART.version,
      release: names.release,
      namespace: names.namespace,
      createNamespace: false,
      wait: true,
      timeout: Duration.minutes(15),
      values: kubePrometheusStackValues({
        ...props,
        region: Stack.of(this).region,
        heartbeatTopicArn: this.heartbeat?.topic.topicArn,
      }),
    });
    for (const dep of props.after) this.chart.node.addDependency(dep);
    const association = this.alertmanagerIdentity?.association;
    if (association) this.chart.node.addDependency(association);
  }

  /**
   * Publish to the alert topics and the heartbeat topic, and use the alerting key only through SNS (the topics
   * are encrypted with it): the key policy names the role, since the key leaves use to its policy rather than
   * to IAM.
   */
  private allowPublishing(role: iam.IRole, topics: readonly sns.ITopic[], key: kms.IKey): void {
    const region = Stack.of(this).region;
    const keyUse = {
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } },
    };
    new iam.ManagedPolicy(this, 'AlertmanagerPublishPolicy', {
      description: 'Alertmanager: publish to the alert topics, using the alerting key through SNS',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'PublishAlerts',
          actions: ['sns:Publish'],
          resources: topics.map((t) => t.topicArn),
        }),
        new iam.PolicyStatement({ sid: 'AlertTopicKey', ...keyUse, resources: [key.keyArn] }),
      ],
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlertmanagerPublishes',
        ...keyUse,
        principals: [role],
        resources: ['*'],
      }),
    );
  }
}
