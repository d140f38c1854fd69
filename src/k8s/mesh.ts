/**
 * Istio objects: STRICT mTLS and default-deny authorization in Weaviate's namespace, ALLOW rules by source
 * principal for every flow the spec routes through the mesh (`viaMesh`), and the gateway and route that bring
 * client traffic (REST and gRPC) from the ingress gateway to Weaviate; the gateway's TLS listener and its
 * certificate are in gateway-tls.ts.
 *
 * Ports the spec keeps outside the sidecar (memberlist's UDP probes) get no AuthorizationPolicy: the sidecar
 * never sees them, so a rule would be dead configuration; NetworkPolicy guards them instead. A source without a
 * service account in the spec (Prometheus, whose pods another chart runs) is named by its namespace.
 * Mesh-wide objects (root-namespace default deny, DestinationRules, access logging) are in mesh-wide.ts.
 */
import { AuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1beta1';
import { Gateway, VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import { ANNOTATION_FLOW } from '../contract/keys.js';
import type { Component } from '../flows/index.js';
import type { ManifestObject } from './chart.js';
import type { RenderContext } from './context.js';
import { gatewayTlsObjects, ingressGatewayServer } from './gateway-tls.js';
import { meshWideObjects } from './mesh-wide.js';
import { meshedNamespaces } from './namespaces.js';
import { CLIENT_SERVICE } from './weaviate/services.js';

export const DEFAULT_DENY_AUTHZ = 'default-deny';
export const GATEWAY_NAME = 'weaviate';
/** gRPC requests carry the service in the path; Weaviate's client API is `weaviate.v1.Weaviate`. */
export const WEAVIATE_GRPC_PATH_PREFIX = '/weaviate.v1.Weaviate/';
/** The standard gRPC health service (clients call it on connect; the load balancer checks it). */
export const GRPC_HEALTH_PATH_PREFIX = '/grpc.health.v1.Health/';

/** SPIFFE-style principal Istio assigns a workload: `cluster.local/ns/<ns>/sa/<sa>`. */
export function principalOf(c: Component): string | undefined {
  return c.k8s?.serviceAccount ? `cluster.local/ns/${c.k8s.namespace}/sa/${c.k8s.serviceAccount}` : undefined;
}

/** How an AuthorizationPolicy names a meshed source: its principal, else its namespace. */
function sourceOf(c: Component | undefined): { principals: string[] } | { namespaces: string[] } | undefined {
  const principal = c && principalOf(c);
  if (principal) return { principals: [principal] };
  return c?.meshed && c.k8s ? { namespaces: [c.k8s.namespace] } : undefined;
}

export function meshObjects(ctx: RenderContext): ManifestObject[] {
  const { names, spec, bp } = ctx;
  const ns = names.weaviate.namespace;
  const labels = { ...ctx.commonLabels };
  const byId = new Map(spec.components.map((c) => [c.id, c]));
  const meshed = meshedNamespaces(ctx);
  const objects: ManifestObject[] = meshed.flatMap((namespace) => [
    new PeerAuthentication({
      metadata: { name: 'default', namespace, labels },
      spec: { mtls: { mode: 'STRICT' } },
    }),
    // An ALLOW-less, empty spec denies every request the sidecar sees; the policies below open what the spec lists.
    new AuthorizationPolicy({ metadata: { name: DEFAULT_DENY_AUTHZ, namespace, labels }, spec: {} }),
  ]);
  const meshFlows = spec.flows.filter((f) => f.viaMesh && f.enforcedBy.includes('mesh'));
  for (const flow of meshFlows) {
    const from = byId.get(flow.from);
    const to = byId.get(flow.to);
    const source = sourceOf(from);
    // A destination whose pods ask for their sidecar outside the injected namespaces (Prometheus, queried by
    // Grafana) is guarded the same way.
    if (!to?.k8s || !(meshed.includes(to.k8s.namespace) || to.meshed) || !source) continue;
    objects.push(
      new AuthorizationPolicy({
        metadata: {
          name: `allow-${flow.id}`,
          namespace: to.k8s.namespace,
          labels,
          annotations: { [ANNOTATION_FLOW]: flow.id },
        },
        spec: {
          selector: { matchLabels: { ...to.k8s.labels } },
          action: 'ALLOW',
          rules: [
            {
              from: [{ source }],
              to: [{ operation: { ports: [String(flow.port)] } }],
            },
          ],
        },
      }),
    );
  }

  const gw = names.ingressGateway;
  const host = `${CLIENT_SERVICE}.${ns}.svc.cluster.local`;
  const ports = bp.weaviate.ports;
  objects.push(
    new Gateway({
      metadata: { name: GATEWAY_NAME, namespace: gw.namespace, labels },
      spec: {
        selector: { ...gw.labels },
        servers: [ingressGatewayServer(ctx)],
      },
    }),
    new VirtualService({
      metadata: { name: GATEWAY_NAME, namespace: gw.namespace, labels },
      spec: {
        hosts: ['*'],
        gateways: [GATEWAY_NAME],
        http: [
          {
            name: 'grpc',
            match: [
              { uri: { prefix: WEAVIATE_GRPC_PATH_PREFIX } },
              { uri: { prefix: GRPC_HEALTH_PATH_PREFIX } },
            ],
            route: [{ destination: { host, port: { number: ports.grpc } } }],
          },
          { name: 'rest', route: [{ destination: { host, port: { number: ports.http } } }] },
        ],
      },
    }),
    ...meshWideObjects(ctx),
    ...gatewayTlsObjects(ctx),
  );
  return objects;
}
