import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { unexpressedFlows } from '../../src/k8s/index.js';
import { renderContext } from '../../src/k8s/context.js';
import { ofKind, render, type Rendered } from './helpers.js';
import { VARIANTS } from './variants.js';

type Policy = INetworkPolicy & {
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
};
const policies = (r: Rendered) => ofKind(r, 'NetworkPolicy') as unknown as Policy[];
const namespaces = (r: Rendered) => ofKind(r, 'Namespace').map((n) => n.metadata.name);
const byFlow = (r: Rendered, flowId: string, side: 'egress' | 'ingress') =>
  policies(r).find((p) => p.metadata.name === `${flowId}-${side}`);

describe('NetworkPolicies', () => {
  for (const [name, input] of Object.entries(VARIANTS)) {
    it(`close every generated namespace for ingress and egress (${name})`, () => {
      const r = render(input);
      assert.ok(namespaces(r).length >= 1);
      for (const ns of namespaces(r)) {
        const deny = policies(r).find(
          (p) => p.metadata.namespace === ns && p.metadata.name === 'default-deny-all',
        );
        assert.ok(deny, ns);
        assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      }
    });

    it(`never open the whole internet or the instance metadata service (${name})`, () => {
      const all = policies(render(input));
      assert.ok(all.length > 0, 'policies were generated');
      let ipBlocks = 0;
      let rules = 0;
      for (const p of all) {
        const peers = [
          ...(p.spec?.ingress ?? []).flatMap((i) => i.from ?? []),
          ...(p.spec?.egress ?? []).flatMap((e) => e.to ?? []),
        ];
        for (const peer of peers) {
          const cidr = peer.ipBlock?.cidr;
          if (!cidr) continue;
          ipBlocks += 1;
          assert.doesNotMatch(cidr, /\/0$/, p.metadata.name);
          assert.doesNotMatch(cidr, /^169\.254\.169\.254/, p.metadata.name);
        }
        // A rule with no peers or no ports would open everything in that direction.
        for (const rule of [...(p.spec?.ingress ?? []), ...(p.spec?.egress ?? [])]) {
          rules += 1;
          assert.ok(
            ((rule as { from?: unknown[]; to?: unknown[] }).from ?? (rule as { to?: unknown[] }).to ?? [])
              .length > 0,
          );
          assert.ok((rule.ports ?? []).length > 0, p.metadata.name);
        }
      }
      // Every variant reaches S3 (backups) and the endpoints tier through address ranges.
      assert.ok(ipBlocks > 0, 'some peers are address ranges');
      assert.ok(rules > 0, 'some policies have rules');
    });

    it(`carry each network-policy flow of the spec on the sides we own (${name})`, () => {
      const r = render(input);
      const owned = new Set(namespaces(r));
      const byId = new Map(r.spec.components.map((c) => [c.id, c]));
      const missing = new Set(unexpressedFlows(renderContext(r.blueprint, r.spec)).map((f) => f.id));
      let checked = 0;
      for (const flow of r.spec.flows.filter((f) => f.enforcedBy.includes('network-policy'))) {
        if (missing.has(flow.id)) continue;
        const from = byId.get(flow.from)!;
        const to = byId.get(flow.to)!;
        for (const [side, c] of [
          ['egress', from],
          ['ingress', to],
        ] as const) {
          if (!c.k8s || !owned.has(c.k8s.namespace)) continue;
          const p = byFlow(r, flow.id, side);
          assert.ok(p, `${flow.id}-${side}`);
          assert.equal(p.metadata.namespace, c.k8s.namespace);
          assert.deepEqual(p.spec?.podSelector, { matchLabels: c.k8s.labels });
          const rules = side === 'egress' ? p.spec!.egress! : p.spec!.ingress!;
          assert.deepEqual(rules[0]!.ports, [{ protocol: flow.protocol.toUpperCase(), port: flow.port }]);
          assert.equal(p.metadata.annotations?.['vectorfort.dev/flow'], flow.id);
          checked += 1;
        }
      }
      assert.ok(checked >= 10, `${checked} policy sides checked`);
    });
  }

  it('admit only the ingress gateway (8080, 50051) and the backup jobs (8080) to Weaviate', () => {
    const r = render({});
    const toWeaviate = policies(r).filter(
      (p) =>
        p.metadata.namespace === 'weaviate' && p.spec?.policyTypes?.includes('Ingress') && p.spec.ingress,
    );
    const ports = (peerNs: string) =>
      toWeaviate
        .flatMap((p) => p.spec!.ingress!)
        .filter((rule) =>
          rule.from?.some(
            (f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === peerNs,
          ),
        )
        .flatMap((rule) => rule.ports!.map((x) => x.port))
        .sort();
    assert.deepEqual(ports('istio-ingress'), [50051, 8080]);
    // Prometheus scrapes Weaviate, and the backup and drill jobs' result metrics.
    assert.deepEqual(ports('monitoring'), [2112, 9464, 9464]);
    assert.deepEqual(ports('weaviate'), [7946, 7946, 7947, 8080, 8080, 8080, 8300, 8301]);
    const fromJobs = toWeaviate
      .filter((p) => p.spec!.ingress!.some((rule) => rule.ports!.some((x) => x.port === 8080)))
      .flatMap((p) =>
        p.spec!.ingress!.flatMap((rule) =>
          rule.from!.map((f) => f.podSelector?.matchLabels?.['app.kubernetes.io/name']),
        ),
      )
      .filter((name) => name !== 'ingress-gateway')
      .sort();
    assert.deepEqual(fromJobs, ['weaviate-backup', 'weaviate-backup-role', 'weaviate-restore-drill']);
  });

  it('let Weaviate resolve names (53 UDP and TCP) and reach the endpoints tier on 443 only', () => {
    const r = render({});
    const dns = ['weaviate-to-kube-dns-dns-egress', 'weaviate-to-kube-dns-dns-tcp-egress'].map(
      (n) => policies(r).find((p) => p.metadata.name === n)!.spec!.egress![0]!,
    );
    assert.deepEqual(
      dns.map((e) => e.ports![0]),
      [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    );
    assert.deepEqual(dns[0]!.to, [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ]);
    const aws = byFlow(r, 'weaviate-to-aws-endpoints-aws-apis', 'egress')!.spec!.egress![0]!;
    const endpointSubnets = r.spec.subnets.filter((s) => s.tier === 'endpoints').map((s) => s.cidr);
    assert.deepEqual(
      aws.to!.map((t) => t.ipBlock!.cidr),
      endpointSubnets,
    );
    assert.deepEqual(aws.ports, [{ protocol: 'TCP', port: 443 }]);
  });

  it('send backups to S3 on 443 through its interface endpoint, by the endpoints tier ranges, in every region', () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-south-2']) {
      const r = render({ environment: { region } });
      const endpointSubnets = r.spec.subnets.filter((s) => s.tier === 'endpoints').map((s) => s.cidr);
      assert.equal(endpointSubnets.length, 3);
      const egress = byFlow(r, 'weaviate-to-s3-endpoint-backups', 'egress')!.spec!.egress![0]!;
      assert.deepEqual(
        egress.to!.map((t) => t.ipBlock!.cidr),
        endpointSubnets,
        region,
      );
      assert.deepEqual(egress.ports, [{ protocol: 'TCP', port: 443 }]);
      assert.deepEqual(unexpressedFlows(renderContext(r.blueprint, r.spec)), [], region);
    }
  });

  it('admit the load balancer subnets to the gateway when exposed', () => {
    const r = render(VARIANTS['alb exposure']!);
    const p = byFlow(r, 'alb-to-ingress-gateway-https', 'ingress')!;
    assert.equal(p.metadata.namespace, 'istio-ingress');
    const publicSubnets = r.spec.subnets.filter((s) => s.tier === 'public').map((s) => s.cidr);
    assert.deepEqual(
      p.spec!.ingress![0]!.from!.map((f) => f.ipBlock!.cidr),
      publicSubnets,
    );
    assert.deepEqual(p.spec!.ingress![0]!.ports, [{ protocol: 'TCP', port: 8443 }]);
  });
});
