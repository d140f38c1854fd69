/**
 * The Weaviate StatefulSet, its ServiceAccount and its disruption budget.
 *
 * - One replica per node (required anti-affinity) and an even spread over zones (maxSkew 1, DoNotSchedule),
 *   on the dedicated, tainted Weaviate node group only.
 * - `podManagementPolicy: Parallel`: Raft needs its voters up together to bootstrap; ordered start would wait
 *   forever for pod 0 to become ready without a quorum.
 * - The ServiceAccount token is not mounted: Weaviate never calls the Kubernetes API. The credentials it does
 *   need arrive as their own projected tokens, added independently of `automountServiceAccountToken`: EKS Pod
 *   Identity's webhook mounts `eks-pod-identity-token` (audience `pods.eks.amazonaws.com`), Istio's injector
 *   mounts `istio-token` (audience `istio-ca`), and the Secrets Store CSI driver requests its token through the
 *   CSIDriver's `tokenRequests`.
 */
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ServiceAccount, type IContainerPort, type IProbe } from 'kubernetes-models/v1';
import { NODE_ROLE_LABEL, WEAVIATE_NODE_TAINT } from '../../flows/index.js';
import { weaviateImage, type RenderContext } from '../context.js';
import { meshOffWorkloadMetadata } from '../mesh-off.js';
import { hardened, restrictedPodSecurityContext } from '../pod-security.js';
import { sidecarAnnotations, sidecarExclusions } from '../sidecar-ports.js';
import { DATA_PATH, weaviateEnv } from './env.js';
import { SECRET_PROVIDER_CLASS, SECRETS_MOUNT_PATH } from './secrets.js';
import { STORAGE_CLASS } from './storage.js';

export const DATA_VOLUME = 'data';
/** Seconds Weaviate gets to flush and leave the cluster before it is killed. */
export const TERMINATION_GRACE_SECONDS = 600;

export function containerPorts(ctx: RenderContext): IContainerPort[] {
  const p = ctx.bp.weaviate.ports;
  return [
    { name: 'http', containerPort: p.http, protocol: 'TCP' },
    { name: 'grpc', containerPort: p.grpc, protocol: 'TCP' },
    { name: 'gossip', containerPort: p.gossip, protocol: 'TCP' },
    { name: 'gossip-udp', containerPort: p.gossip, protocol: 'UDP' },
    { name: 'data', containerPort: p.data, protocol: 'TCP' },
    { name: 'raft', containerPort: p.raft, protocol: 'TCP' },
    { name: 'raft-rpc', containerPort: p.raftRpc, protocol: 'TCP' },
    { name: 'metrics', containerPort: p.metrics, protocol: 'TCP' },
  ];
}

export function serviceAccount(ctx: RenderContext): ServiceAccount {
  const n = ctx.names.weaviate;
  return new ServiceAccount({
    metadata: {
      name: n.serviceAccount,
      namespace: n.namespace,
      labels: { ...ctx.commonLabels, ...n.labels },
    },
    automountServiceAccountToken: false,
  });
}

export function podDisruptionBudget(ctx: RenderContext): PodDisruptionBudget {
  const n = ctx.names.weaviate;
  return new PodDisruptionBudget({
    metadata: { name: n.statefulSet, namespace: n.namespace, labels: { ...ctx.commonLabels, ...n.labels } },
    // One voter down keeps the Raft quorum of three (or more).
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...n.labels } } },
  });
}

export function statefulSet(ctx: RenderContext): StatefulSet {
  const { bp } = ctx;
  const w = bp.weaviate;
  const n = ctx.names.weaviate;
  const selector = { ...n.labels };
  // Raft joins and memberlist dials peers at start, through the sidecar: the app waits for the proxy.
  const annotations = bp.mesh.enabled
    ? {
        ...sidecarAnnotations(sidecarExclusions(ctx.spec, 'weaviate')),
        'proxy.istio.io/config': JSON.stringify({ holdApplicationUntilProxyStarts: true }),
      }
    : {};
  const probe = (path: string, extra: Record<string, number>): IProbe => ({
    httpGet: { path, port: 'http', scheme: 'HTTP' as const },
    ...extra,
  });
  return new StatefulSet({
    metadata: {
      name: n.statefulSet,
      namespace: n.namespace,
      labels: { ...ctx.commonLabels, ...selector },
      ...meshOffWorkloadMetadata(ctx),
    },
    spec: {
      serviceName: n.headlessService,
      replicas: w.replicas,
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate' },
      selector: { matchLabels: selector },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels: { ...ctx.commonLabels, ...selector }, annotations },
        spec: {
          serviceAccountName: n.serviceAccount,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          securityContext: restrictedPodSecurityContext(),
          nodeSelector: { [NODE_ROLE_LABEL]: 'weaviate' },
          tolerations: [{ ...WEAVIATE_NODE_TAINT, operator: 'Equal' }],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: selector },
            },
          ],
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } },
              ],
            },
          },
          containers: [
            hardened({
              name: 'weaviate',
              image: weaviateImage(bp),
              imagePullPolicy: 'IfNotPresent',
              args: ['--host', '0.0.0.0', '--port', String(w.ports.http), '--scheme', 'http'],
              ports: containerPorts(ctx),
              env: weaviateEnv(ctx),
              resources: {
                requests: { cpu: w.resources.cpu, memory: w.resources.memory },
                limits: { cpu: w.resources.cpu, memory: w.resources.memory },
              },
              // Loading large indexes can take minutes: the startup probe holds the others off for up to 15.
              startupProbe: probe('/v1/.well-known/ready', {
                periodSeconds: 10,
                failureThreshold: 90,
                timeoutSeconds: 3,
              }),
              readinessProbe: probe('/v1/.well-known/ready', {
                periodSeconds: 10,
                failureThreshold: 3,
                timeoutSeconds: 3,
              }),
              livenessProbe: probe('/v1/.well-known/live', {
                periodSeconds: 10,
                failureThreshold: 6,
                timeoutSeconds: 3,
              }),
              volumeMounts: [
                { name: DATA_VOLUME, mountPath: DATA_PATH },
                { name: 'tmp', mountPath: '/tmp' },
                { name: 'secrets', mountPath: SECRETS_MOUNT_PATH, readOnly: true },
              ],
            }),
          ],
          volumes: [
            // The only writable path besides the data volume (the root filesystem is read-only).
            { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
            {
              name: 'secrets',
              csi: {
                driver: 'secrets-store.csi.k8s.io',
                readOnly: true,
                volumeAttributes: { secretProviderClass: SECRET_PROVIDER_CLASS },
              },
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: DATA_VOLUME, labels: selector },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: STORAGE_CLASS,
            resources: { requests: { storage: `${w.storageGiB}Gi` } },
          },
        },
      ],
    },
  });
}
