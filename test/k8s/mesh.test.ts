import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { one, ofKind, render } from './helpers.js';
import { VARIANTS } from './variants.js';

interface AuthzPolicy {
  metadata: { name: string; namespace: string };
  spec: {
    selector?: { matchLabels: Record<string, string> };
    action?: string;
    rules?: { from: { source: { principals: string[] } }[]; to: { operation: { ports: string[] } }[] }[];
  };
}

describe('Istio objects', () => {
  const r = render({});

  it('require mutual TLS (STRICT) in the Weaviate namespace and inject sidecars there', () => {
    const pa = one(r, 'PeerAuthentication', 'default', 'weaviate') as unknown as { spec: unknown };
    assert.deepEqual(pa.spec, { mtls: { mode: 'STRICT' } });
    const ns = one(r, 'Namespace', 'weaviate');
    assert.equal(ns.metadata.labels?.['istio-injection'], 'enabled');
  });

  it('deny by default and allow the ingress gateway to 8080 and 50051, and the backup jobs to 8080, only', () => {
    const policies = ofKind(r, 'AuthorizationPolicy') as unknown as AuthzPolicy[];
    const denies = policies.filter((p) => p.metadata.name === 'default-deny');
    assert.deepEqual(
      denies.map((p) => [p.metadata.namespace, p.spec]),
      [
        ['weaviate', {}],
        ['weaviate-restore-drill', {}],
      ],
    );
    const allows = policies.filter((p) => p.spec.action === 'ALLOW');
    const summary = (ns: string) =>
      allows
        .filter((p) => p.metadata.namespace === ns)
        .map((p) => [
          p.spec.rules![0]!.from[0]!.source.principals,
          p.spec.rules![0]!.to[0]!.operation.ports,
          p.spec.selector?.matchLabels['app.kubernetes.io/name'],
        ]);
    assert.deepEqual(summary('weaviate'), [
      [['cluster.local/ns/istio-ingress/sa/ingress-gateway'], ['8080'], 'weaviate'],
      [['cluster.local/ns/istio-ingress/sa/ingress-gateway'], ['50051'], 'weaviate'],
      [['cluster.local/ns/weaviate/sa/weaviate-backup'], ['8080'], 'weaviate'],
      [['cluster.local/ns/weaviate/sa/weaviate-backup-role'], ['8080'], 'weaviate'],
      [['cluster.local/ns/weaviate/sa/weaviate-restore-drill'], ['8080'], 'weaviate'],
    ]);
    // The scratch Weaviate admits the drill alone.
    assert.deepEqual(summary('weaviate-restore-drill'), [
      [['cluster.local/ns/weaviate/sa/weaviate-restore-drill'], ['8080'], 'weaviate-scratch'],
    ]);
    assert.equal(allows.length, 6);
  });

  it('keep gossip, data, Raft and metrics outside the sidecar, explicitly on the pod', () => {
    const sts = one(r, 'StatefulSet', 'weaviate', 'weaviate') as unknown as {
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    const a = sts.spec.template.metadata.annotations;
    assert.equal(a['traffic.sidecar.istio.io/excludeInboundPorts'], '2112,7946,7947,8300,8301');
    assert.equal(a['traffic.sidecar.istio.io/excludeOutboundPorts'], '7946,7947,8300,8301');
    assert.equal(a['traffic.sidecar.istio.io/excludeOutboundIPRanges'], '169.254.170.23/32');
    // Client ports stay in the mesh.
    assert.doesNotMatch(a['traffic.sidecar.istio.io/excludeInboundPorts']!, /8080|50051/);
  });

  it('follow custom cluster ports from the blueprint', () => {
    const five = render(VARIANTS['five replicas, custom ports']!);
    const sts = one(five, 'StatefulSet', 'weaviate', 'weaviate') as unknown as {
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    assert.equal(
      sts.spec.template.metadata.annotations['traffic.sidecar.istio.io/excludeInboundPorts'],
      '2112,7000,7001,8300,8301',
    );
  });

  it('list excluded ports in numeric order', () => {
    const high = render({ weaviate: { ports: { gossip: 10000, data: 10001 } } });
    const sts = one(high, 'StatefulSet', 'weaviate', 'weaviate') as unknown as {
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    const a = sts.spec.template.metadata.annotations;
    assert.equal(a['traffic.sidecar.istio.io/excludeInboundPorts'], '2112,8300,8301,10000,10001');
    assert.equal(a['traffic.sidecar.istio.io/excludeOutboundPorts'], '8300,8301,10000,10001');
  });

  it('route REST and gRPC from the gateway on 8080 to the Weaviate Service', () => {
    const gw = one(r, 'Gateway', 'weaviate', 'istio-ingress') as unknown as {
      spec: { selector: Record<string, string>; servers: { port: { number: number; protocol: string } }[] };
    };
    assert.deepEqual(gw.spec.selector, {
      istio: 'ingressgateway',
      'app.kubernetes.io/name': 'ingress-gateway',
    });
    assert.deepEqual(
      gw.spec.servers.map((s) => s.port.number),
      [8080],
    );
    // Health checks from the load balancer carry the target IP as Host: the gateway must accept any host.
    const exposed = one(
      render(VARIANTS['alb exposure']!),
      'Gateway',
      'weaviate',
      'istio-ingress',
    ) as unknown as {
      spec: { servers: { hosts: string[] }[] };
    };
    assert.deepEqual(exposed.spec.servers[0]!.hosts, ['*']);
    const vs = one(r, 'VirtualService', 'weaviate', 'istio-ingress') as unknown as {
      spec: {
        http: {
          match?: { uri: { prefix: string } }[];
          route: { destination: { host: string; port: { number: number } } }[];
        }[];
      };
    };
    assert.deepEqual(
      vs.spec.http.map((h) => [h.match?.map((m) => m.uri.prefix), h.route[0]!.destination.port.number]),
      [
        [['/weaviate.v1.Weaviate/', '/grpc.health.v1.Health/'], 50051],
        [undefined, 8080],
      ],
    );
    assert.ok(
      vs.spec.http.every((h) => h.route[0]!.destination.host === 'weaviate.weaviate.svc.cluster.local'),
    );
  });

  it('are absent, with no injection label or annotations, when the mesh is off (a named weakening)', () => {
    const off = render(VARIANTS['mesh off']!);
    assert.equal(
      off.charts.some((c) => c.name === 'mesh'),
      false,
    );
    assert.equal(one(off, 'Namespace', 'weaviate').metadata.labels?.['istio-injection'], undefined);
    const sts = one(off, 'StatefulSet', 'weaviate', 'weaviate') as unknown as {
      spec: { template: { metadata: { annotations?: Record<string, string> } } };
    };
    assert.deepEqual(sts.spec.template.metadata.annotations ?? {}, {});
  });
});
