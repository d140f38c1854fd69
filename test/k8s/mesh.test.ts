import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { one, ofKind, render } from './helpers.js';
import { VARIANTS } from './variants.js';

interface AuthzPolicy {
  metadata: { name: string; namespace: string };
  spec: {
    selector?: { matchLabels: Record<string, string> };
    action?: string;
    rules?: {
      from: { source: { principals?: string[]; namespaces?: string[]; ipBlocks?: string[] } }[];
      to: { operation: { ports: string[] } }[];
    }[];
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

  /** Each ALLOW policy of a namespace as [source, ports, selected app]. */
  const allowsIn = (rendered: ReturnType<typeof render>, namespace: string) =>
    (ofKind(rendered, 'AuthorizationPolicy') as unknown as AuthzPolicy[])
      .filter((p) => p.spec.action === 'ALLOW' && p.metadata.namespace === namespace)
      .map((p) => [
        p.spec.rules![0]!.from[0]!.source,
        p.spec.rules![0]!.to[0]!.operation.ports,
        p.spec.selector?.matchLabels['app.kubernetes.io/name'],
      ]);

  it('deny by default and allow the gateway, the Weaviate peers and Prometheus on their ports only', () => {
    const policies = ofKind(r, 'AuthorizationPolicy') as unknown as AuthzPolicy[];
    const deny = policies.find((p) => p.metadata.name === 'default-deny')!;
    assert.equal(deny.metadata.namespace, 'weaviate');
    assert.deepEqual(deny.spec, {});
    const gateway = { principals: ['cluster.local/ns/istio-ingress/sa/ingress-gateway'] };
    const peers = { principals: ['cluster.local/ns/weaviate/sa/weaviate'] };
    const backup = (sa: string) => ({ principals: [`cluster.local/ns/weaviate/sa/${sa}`] });
    assert.deepEqual(allowsIn(r, 'weaviate'), [
      [gateway, ['8080'], 'weaviate'],
      [gateway, ['50051'], 'weaviate'],
      [peers, ['7946'], 'weaviate'],
      [peers, ['7947'], 'weaviate'],
      [peers, ['8300'], 'weaviate'],
      [peers, ['8301'], 'weaviate'],
      // Prometheus' pods are another chart's: named by their namespace, whose mesh identity they carry.
      [{ namespaces: ['monitoring'] }, ['2112'], 'weaviate'],
      [backup('weaviate-backup'), ['8080'], 'weaviate'],
      [backup('weaviate-backup-role'), ['8080'], 'weaviate'],
      [backup('weaviate-restore-drill'), ['8080'], 'weaviate'],
    ]);
    const scratch = { principals: ['cluster.local/ns/weaviate-restore-drill/sa/weaviate-scratch'] };
    assert.deepEqual(allowsIn(r, 'weaviate-restore-drill'), [
      [backup('weaviate-restore-drill'), ['8080'], 'weaviate-scratch'],
      [scratch, ['7946'], 'weaviate-scratch'],
      [scratch, ['7947'], 'weaviate-scratch'],
      [scratch, ['8300'], 'weaviate-scratch'],
      [scratch, ['8301'], 'weaviate-scratch'],
    ]);
    assert.deepEqual(
      policies.filter((p) => p.metadata.name === 'default-deny').map((p) => [p.metadata.namespace, p.spec]),
      [
        ['weaviate', {}],
        ['weaviate-restore-drill', {}],
      ],
    );
  });

  it('send gossip (TCP), data, Raft and metrics through the sidecar, excluding only the Pod Identity agent', () => {
    const sts = one(r, 'StatefulSet', 'weaviate', 'weaviate') as unknown as {
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    const a = sts.spec.template.metadata.annotations;
    assert.equal(a['traffic.sidecar.istio.io/excludeInboundPorts'], undefined);
    assert.equal(a['traffic.sidecar.istio.io/excludeOutboundPorts'], undefined);
    assert.equal(a['traffic.sidecar.istio.io/excludeOutboundIPRanges'], '169.254.170.23/32');
    // Raft joins and memberlist dials at start go through the sidecar: the app waits for it.
    assert.deepEqual(JSON.parse(a['proxy.istio.io/config']!), { holdApplicationUntilProxyStarts: true });
  });

  it("follow custom cluster ports from the blueprint in the peers' policies", () => {
    const five = render(VARIANTS['five replicas, custom ports']!);
    const ports = allowsIn(five, 'weaviate')
      .filter(([source]) => JSON.stringify(source).includes('sa/weaviate"'))
      .map(([, p]) => (p as string[])[0]);
    assert.deepEqual(ports, ['7000', '7001', '8300', '8301']);
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
