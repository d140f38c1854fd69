/**
 * Mesh-wide Istio objects, beyond Weaviate's namespace:
 *
 * - an ALLOW-nothing AuthorizationPolicy in the root namespace, which Istio applies to every workload of the
 *   mesh (the ingress gateway and every injected pod, whatever namespace someone adds later), so each workload
 *   admits only what an ALLOW rule names;
 * - the ingress gateway's own ALLOW, for the address ranges the flow spec sends to it (the load balancer's
 *   subnets), since those clients carry no mesh identity;
 * - DestinationRules that make the clients' side of every meshed flow to Weaviate mutual TLS explicitly and set
 *   the blueprint's connection-pool limits and outlier detection;
 * - mesh-wide Envoy access logging (Telemetry API).
 *
 * kube-system gets no AuthorizationPolicy: nothing there carries a sidecar, so the mesh never sees its traffic
 * (NetworkPolicy and the node security groups guard it instead).
 */
import { AuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1';
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import { ANNOTATION_FLOW } from '../contract/keys.js';
import type { ManifestObject } from './chart.js';
import type { RenderContext } from './context.js';
import { CLIENT_SERVICE } from './weaviate/services.js';

export const MESH_DEFAULT_DENY_AUTHZ = 'mesh-default-deny';
export const MESH_ACCESS_LOG_TELEMETRY = 'mesh-access-logging';

export function meshWideObjects(ctx: RenderContext): ManifestObject[] {
  const { names, spec, bp } = ctx;
  const labels = { ...ctx.commonLabels };
  const root = names.istiod.namespace;
  const objects: ManifestObject[] = [
    // In the root namespace, an ALLOW policy without rules selects every workload of the mesh and matches
    // nothing: a workload with no ALLOW of its own refuses everything.
    new AuthorizationPolicy({
      metadata: { name: MESH_DEFAULT_DENY_AUTHZ, namespace: root, labels },
      spec: {},
    }),
  ];

  const byId = new Map(spec.components.map((c) => [c.id, c]));
  const gateway = byId.get('ingress-gateway');
  for (const flow of spec.flows.filter((f) => f.to === 'ingress-gateway')) {
    const from = byId.get(flow.from);
    if (!gateway?.k8s || !from?.cidrs?.length || from.k8s) continue;
    objects.push(
      new AuthorizationPolicy({
        metadata: {
          name: `allow-${flow.id}`,
          namespace: gateway.k8s.namespace,
          labels,
          annotations: { [ANNOTATION_FLOW]: flow.id },
        },
        spec: {
          selector: { matchLabels: { ...gateway.k8s.labels } },
          action: 'ALLOW',
          rules: [
            {
              from: [{ source: { ipBlocks: [...from.cidrs] } }],
              to: [{ operation: { ports: [String(flow.port)] } }],
            },
          ],
        },
      }),
    );
  }

  const weaviate = names.weaviate;
  const breaking = bp.mesh.circuitBreaking;
  objects.push(
    new DestinationRule({
      metadata: { name: CLIENT_SERVICE, namespace: weaviate.namespace, labels },
      spec: {
        host: `${CLIENT_SERVICE}.${weaviate.namespace}.svc.cluster.local`,
        trafficPolicy: {
          tls: { mode: 'ISTIO_MUTUAL' },
          connectionPool: {
            tcp: { maxConnections: breaking.maxConnections },
            http: {
              http1MaxPendingRequests: breaking.maxPendingRequests,
              http2MaxRequests: breaking.maxRequests,
            },
          },
          outlierDetection: {
            consecutiveGatewayErrors: breaking.consecutiveGatewayErrors,
            // Weaviate's own 5xx answers are left to the client: only gateway errors eject a replica.
            consecutive5xxErrors: 0,
            interval: `${breaking.intervalSeconds}s`,
            baseEjectionTime: `${breaking.baseEjectionSeconds}s`,
            maxEjectionPercent: breaking.maxEjectionPercent,
          },
        },
      },
    }),
    // Pod-to-pod cluster traffic (gossip, data, Raft) dials pods through the headless Service: mutual TLS,
    // without pool limits or ejection (a Raft peer must never be ejected by its own followers).
    new DestinationRule({
      metadata: { name: weaviate.headlessService, namespace: weaviate.namespace, labels },
      spec: {
        host: `${weaviate.headlessService}.${weaviate.namespace}.svc.cluster.local`,
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      },
    }),
  );

  if (bp.mesh.accessLogging)
    // Written by hand: kubernetes-models has the Telemetry API only at v1alpha1; Istio 1.27 serves v1.
    objects.push({
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: MESH_ACCESS_LOG_TELEMETRY, namespace: root, labels },
      spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }] },
    } as ManifestObject);
  return objects;
}
