/**
 * The ingress gateway's TLS listener: with exposure, an HTTPS Gateway server whose certificate cert-manager issues
 * from a CA kept in the gateway's namespace, and cert-manager's own namespace closed like every namespace we create;
 * without exposure, none of it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CERT_MANAGER, INGRESS_GATEWAY_TLS } from '../../src/flows/index.js';
import { one, ofKind, render, validateObject } from './helpers.js';
import { VARIANTS } from './variants.js';

interface CertificateSpec {
  isCA?: boolean;
  secretName: string;
  dnsNames?: string[];
  duration: string;
  renewBefore: string;
  privateKey: { algorithm: string; size: number; rotationPolicy: string };
  usages?: string[];
  issuerRef: { name: string; kind: string; group: string };
}

describe("the ingress gateway's TLS listener", () => {
  const exposed = render(VARIANTS['alb exposure']!);

  it('ends TLS on 8443 with the certificate Secret, TLS 1.2 at least, for any host', () => {
    const gateway = one(exposed, 'Gateway', 'weaviate', 'istio-ingress') as unknown as {
      spec: { servers: Record<string, unknown>[] };
    };
    assert.deepEqual(gateway.spec.servers, [
      {
        port: { number: 8443, name: 'https', protocol: 'HTTPS' },
        hosts: ['*'],
        tls: { mode: 'SIMPLE', credentialName: 'ingress-gateway-tls', minProtocolVersion: 'TLSV1_2' },
      },
    ]);
  });

  it("issues the gateway's certificate from a CA that a self-signed issuer signs once, all in the gateway's namespace", () => {
    const issuers = ofKind(exposed, 'Issuer');
    assert.deepEqual(
      issuers.map((i) => [i.metadata.namespace, i.metadata.name, i.spec]),
      [
        ['istio-ingress', 'ingress-gateway-ca-bootstrap', { selfSigned: {} }],
        ['istio-ingress', 'ingress-gateway-ca', { ca: { secretName: 'ingress-gateway-ca' } }],
      ],
    );
    const ca = one(exposed, 'Certificate', 'ingress-gateway-ca', 'istio-ingress')
      .spec as unknown as CertificateSpec;
    assert.equal(ca.isCA, true);
    assert.equal(ca.secretName, 'ingress-gateway-ca');
    assert.deepEqual(ca.issuerRef, {
      name: 'ingress-gateway-ca-bootstrap',
      kind: 'Issuer',
      group: 'cert-manager.io',
    });
    assert.deepEqual([ca.duration, ca.renewBefore], ['43800h', '8760h']);

    const leaf = one(exposed, 'Certificate', INGRESS_GATEWAY_TLS.secretName, 'istio-ingress')
      .spec as unknown as CertificateSpec;
    assert.equal(leaf.isCA, undefined);
    assert.equal(leaf.secretName, INGRESS_GATEWAY_TLS.secretName);
    assert.deepEqual(leaf.issuerRef, {
      name: 'ingress-gateway-ca',
      kind: 'Issuer',
      group: 'cert-manager.io',
    });
    assert.deepEqual(leaf.dnsNames, [
      'ingress-gateway.istio-ingress.svc',
      'ingress-gateway.istio-ingress.svc.cluster.local',
    ]);
    assert.deepEqual(leaf.usages, ['digital signature', 'server auth']);
    assert.deepEqual([leaf.duration, leaf.renewBefore], ['2160h', '720h']);
    for (const spec of [ca, leaf])
      assert.deepEqual(spec.privateKey, { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' });
    for (const o of [...issuers, ...ofKind(exposed, 'Certificate')])
      assert.doesNotThrow(() => validateObject(o));
  });

  it("binds the load balancer's target groups to the TLS listener", () => {
    const bindings = ofKind(exposed, 'TargetGroupBinding');
    assert.equal(bindings.length, 2);
    for (const b of bindings)
      assert.deepEqual((b.spec as { serviceRef: unknown }).serviceRef, {
        name: 'ingress-gateway',
        port: INGRESS_GATEWAY_TLS.port,
      });
  });

  it('gives cert-manager a namespace of its own, restricted and closed by default', () => {
    const ns = one(exposed, 'Namespace', CERT_MANAGER.namespace);
    assert.equal(ns.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
    assert.equal(
      ns.metadata.labels?.['istio-injection'],
      undefined,
      'no sidecar: it talks to the API server only',
    );
    const policies = ofKind(exposed, 'NetworkPolicy').filter(
      (p) => p.metadata.namespace === CERT_MANAGER.namespace,
    );
    assert.ok(policies.some((p) => p.metadata.name === 'default-deny-all'));
    const webhook = policies.filter((p) =>
      JSON.stringify(p.spec).includes(`"port":${CERT_MANAGER.webhookPort}`),
    );
    assert.equal(webhook.length, 1, 'the API server reaches the webhook on its port');
  });

  it('is absent without exposure: a plain listener nothing reaches, no issuer, no cert-manager', () => {
    const quiet = render({});
    const gateway = one(quiet, 'Gateway', 'weaviate', 'istio-ingress') as unknown as {
      spec: { servers: { port: { number: number; protocol: string }; tls?: unknown }[] };
    };
    assert.deepEqual(
      gateway.spec.servers.map((s) => [s.port.number, s.port.protocol, s.tls]),
      [[8080, 'HTTP', undefined]],
    );
    assert.deepEqual(ofKind(quiet, 'Issuer'), []);
    assert.deepEqual(ofKind(quiet, 'Certificate'), []);
    assert.equal(
      ofKind(quiet, 'Namespace').filter((n) => n.metadata.name === CERT_MANAGER.namespace).length,
      0,
    );
    assert.equal(quiet.spec.flows.filter((f) => f.to === 'ingress-gateway').length, 0);
  });
});
