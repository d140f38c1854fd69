/**
 * Grafana in the monitoring namespace, rendered here rather than through the kube-prometheus-stack's Grafana
 * sub-chart: the verifier then reads the pod, its settings and the absence of any Service as they will run (a
 * Helm release is opaque to it), the chart's admin Secret (a random password in the manifests, new on every
 * synth) and its init container running as root never exist, and no dashboard sidecar needs the Kubernetes API.
 *
 * One replica with no Service: Grafana listens on the pod's loopback address, and `kubectl port-forward`
 * reaches it there. Its database lives in an emptyDir: data sources and dashboards are provisioned from the
 * ConfigMaps below at every start, so nothing needs a volume.
 */
import { createHash } from 'node:crypto';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, ServiceAccount, type IProbe, type IVolume } from 'kubernetes-models/v1';
import { grafanaNames, NODE_ROLE_LABEL } from '../../flows/index.js';
import type { ManifestObject } from '../chart.js';
import { imageRegistry, type RenderContext } from '../context.js';
import { prometheusQueryObjects } from './prometheus-query.js';
import { DASHBOARD_CONFIGMAP } from '../monitoring.js';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../pod-security.js';
import { dashboardProvidersFile, datasourcesFile } from './provisioning.js';
import { securityDashboard } from './security-dashboard.js';
import { GRAFANA_PATHS, grafanaEnv } from './settings.js';

/** The user the Grafana image runs as. */
export const GRAFANA_USER_ID = 472;
export const SECURITY_DASHBOARD_CONFIGMAP = 'security-dashboard';
const PROVISIONING_CONFIGMAP = 'grafana-provisioning';

export function grafanaObjects(ctx: RenderContext): ManifestObject[] {
  const { bp } = ctx;
  const names = grafanaNames(bp);
  const labels = { ...ctx.commonLabels, ...names.labels };
  const meta = (name: string) => ({ name, namespace: names.namespace, labels });
  const provisioning = new ConfigMap({
    metadata: meta(PROVISIONING_CONFIGMAP),
    data: { 'datasources.yaml': datasourcesFile(bp), 'dashboards.yaml': dashboardProvidersFile() },
  });
  const security = new ConfigMap({
    metadata: meta(SECURITY_DASHBOARD_CONFIGMAP),
    data: { 'security.json': JSON.stringify(securityDashboard(bp)) },
  });
  const serviceAccount = new ServiceAccount({
    metadata: meta(names.serviceAccount),
    automountServiceAccountToken: false,
  });
  // Provisioning is read at start only: a change to it rolls the pod.
  const configHash = createHash('sha256')
    .update(JSON.stringify([provisioning.data, security.data]))
    .digest('hex');
  return [
    serviceAccount,
    provisioning,
    security,
    deployment(ctx, labels, configHash),
    ...prometheusQueryObjects(ctx),
  ];
}

function deployment(ctx: RenderContext, labels: Record<string, string>, configHash: string): Deployment {
  const { bp } = ctx;
  const names = grafanaNames(bp);
  const { repository, tag } = bp.monitoring.grafana.image;
  const configMapVolume = (name: string, configMap: string): IVolume => ({
    name,
    configMap: { name: configMap },
  });
  const volumes: IVolume[] = [
    { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'tmp', emptyDir: { sizeLimit: '100Mi' } },
    configMapVolume('provisioning', PROVISIONING_CONFIGMAP),
    configMapVolume('weaviate-dashboard', DASHBOARD_CONFIGMAP),
    configMapVolume('security-dashboard', SECURITY_DASHBOARD_CONFIGMAP),
  ];
  // Grafana listens on loopback only, where neither the kubelet's nor Istio's rewritten HTTP probes (sent to
  // the pod's address) arrive: the probe runs inside the container, with the image's BusyBox wget.
  const probe = (extra: Partial<IProbe>): IProbe => ({
    exec: {
      command: ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${names.port}/api/health`],
    },
    timeoutSeconds: 3,
    ...extra,
  });
  const mesh = bp.mesh.enabled;
  return new Deployment({
    metadata: { name: names.deployment, namespace: names.namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...names.labels } },
      template: {
        metadata: {
          // The monitoring namespace is not injected: Grafana asks for its sidecar, which carries its queries to
          // Prometheus with mutual TLS and turns away anything that comes in.
          labels: { ...labels, ...(mesh ? { 'sidecar.istio.io/inject': 'true' } : {}) },
          annotations: { 'vectorfort.dev/provisioning-sha256': configHash },
        },
        spec: {
          serviceAccountName: names.serviceAccount,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurityContext(GRAFANA_USER_ID),
          nodeSelector: { [NODE_ROLE_LABEL]: 'system' },
          containers: [
            {
              name: 'grafana',
              image: `${imageRegistry(bp, 'docker.io')}/${repository}:${tag}`,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: names.port, protocol: 'TCP' }],
              env: grafanaEnv(bp),
              securityContext: restrictedContainerSecurityContext(GRAFANA_USER_ID),
              resources: {
                requests: { cpu: '100m', memory: '256Mi' },
                limits: { cpu: '500m', memory: '512Mi' },
              },
              readinessProbe: probe({ periodSeconds: 10, failureThreshold: 3 }),
              // Grafana migrates its (empty) database at start: the liveness probe waits a minute first.
              livenessProbe: probe({ initialDelaySeconds: 60, periodSeconds: 30, failureThreshold: 3 }),
              volumeMounts: [
                { name: 'data', mountPath: GRAFANA_PATHS.data },
                { name: 'tmp', mountPath: '/tmp' },
                {
                  name: 'provisioning',
                  mountPath: `${GRAFANA_PATHS.provisioning}/datasources/datasources.yaml`,
                  subPath: 'datasources.yaml',
                  readOnly: true,
                },
                {
                  name: 'provisioning',
                  mountPath: `${GRAFANA_PATHS.provisioning}/dashboards/dashboards.yaml`,
                  subPath: 'dashboards.yaml',
                  readOnly: true,
                },
                {
                  name: 'weaviate-dashboard',
                  mountPath: `${GRAFANA_PATHS.dashboards}/weaviate`,
                  readOnly: true,
                },
                {
                  name: 'security-dashboard',
                  mountPath: `${GRAFANA_PATHS.dashboards}/security`,
                  readOnly: true,
                },
              ],
            },
          ],
          volumes,
        },
      },
    },
  });
}
