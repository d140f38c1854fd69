/**
 * Weaviate and Grafana to their OIDC issuer in the grafana-oidc example's output: each flow is proved through
 * every layer the spec names (NetworkPolicy, the node group's security group, the data tier's network ACL and
 * the NAT route), to the issuer's ranges, and removing the generated rule of a layer leaves a counterexample.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowResult } from '../../../src/findings/index.js';
import { analyse } from '../../../src/reach/engine/analyse.js';
import { exampleOutput, mutatedInventory, type Resources } from './default-helper.js';

type Manifests = Record<string, unknown>[];

const output = exampleOutput('grafana-oidc.yaml');
const { spec, manifests } = output;

/** The flow from `from` to the OIDC issuer, after `mutate` changed copies of the output. */
function issuerFlow(
  from: 'weaviate' | 'grafana',
  mutate: (resources: Resources, manifests: Manifests) => void = () => {},
): FlowResult {
  const inventory = mutatedInventory((t, m) => mutate(t.Resources, m), output);
  const flows = analyse(inventory, spec).flows.filter(
    (f) => f.from === from && f.to === 'oidc-issuer' && f.port === 443,
  );
  assert.equal(flows.length, 1);
  return flows[0]!;
}

const rules = (flow: FlowResult) => (flow.path ?? []).map((hop) => hop.rule).join('\n');
const blockers = (flow: FlowResult) => (flow.blockedBy ?? []).map((hop) => hop.rule).join('\n');
const policyName = (o: Record<string, unknown>) => (o.metadata as { name?: string } | undefined)?.name;

describe('Weaviate to its OIDC issuer (grafana-oidc example)', () => {
  it('names one issuer, shared with Grafana, by its ranges only', () => {
    const issuers = spec.components.filter((c) => c.id.includes('oidc'));
    assert.deepEqual(
      issuers.map((c) => [c.id, c.tier, c.cidrs]),
      [['oidc-issuer', 'internet', ['198.51.100.0/24']]],
    );
    assert.deepEqual(
      spec.flows.filter((f) => f.to === 'oidc-issuer').map((f) => [f.id, f.port, f.protocol, f.enforcedBy]),
      [
        ['weaviate-to-oidc-issuer-oidc', 443, 'tcp', ['network-policy', 'security-group', 'network-acl']],
        ['grafana-to-oidc-issuer-oidc', 443, 'tcp', ['network-policy', 'security-group', 'network-acl']],
      ],
    );
  });

  it('is proved allowed through the NetworkPolicy, the security group, the network ACLs and the NAT route', () => {
    const flow = issuerFlow('weaviate');
    assert.equal(flow.expected, 'allowed');
    assert.equal(flow.verdict, 'allowed');
    assert.match(flow.reason ?? '', /^intended flow weaviate-to-oidc-issuer-oidc: Weakening: /);
    const path = rules(flow);
    assert.match(path, /NetworkPolicy weaviate\/weaviate-to-oidc-issuer-oidc-egress/);
    assert.match(path, /egress tcp 443 to 198\.51\.100\.0\/24 \(.*NodesWeaviate/);
    assert.match(path, /route 0\.0\.0\.0\/0 → NAT gateway/);
    assert.match(path, /request leaves the source subnet: rule \d+ allow tcp 443-443/);
    assert.equal(flow.protection?.kind, 'tls');
    assert.equal(flow.protection?.terminatedBy, 'remote-server');
    assert.equal(issuerFlow('grafana').verdict, 'allowed');
  });

  it('admits Weaviate to the issuer only: its NetworkPolicy names the ranges and port 443', () => {
    const policy = manifests.find((o) => policyName(o) === 'weaviate-to-oidc-issuer-oidc-egress') as {
      spec: { egress: unknown[] };
    };
    assert.deepEqual(policy.spec.egress, [
      { ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '198.51.100.0/24' } }] },
    ]);
  });

  it('is refuted when the generated NetworkPolicy egress rule is removed', () => {
    const flow = issuerFlow('weaviate', (_, m) => {
      const at = m.findIndex((o) => policyName(o) === 'weaviate-to-oidc-issuer-oidc-egress');
      assert.ok(at >= 0);
      m.splice(at, 1);
    });
    assert.equal(flow.expected, 'allowed');
    assert.equal(flow.verdict, 'denied');
    assert.match(blockers(flow), /NetworkPolicy .*no rule admits oidc-issuer on tcp\/443/);
    // Grafana's own policy still admits Grafana: the removal is Weaviate's alone.
    assert.equal(
      issuerFlow('grafana', (_, m) => {
        m.splice(
          m.findIndex((o) => policyName(o) === 'weaviate-to-oidc-issuer-oidc-egress'),
          1,
        );
      }).verdict,
      'allowed',
    );
  });

  it("is refuted when the Weaviate nodes' security group loses its HTTPS egress to the internet", () => {
    const flow = issuerFlow('weaviate', (resources) => {
      for (const [id, r] of Object.entries(resources)) {
        if (r.Type !== 'AWS::EC2::SecurityGroup' || !id.includes('NodesWeaviate')) continue;
        const egress = r.Properties!.SecurityGroupEgress as { CidrIp?: string; FromPort?: number }[];
        r.Properties!.SecurityGroupEgress = egress.filter((e) => !(e.CidrIp && e.FromPort === 443));
      }
    });
    assert.equal(flow.verdict, 'denied');
    assert.match(blockers(flow), /no egress rule of .*nodes-weaviate admits tcp\/443 to oidc-issuer/);
  });
});
