import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESH_ACCESS_LOG_TELEMETRY, MESH_DEFAULT_DENY_AUTHZ } from '../../src/k8s/mesh-wide.js';
import { one, ofKind, render } from './helpers.js';
import { VARIANTS } from './variants.js';

interface Spec {
  spec: Record<string, unknown>;
}

describe('mesh-wide Istio objects', () => {
  const r = render({});

  it('deny by default mesh-wide, from the root namespace', () => {
    const deny = one(r, 'AuthorizationPolicy', MESH_DEFAULT_DENY_AUTHZ, 'istio-system') as unknown as Spec;
    assert.deepEqual(deny.spec, {});
  });

  it('admit the load balancer to the ingress gateway by its subnets, on the gateway port only', () => {
    assert.equal(
      ofKind(r, 'AuthorizationPolicy').filter((p) => p.metadata.namespace === 'istio-ingress').length,
      0,
      'nothing is sent to the gateway in a private deployment',
    );
    const exposed = render(VARIANTS['alb exposure']!);
    const allow = ofKind(exposed, 'AuthorizationPolicy').filter(
      (p) => p.metadata.namespace === 'istio-ingress',
    );
    assert.equal(allow.length, 1);
    const spec = allow[0]!.spec as {
      selector: { matchLabels: Record<string, string> };
      action: string;
      rules: { from: { source: { ipBlocks: string[] } }[]; to: { operation: { ports: string[] } }[] }[];
    };
    assert.equal(spec.action, 'ALLOW');
    assert.equal(spec.selector.matchLabels.istio, 'ingressgateway');
    const alb = exposed.spec.components.find((c) => c.id === 'alb')!;
    assert.ok((alb.cidrs ?? []).length > 0);
    assert.deepEqual(spec.rules[0]!.from[0]!.source.ipBlocks, alb.cidrs);
    assert.deepEqual(spec.rules[0]!.to[0]!.operation.ports, ['8443']);
  });

  it("give Weaviate's clients mutual TLS, the blueprint's pool limits and outlier detection", () => {
    const dr = one(r, 'DestinationRule', 'weaviate', 'weaviate') as unknown as Spec;
    assert.deepEqual(dr.spec, {
      host: 'weaviate.weaviate.svc.cluster.local',
      trafficPolicy: {
        tls: { mode: 'ISTIO_MUTUAL' },
        connectionPool: {
          tcp: { maxConnections: 1024 },
          http: { http1MaxPendingRequests: 1024, http2MaxRequests: 1024 },
        },
        outlierDetection: {
          consecutiveGatewayErrors: 5,
          consecutive5xxErrors: 0,
          interval: '10s',
          baseEjectionTime: '30s',
          maxEjectionPercent: 34,
        },
      },
    });
    const tuned = render({
      mesh: { circuitBreaking: { maxConnections: 64, consecutiveGatewayErrors: 3, maxEjectionPercent: 20 } },
    });
    const policy = (one(tuned, 'DestinationRule', 'weaviate', 'weaviate') as unknown as Spec).spec
      .trafficPolicy as { connectionPool: { tcp: unknown }; outlierDetection: Record<string, unknown> };
    assert.deepEqual(policy.connectionPool.tcp, { maxConnections: 64 });
    assert.equal(policy.outlierDetection.consecutiveGatewayErrors, 3);
    assert.equal(policy.outlierDetection.maxEjectionPercent, 20);
  });

  it('send the cluster traffic through the headless Service with mutual TLS, without ejection', () => {
    const dr = one(r, 'DestinationRule', 'weaviate-headless', 'weaviate') as unknown as Spec;
    assert.deepEqual(dr.spec, {
      host: 'weaviate-headless.weaviate.svc.cluster.local',
      trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
    });
  });

  it('log every request of every sidecar and gateway, unless the blueprint turns it off', () => {
    const telemetry = one(r, 'Telemetry', MESH_ACCESS_LOG_TELEMETRY, 'istio-system') as unknown as Spec;
    assert.deepEqual(telemetry.spec, { accessLogging: [{ providers: [{ name: 'envoy' }] }] });
    assert.equal(ofKind(render({ mesh: { accessLogging: false } }), 'Telemetry').length, 0);
  });

  it('scrape the metrics over mutual TLS with the Istio certificates Prometheus mounts', () => {
    const sm = one(r, 'ServiceMonitor', 'weaviate', 'monitoring') as unknown as {
      spec: { endpoints: Record<string, unknown>[] };
    };
    assert.deepEqual(sm.spec.endpoints, [
      {
        port: 'metrics',
        path: '/metrics',
        interval: '30s',
        scheme: 'https',
        tlsConfig: {
          caFile: '/etc/prom-certs/root-cert.pem',
          certFile: '/etc/prom-certs/cert-chain.pem',
          keyFile: '/etc/prom-certs/key.pem',
          insecureSkipVerify: true,
        },
      },
    ]);
  });
});
