/**
 * The default output's protections in transit, and the downgrades the prover must catch on it: a PERMISSIVE
 * mode, a port excluded from the sidecar, a DestinationRule that turns TLS off, a mesh-wide PERMISSIVE.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../../src/reach/engine/analyse.js';
import type { FlowResult } from '../../../src/findings/index.js';
import { defaultOutput, mutatedInventory } from './default-helper.js';

type Manifests = Record<string, unknown>[];
type Mutation = (t: unknown, m: Manifests) => void;

function protectedFlows(mutate?: Mutation): FlowResult[] {
  const { spec } = defaultOutput();
  return analyse(mutatedInventory(mutate), spec).flows.filter((f) => f.protection);
}

const refuted = (mutate: Mutation) =>
  protectedFlows(mutate).filter((f) => f.protection!.verdict === 'refuted');
const key = (f: FlowResult) => `${f.from}->${f.to}:${f.port}/${f.protocol}`;

const peerAuthentications = (m: Manifests) =>
  (m as { kind: string; metadata: { namespace: string }; spec: Record<string, unknown> }[]).filter(
    (o) => o.kind === 'PeerAuthentication',
  );

describe('protection in transit of the default output', () => {
  it('declares and proves every intended flow: mutual TLS proved, TLS held by its receiver, plaintext acknowledged', () => {
    const flows = protectedFlows();
    const { spec } = defaultOutput();
    assert.ok(flows.length > 0);
    assert.equal(
      spec.flows.filter((f) => !f.protection).length,
      0,
      'every derived flow declares its protection',
    );
    const byKind = (kind: string) => flows.filter((f) => f.protection!.kind === kind);
    for (const f of byKind('mtls')) assert.equal(f.protection!.verdict, 'proved', key(f));
    for (const f of byKind('tls')) assert.equal(f.protection!.verdict, 'by-receiver', key(f));
    for (const f of byKind('none')) assert.equal(f.protection!.verdict, 'accepted', key(f));
    assert.deepEqual(byKind('mtls').map(key).sort(), [
      'backup-job->weaviate:8080/tcp',
      'backup-role-setup->weaviate:8080/tcp',
      // Grafana and Prometheus both run in the meshed monitoring namespace.
      'grafana->prometheus:9090/tcp',
      'ingress-gateway->weaviate:50051/tcp',
      'ingress-gateway->weaviate:8080/tcp',
      'prometheus->weaviate:2112/tcp',
      'restore-drill->scratch-weaviate:8080/tcp',
      'restore-drill->weaviate:8080/tcp',
      'scratch-weaviate->scratch-weaviate:7946/tcp',
      'scratch-weaviate->scratch-weaviate:7947/tcp',
      'scratch-weaviate->scratch-weaviate:8300/tcp',
      'scratch-weaviate->scratch-weaviate:8301/tcp',
      'weaviate->weaviate:7946/tcp',
      'weaviate->weaviate:7947/tcp',
      'weaviate->weaviate:8300/tcp',
      'weaviate->weaviate:8301/tcp',
    ]);
    // The only plaintext between Weaviate pods is memberlist's UDP, which Istio cannot carry.
    assert.deepEqual(
      byKind('none')
        .filter((f) => f.to === 'weaviate')
        .map(key),
      ['weaviate->weaviate:7946/udp'],
    );
  });

  it('refutes every mutual TLS flow to Weaviate when its namespace turns PERMISSIVE', () => {
    const found = refuted((_t, m) => {
      for (const pa of peerAuthentications(m)) pa.spec.mtls = { mode: 'PERMISSIVE' };
    });
    // Weaviate's 10 (clients, the backup jobs, the cluster) and the scratch Weaviate's 5.
    assert.equal(found.length, 15);
    assert.match(
      found[0]!.protection!.reason,
      /PeerAuthentication weaviate\/default sets port \d+ of weaviate\/weaviate to PERMISSIVE/,
    );
  });

  it('refutes a flow whose port is excluded from the sidecar', () => {
    const found = refuted((_t, m) => {
      for (const o of m as {
        kind: string;
        metadata: { name: string };
        spec: { template: { metadata: { annotations: Record<string, string> } } };
      }[])
        if (o.kind === 'StatefulSet' && o.metadata.name === 'weaviate')
          o.spec.template.metadata.annotations['traffic.sidecar.istio.io/excludeInboundPorts'] = '8300';
    });
    assert.deepEqual(found.map(key), ['weaviate->weaviate:8300/tcp']);
    assert.match(
      found[0]!.protection!.reason,
      /port 8300 of weaviate\/weaviate is excluded from the sidecar/,
    );
  });

  it("refutes the client flows, and only those, when their Service's DestinationRule turns TLS off", () => {
    const found = refuted((_t, m) => {
      for (const o of m as {
        kind: string;
        metadata: { name: string };
        spec: { trafficPolicy: { tls: unknown } };
      }[])
        if (o.kind === 'DestinationRule' && o.metadata.name === 'weaviate')
          o.spec.trafficPolicy.tls = { mode: 'DISABLE' };
    });
    // Every client that sends to the client Service: the gateway and the backup jobs.
    assert.deepEqual(found.map(key).sort(), [
      'backup-job->weaviate:8080/tcp',
      'backup-role-setup->weaviate:8080/tcp',
      'ingress-gateway->weaviate:50051/tcp',
      'ingress-gateway->weaviate:8080/tcp',
      'restore-drill->weaviate:8080/tcp',
    ]);
    assert.match(
      found[0]!.protection!.reason,
      /DestinationRule weaviate\/weaviate makes the sending side use DISABLE/,
    );
  });

  it('refutes the flows to Weaviate when a mesh-wide PERMISSIVE is added under its STRICT namespace', () => {
    const found = refuted((_t, m) => {
      m.push({
        apiVersion: 'security.istio.io/v1beta1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'istio-system' },
        spec: { mtls: { mode: 'PERMISSIVE' } },
      });
    });
    assert.equal(found.length, 15);
    assert.match(found[0]!.protection!.reason, /istio-system\/default .* PERMISSIVE/);
  });
});
