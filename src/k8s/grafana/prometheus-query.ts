/**
 * How Grafana reaches Prometheus: a Service of ours selecting the Prometheus pods on their query port and, with
 * the mesh, a DestinationRule that makes Grafana's sidecar use Istio's mutual TLS towards it. Prometheus'
 * sidecar intercepts that port (monitoring-stack.ts), and the AuthorizationPolicy the flow spec generates admits
 * Grafana's principal only. The monitoring namespace is not injected as a whole, so the two sidecars' STRICT
 * mode is set per workload: neither accepts plaintext on a port its sidecar intercepts.
 */
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1beta1';
import { Service } from 'kubernetes-models/v1';
import { grafanaNames, PROMETHEUS_WEB_PORT } from '../../flows/index.js';
import type { ManifestObject } from '../chart.js';
import type { RenderContext } from '../context.js';

export function prometheusQueryObjects(ctx: RenderContext): ManifestObject[] {
  const { bp, names } = ctx;
  const grafana = grafanaNames(bp);
  const labels = { ...ctx.commonLabels, ...grafana.labels };
  const namespace = names.prometheus.namespace;
  const service = new Service({
    metadata: { name: grafana.prometheusService, namespace, labels },
    spec: {
      type: 'ClusterIP',
      selector: { ...names.prometheus.labels },
      ports: [
        {
          name: 'http-query',
          port: PROMETHEUS_WEB_PORT,
          targetPort: PROMETHEUS_WEB_PORT,
          protocol: 'TCP',
        },
      ],
    },
  });
  if (!bp.mesh.enabled) return [service];
  const strict = (name: string, selected: Readonly<Record<string, string>>) =>
    new PeerAuthentication({
      metadata: { name, namespace, labels },
      spec: { selector: { matchLabels: { ...selected } }, mtls: { mode: 'STRICT' } },
    });
  return [
    service,
    strict('grafana-strict', grafana.labels),
    strict('prometheus-strict', names.prometheus.labels),
    new DestinationRule({
      metadata: { name: grafana.prometheusService, namespace, labels },
      spec: {
        host: `${grafana.prometheusService}.${namespace}.svc.cluster.local`,
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      },
    }),
  ];
}
