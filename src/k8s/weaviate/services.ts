/**
 * Weaviate's Services: a headless one for the cluster (gossip, data, Raft; addresses published before
 * readiness, because peers must find each other to become ready), a ClusterIP for clients (REST and gRPC,
 * reached only through the mesh ingress gateway) and a ClusterIP for metrics. Never LoadBalancer or NodePort.
 */
import { Service } from 'kubernetes-models/v1';
import { LABEL_METRICS } from '../../contract/keys.js';
import type { RenderContext } from '../context.js';

export const CLIENT_SERVICE = 'weaviate';
export const METRICS_SERVICE = 'weaviate-metrics';
/** Label the ServiceMonitor selects the metrics Service by. */
export const METRICS_SERVICE_LABEL = { [LABEL_METRICS]: 'weaviate' } as const;

export function services(ctx: RenderContext): Service[] {
  const n = ctx.names.weaviate;
  const p = ctx.bp.weaviate.ports;
  const labels = { ...ctx.commonLabels, ...n.labels };
  const selector = { ...n.labels };
  return [
    new Service({
      metadata: { name: n.headlessService, namespace: n.namespace, labels },
      spec: {
        type: 'ClusterIP',
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector,
        ports: [
          { name: 'tcp-gossip', port: p.gossip, targetPort: 'gossip', protocol: 'TCP' },
          { name: 'udp-gossip', port: p.gossip, targetPort: 'gossip-udp', protocol: 'UDP' },
          { name: 'tcp-data', port: p.data, targetPort: 'data', protocol: 'TCP' },
          { name: 'tcp-raft', port: p.raft, targetPort: 'raft', protocol: 'TCP' },
          { name: 'tcp-raft-rpc', port: p.raftRpc, targetPort: 'raft-rpc', protocol: 'TCP' },
        ],
      },
    }),
    new Service({
      metadata: { name: CLIENT_SERVICE, namespace: n.namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [
          { name: 'http', port: p.http, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
          { name: 'grpc', port: p.grpc, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' },
        ],
      },
    }),
    new Service({
      metadata: {
        name: METRICS_SERVICE,
        namespace: n.namespace,
        labels: { ...labels, ...METRICS_SERVICE_LABEL },
      },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: 'metrics', port: p.metrics, targetPort: 'metrics', protocol: 'TCP' }],
      },
    }),
  ];
}
