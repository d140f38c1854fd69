/**
 * How Prometheus scrapes Weaviate's metrics port. With the mesh on, the port goes through Weaviate's sidecar,
 * which accepts only mutual TLS (STRICT): Prometheus presents the Istio workload certificate its own sidecar
 * writes to a shared volume (Istio's documented integration: the proxy's `OUTPUT_CERTS`, mounted in the
 * Prometheus container at PROMETHEUS_ISTIO_CERTS_DIR), so its namespace is its mesh identity.
 *
 * `insecureSkipVerify` is Istio's documented setting, not a shortcut: workload certificates name a SPIFFE
 * identity, never a DNS name, and Prometheus can check only DNS names. The connection is still encrypted and the
 * sidecar still verifies Prometheus' certificate and authorizes its namespace; what Prometheus does not verify
 * is which pod answered (docs/transit.md).
 */
import type { RenderContext } from './context.js';

/** Where the Prometheus container mounts the certificates its sidecar writes out. */
export const PROMETHEUS_ISTIO_CERTS_DIR = '/etc/prom-certs';

export interface MetricsEndpoint {
  readonly port: string;
  readonly path: string;
  readonly interval: string;
  readonly scheme: 'http' | 'https';
  readonly tlsConfig?: {
    readonly caFile: string;
    readonly certFile: string;
    readonly keyFile: string;
    readonly insecureSkipVerify: boolean;
  };
}

export function metricsEndpoint(ctx: RenderContext): MetricsEndpoint {
  const base = { port: 'metrics', path: '/metrics', interval: '30s' };
  if (!ctx.bp.mesh.enabled) return { ...base, scheme: 'http' };
  return {
    ...base,
    scheme: 'https',
    tlsConfig: {
      caFile: `${PROMETHEUS_ISTIO_CERTS_DIR}/root-cert.pem`,
      certFile: `${PROMETHEUS_ISTIO_CERTS_DIR}/cert-chain.pem`,
      keyFile: `${PROMETHEUS_ISTIO_CERTS_DIR}/key.pem`,
      insecureSkipVerify: true,
    },
  };
}

/** Where the Prometheus sidecar writes its certificates (Istio's OUTPUT_CERTS), inside the shared volume. */
const SIDECAR_OUTPUT_DIR = '/etc/istio-output-certs';
const CERTS_VOLUME = 'istio-certs';

/**
 * What the Prometheus pod needs to scrape through STRICT sidecars: a sidecar that intercepts no outbound traffic
 * (its job there is to keep the workload certificate fresh) and writes the certificate to an in-memory volume
 * that the Prometheus container reads at PROMETHEUS_ISTIO_CERTS_DIR. Istio's documented integration.
 *
 * @param inboundPorts Prometheus' ports its sidecar guards (mutual TLS and the AuthorizationPolicies): its query
 *   port when Grafana queries it through the mesh. @default - none: nothing inbound is intercepted
 */
export function prometheusScrapeSidecar(inboundPorts: readonly number[] = []) {
  return {
    labels: { 'sidecar.istio.io/inject': 'true' },
    annotations: {
      'traffic.sidecar.istio.io/includeInboundPorts': inboundPorts.join(','),
      'traffic.sidecar.istio.io/includeOutboundIPRanges': '',
      'proxy.istio.io/config': JSON.stringify({ proxyMetadata: { OUTPUT_CERTS: SIDECAR_OUTPUT_DIR } }),
      'sidecar.istio.io/userVolumeMount': JSON.stringify([
        { name: CERTS_VOLUME, mountPath: SIDECAR_OUTPUT_DIR },
      ]),
    },
    volumes: [{ name: CERTS_VOLUME, emptyDir: { medium: 'Memory' } }],
    volumeMounts: [{ name: CERTS_VOLUME, mountPath: `${PROMETHEUS_ISTIO_CERTS_DIR}/`, readOnly: true }],
  };
}
