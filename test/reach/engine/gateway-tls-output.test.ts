/**
 * The load balancer to the ingress gateway in the public-alb example's output: TLS ended by the gateway, proved at
 * both ends, and each downgrade back to plain HTTP refuted (a target group on HTTP, the gateway's server on HTTP).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowResult } from '../../../src/findings/index.js';
import { analyse } from '../../../src/reach/engine/analyse.js';
import { exampleOutput, mutatedInventory, type Resources } from './default-helper.js';

type Manifests = Record<string, unknown>[];

const output = exampleOutput('public-alb.yaml');
const { spec } = output;

/** The flow from the load balancer to the gateway, after `mutate` changed copies of the output. */
function gatewayFlow(mutate: (resources: Resources, manifests: Manifests) => void = () => {}): FlowResult {
  const inventory = mutatedInventory((t, m) => mutate(t.Resources, m), output);
  const flows = analyse(inventory, spec).flows.filter((f) => f.from === 'alb' && f.to === 'ingress-gateway');
  assert.equal(flows.length, 1);
  return flows[0]!;
}

const targetGroups = (resources: Resources) =>
  Object.values(resources).filter((r) => r.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup');
const gatewayServers = (m: Manifests) =>
  (m as { kind: string; spec: { servers: Record<string, unknown>[] } }[]).find((o) => o.kind === 'Gateway')!
    .spec.servers;

describe('TLS from the load balancer to the ingress gateway (public-alb example)', () => {
  it('is declared TLS ended by the gateway and proved at both ends', () => {
    const flow = gatewayFlow();
    assert.equal(flow.port, 8443);
    assert.equal(flow.verdict, 'allowed');
    assert.equal(flow.protection?.kind, 'tls');
    assert.equal(flow.protection?.terminatedBy, 'ingress-gateway');
    assert.equal(flow.protection?.acknowledged, undefined);
    assert.equal(flow.protection?.verdict, 'proved');
    assert.match(flow.protection!.reason, /every target group on port 8443 speaks HTTPS/);
    assert.match(
      flow.protection!.reason,
      /Gateway istio-ingress\/weaviate ends TLS on port 8443 with a certificate/,
    );
  });

  it('declares no plaintext flow anywhere without an acknowledged reason, and none to the gateway', () => {
    const plaintext = spec.flows.filter((f) => f.protection?.kind === 'none');
    assert.ok(plaintext.length > 0);
    for (const f of plaintext) assert.ok(f.protection!.acknowledged?.trim(), f.id);
    assert.deepEqual(
      plaintext.filter((f) => f.to === 'ingress-gateway').map((f) => f.id),
      [],
    );
    assert.ok(!JSON.stringify(spec).includes('Interim'));
  });

  it('is refuted when a target group goes back to plain HTTP', () => {
    const flow = gatewayFlow((resources) => {
      const [grpc] = targetGroups(resources).filter((r) => r.Properties!.ProtocolVersion === 'GRPC');
      grpc!.Properties!.Protocol = 'HTTP';
    });
    assert.equal(flow.protection?.verdict, 'refuted');
    assert.match(flow.protection!.reason, /target group .* on port 8443 speaks HTTP, not HTTPS/);
  });

  it("is refuted when the gateway's server on the port goes back to plain HTTP", () => {
    const flow = gatewayFlow((_r, m) => {
      const [server] = gatewayServers(m);
      server!.port = { number: 8443, name: 'http', protocol: 'HTTP' };
      delete server!.tls;
    });
    assert.equal(flow.protection?.verdict, 'refuted');
    assert.match(
      flow.protection!.reason,
      /Gateway istio-ingress\/weaviate server http on port 8443 speaks HTTP: plaintext/,
    );
  });

  it('is refuted when the gateway loses its certificate', () => {
    const flow = gatewayFlow((_r, m) => {
      const [server] = gatewayServers(m);
      server!.tls = { mode: 'SIMPLE' };
    });
    assert.equal(flow.protection?.verdict, 'refuted');
    assert.match(flow.protection!.reason, /has TLS mode SIMPLE but no certificate/);
  });
});
