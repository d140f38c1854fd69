import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, type FlowCheck } from '../../../src/reach/engine/analyse.js';
import { defaultOutput, mutatedInventory } from './default-helper.js';

type Template = Parameters<Parameters<typeof mutatedInventory>[0] & object>[0];
type Manifests = Record<string, unknown>[];

const sig = (c: FlowCheck) =>
  `${c.class} ${c.result.from}->${c.result.to}:${c.result.port}/${c.result.protocol}`;
const wrong = (checks: readonly FlowCheck[]) => checks.filter((c) => c.result.verdict !== c.result.expected);

/** Mismatches that a mutation adds to those of the unmutated output. */
function counterexamples(mutate: (t: Template, m: Manifests) => void): FlowCheck[] {
  const { spec } = defaultOutput();
  const before = new Set(wrong(analyse(mutatedInventory(), spec).checks).map(sig));
  return wrong(analyse(mutatedInventory(mutate), spec).checks).filter((c) => !before.has(sig(c)));
}

const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

describe('the default output', () => {
  it('proves at least ten flows, each with a witness, including internet and metadata denials', () => {
    const { spec } = defaultOutput();
    const { flows } = analyse(mutatedInventory(), spec);
    assert.ok(flows.length >= 10, String(flows.length));
    for (const f of flows)
      if (f.verdict !== 'unknown')
        assert.ok((f.path?.length ?? 0) + (f.blockedBy?.length ?? 0) > 0, `${f.from}->${f.to}:${f.port}`);
    const fromInternet = flows.filter((f) => f.from === 'internet');
    assert.ok(fromInternet.length > 5);
    for (const f of fromInternet) assert.equal(f.verdict, 'denied', `${f.to}:${f.port}`);
    const metadata = flows.filter((f) => f.to === 'instance-metadata');
    // One per workload: Weaviate, the ingress gateway, Prometheus, Alertmanager, the Prometheus Operator, and the
    // backup, role, drill and scratch pods, the log collector and Grafana.
    assert.equal(metadata.length, 11);
    for (const f of metadata) {
      assert.equal(f.verdict, 'denied');
      assert.match(f.blockedBy!.map((b) => b.rule).join(' '), /NetworkPolicy|HttpPutResponseHopLimit 1/);
    }
  });

  it('proves the intended client, cluster and backup flows possible', () => {
    const { spec } = defaultOutput();
    const { checks } = analyse(mutatedInventory(), spec);
    for (const id of [
      'ingress-gateway-to-weaviate-http',
      'weaviate-to-weaviate-raft',
      'weaviate-to-s3-endpoint-backups',
      'vpn-clients-to-eks-api-kubectl',
    ])
      assert.equal(checks.find((c) => c.claim === id)?.result.verdict, 'allowed', id);
  });
});

describe('mutations of the default output yield a counterexample path', () => {
  it('turning on the public API endpoint', () => {
    const found = counterexamples((t) => {
      for (const [, r] of ofType(t, 'AWS::EKS::Cluster'))
        (r.Properties!.ResourcesVpcConfig as Record<string, unknown>).EndpointPublicAccess = true;
    });
    const api = found.find((c) => c.class === 'api-access');
    assert.ok(api);
    assert.match(api.result.path!.map((h) => h.rule).join(' '), /publicAccessCidrs 0\.0\.0\.0\/0/);
  });

  it('opening the Weaviate node group to 0.0.0.0/0 alone opens no path: every other group keeps egress closed', () => {
    const found = counterexamples((t) => {
      for (const [id, r] of ofType(t, 'AWS::EC2::SecurityGroup'))
        if (id.includes('NodesWeaviate'))
          (r.Properties as Record<string, unknown>).SecurityGroupIngress = [
            { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
          ];
    });
    assert.deepEqual(found.filter((c) => c.result.to === 'nodes-weaviate').map(sig), []);
  });

  it('opening the Weaviate node group to 0.0.0.0/0 and the system nodes egress to everything', () => {
    const found = counterexamples((t) => {
      for (const [id, r] of ofType(t, 'AWS::EC2::SecurityGroup')) {
        if (id.includes('NodesWeaviate'))
          (r.Properties as Record<string, unknown>).SecurityGroupIngress = [
            { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
          ];
        if (id.includes('NodesSystem'))
          (r.Properties as Record<string, unknown>).SecurityGroupEgress = [
            { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
          ];
      }
    });
    const hit = found.find(
      (c) => c.result.from === 'outsider' && c.result.to === 'nodes-weaviate' && c.result.port === 22,
    );
    assert.ok(hit, found.map(sig).join('\n'));
    assert.match(hit.result.path!.map((h) => h.rule).join(' '), /ingress all traffic from 0\.0\.0\.0\/0/);
  });

  it('giving the data tier an internet route, public addresses and open egress', () => {
    const found = counterexamples((t) => {
      const igw = ofType(t, 'AWS::EC2::InternetGateway')[0]![0];
      for (const [id] of ofType(t, 'AWS::EC2::RouteTable'))
        if (id.includes('data'))
          t.Resources[`${id}Igw`] = {
            Type: 'AWS::EC2::Route',
            Properties: {
              RouteTableId: { Ref: id },
              DestinationCidrBlock: '0.0.0.0/0',
              GatewayId: { Ref: igw },
            },
          };
      for (const [id, r] of ofType(t, 'AWS::EC2::Subnet'))
        if (id.includes('data')) r.Properties!.MapPublicIpOnLaunch = true;
      // The data tier's network ACL names only VPC ranges: open it to the outside both ways.
      const [[dataAcl]] = ofType(t, 'AWS::EC2::NetworkAcl').filter(([id]) =>
        id.startsWith('NetworkAclsData'),
      );
      for (const egress of [true, false])
        t.Resources[`${dataAcl}Open${egress ? 'Out' : 'In'}`] = {
          Type: 'AWS::EC2::NetworkAclEntry',
          Properties: {
            NetworkAclId: { Ref: dataAcl },
            RuleNumber: 1,
            Egress: egress,
            RuleAction: 'allow',
            CidrBlock: '0.0.0.0/0',
            Protocol: -1,
          },
        };
      // The nodes' own egress is closed too; the mutation has to open it for a path to exist.
      for (const [id, r] of ofType(t, 'AWS::EC2::SecurityGroup'))
        if (id.includes('NodesWeaviate'))
          (r.Properties as Record<string, unknown>).SecurityGroupEgress = [
            { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
          ];
    });
    const exfiltration = found.find((c) => c.class === 'exfiltration' && c.result.to === 'internet');
    assert.ok(exfiltration, found.map(sig).join('\n'));
    assert.match(exfiltration.result.path!.map((h) => h.rule).join(' '), /internet gateway/);
  });

  /** Every Weaviate NetworkPolicy peer with a namespaceSelector widened to every namespace, its podSelector dropped. */
  const widenNamespaceSelectors = (m: Manifests) => {
    for (const o of m as {
      kind: string;
      metadata: { namespace?: string };
      spec: { ingress?: { from?: Record<string, unknown>[] }[] };
    }[])
      if (o.kind === 'NetworkPolicy' && o.metadata.namespace === 'weaviate')
        for (const rule of o.spec.ingress ?? [])
          for (const peer of rule.from ?? [])
            if (peer.namespaceSelector) {
              peer.namespaceSelector = {};
              delete peer.podSelector;
            }
  };

  it('widening a namespaceSelector in the Weaviate policies: the mesh still refuses every TCP port', () => {
    const found = counterexamples((_t, m) => widenNamespaceSelectors(m));
    assert.equal(found.filter((c) => c.class === 'namespace-isolation').length, 0, found.map(sig).join('\n'));
    const { spec } = defaultOutput();
    const outsider = analyse(
      mutatedInventory((_t, m) => widenNamespaceSelectors(m)),
      spec,
    ).checks.filter((c) => c.class === 'namespace-isolation' && c.result.protocol === 'tcp');
    assert.ok(outsider.length > 0);
    for (const c of outsider) assert.equal(c.result.verdict, 'denied', sig(c));
    assert.ok(outsider.some((c) => /sidecar of/.test(c.result.blockedBy!.map((b) => b.node).join(' '))));
  });

  it('widening a namespaceSelector with the mesh relaxed (no authorization, PERMISSIVE)', () => {
    const found = counterexamples((_t, m) => {
      widenNamespaceSelectors(m);
      for (let i = m.length - 1; i >= 0; i--) if (m[i]!.kind === 'AuthorizationPolicy') m.splice(i, 1);
      for (const o of m as { kind: string; spec: { mtls?: { mode: string } } }[])
        if (o.kind === 'PeerAuthentication') o.spec.mtls = { mode: 'PERMISSIVE' };
    });
    const hit = found.find((c) => c.class === 'namespace-isolation');
    assert.ok(hit, found.map(sig).join('\n'));
    assert.match(hit.result.path!.map((h) => h.rule).join(' '), /NetworkPolicy weaviate\//);
  });

  it('nothing reaches Grafana, and opening its NetworkPolicy and mesh policy to the outsider shows the path', () => {
    const { spec } = defaultOutput();
    const claims = analyse(mutatedInventory(), spec).checks.filter(
      (c) => c.claim === 'nothing-reaches-grafana',
    );
    assert.ok(claims.length > 0);
    for (const c of claims) assert.equal(c.result.verdict, 'denied', sig(c));
    const found = counterexamples((_t, m) => {
      m.push(
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'open-grafana', namespace: 'monitoring' },
          spec: {
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'grafana' } },
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ namespaceSelector: {} }] }],
          },
        },
        {
          apiVersion: 'security.istio.io/v1',
          kind: 'AuthorizationPolicy',
          metadata: { name: 'open-grafana', namespace: 'monitoring' },
          spec: {
            selector: { matchLabels: { 'app.kubernetes.io/name': 'grafana' } },
            action: 'ALLOW',
            rules: [{}],
          },
        },
      );
      for (const o of m as { kind: string; spec: { mtls?: { mode: string } } }[])
        if (o.kind === 'PeerAuthentication') o.spec.mtls = { mode: 'PERMISSIVE' };
    });
    const hit = found.find((c) => c.claim === 'nothing-reaches-grafana' && c.result.from === 'outsider');
    assert.ok(hit, found.map(sig).join('\n'));
    assert.match(hit.result.path!.map((h) => h.rule).join(' '), /NetworkPolicy monitoring\/open-grafana/);
  });

  it('running Weaviate on the host network', () => {
    const found = counterexamples((_t, m) => {
      for (const o of m as {
        kind: string;
        metadata: { name: string };
        spec: { template: { spec: Record<string, unknown> } };
      }[])
        if (o.kind === 'StatefulSet' && o.metadata.name === 'weaviate')
          o.spec.template.spec.hostNetwork = true;
    });
    const hit = found.find((c) => c.class === 'instance-metadata');
    assert.ok(hit, found.map(sig).join('\n'));
    assert.match(hit.result.path!.map((h) => h.rule).join(' '), /hostNetwork/);
  });

  it('raising the IMDS hop limit (the NetworkPolicy still blocks: a defense-in-depth counterexample)', () => {
    const found = counterexamples((t) => {
      for (const [, r] of ofType(t, 'AWS::EC2::LaunchTemplate'))
        (
          r.Properties!.LaunchTemplateData as Record<string, Record<string, unknown>>
        ).MetadataOptions!.HttpPutResponseHopLimit = 2;
    });
    assert.ok(!found.some((c) => c.class === 'instance-metadata'), 'the egress policies still block pods');
    const hit = found.find((c) => c.class === 'defense-in-depth' && c.result.to === 'instance-metadata');
    assert.ok(hit, found.map(sig).join('\n'));
    assert.match(hit.result.path!.map((h) => h.rule).join(' '), /HttpPutResponseHopLimit 2/);
  });

  it('raising the hop limit and dropping Weaviate egress policies', () => {
    const found = counterexamples((t, m) => {
      for (const [, r] of ofType(t, 'AWS::EC2::LaunchTemplate'))
        (
          r.Properties!.LaunchTemplateData as Record<string, Record<string, unknown>>
        ).MetadataOptions!.HttpPutResponseHopLimit = 2;
      for (let i = m.length - 1; i >= 0; i--) {
        const o = m[i] as { kind: string; metadata: { namespace?: string } };
        if (o.kind === 'NetworkPolicy' && o.metadata.namespace === 'weaviate') m.splice(i, 1);
      }
    });
    const hit = found.find((c) => c.class === 'instance-metadata' && c.result.from === 'weaviate');
    assert.ok(hit, found.map(sig).join('\n'));
    assert.match(hit.result.path!.map((h) => h.rule).join(' '), /HttpPutResponseHopLimit 2/);
  });
});
