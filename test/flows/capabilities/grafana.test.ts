import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grafana } from '../../../src/flows/capabilities/grafana.js';
import { contextFor, denialLine, flowSections } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';
const MESH = `${POD}+mesh`;

describe('capability: grafana', () => {
  it('sends Grafana to Prometheus through the mesh, to CloudWatch with Pod Identity, and lets nothing reach it', () => {
    const parts = grafana(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.k8s?.namespace, c.k8s?.serviceAccount, c.nodeGroup, c.meshed]),
      [['grafana', 'monitoring', 'grafana', 'system', true]],
    );
    const sections = flowSections(parts);
    assert.deepEqual(sections.dashboards, [
      `grafana-to-prometheus-queries 9090/tcp ${MESH} via mesh`,
      `grafana-to-aws-endpoints-cloudwatch 443/tcp ${POD}`,
      'grafana-to-pod-identity-agent-credentials 80/tcp network-policy',
    ]);
    assert.deepEqual(sections.dns, [
      `grafana-to-kube-dns-dns 53/udp ${POD}`,
      `grafana-to-kube-dns-dns-tcp 53/tcp ${POD}`,
    ]);
    assert.ok(
      !Object.values(parts.flows)
        .flat()
        .some((f) => f?.to === 'grafana'),
      'no flow into Grafana',
    );
    assert.deepEqual(parts.denials.map(denialLine), [
      'nothing-reaches-grafana (namespace-isolation): outsider,prometheus,weaviate,ingress-gateway,tier:application,tier:admin -> grafana on any port',
    ]);
    assert.deepEqual(parts.workloads, ['grafana']);
  });

  it("with OIDC sign-in, adds the flow to the issuer's token endpoint", () => {
    const parts = grafana(
      contextFor({
        network: { allowDataTierInternetEgress: true },
        images: { source: 'public' },
        monitoring: {
          grafana: {
            oidc: {
              enabled: true,
              issuer: 'https://id.example.com',
              clientId: 'grafana',
              authUrl: 'https://id.example.com/auth',
              tokenUrl: 'https://id.example.com/token',
              issuerCidrs: ['198.51.100.0/24'],
            },
          },
        },
      }),
    );
    assert.deepEqual(flowSections(parts).dashboards!.at(-1), `grafana-to-oidc-issuer-oidc 443/tcp ${POD}`);
    // The issuer's component is the OIDC capability's, shared with Weaviate's (capabilities/oidc.test.ts).
    assert.deepEqual(
      parts.components.map((c) => c.id),
      ['grafana'],
    );
  });

  it('queries Prometheus in plaintext, acknowledged, with the mesh off', () => {
    const flow = grafana(contextFor({ mesh: { enabled: false } })).flows.dashboards![0]!;
    assert.equal(flow.viaMesh, false);
    assert.equal(flow.protection?.kind, 'none');
    assert.ok(flow.protection?.acknowledged);
  });

  it('contributes nothing with Grafana or the monitoring stack off', () => {
    for (const monitoring of [
      { grafana: { enabled: false } },
      { stack: { enabled: false } },
      { enabled: false },
    ]) {
      const parts = grafana(contextFor({ monitoring }));
      assert.deepEqual([parts.components, parts.flows, parts.denials], [[], {}, []]);
    }
  });
});
