import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBlueprint } from '../../../src/blueprint/index.js';
import { oidc } from '../../../src/flows/capabilities/oidc.js';
import { deriveFlowSpec } from '../../../src/flows/index.js';
import { INTERNET_TLS } from '../../../src/flows/protection.js';
import { contextFor, flowSections } from './helpers.js';

const POD = 'network-policy+security-group+network-acl';
const ROUTE = { network: { allowDataTierInternetEgress: true } };
const WEAVIATE_OIDC = {
  enabled: true,
  issuer: 'https://login.example.com/realms/data',
  clientId: 'weaviate',
  issuerCidrs: ['198.51.100.0/24'],
};
const weaviate = { authentication: { oidc: WEAVIATE_OIDC } };
const grafanaOidc = (extra: Record<string, unknown> = {}) => ({
  grafana: {
    oidc: {
      enabled: true,
      clientId: 'grafana',
      authUrl: 'https://login.example.com/realms/data/auth',
      tokenUrl: 'https://login.example.com/realms/data/token',
      ...extra,
    },
  },
});

const spec = (input: Record<string, unknown>) =>
  deriveFlowSpec(validateBlueprint({ name: 'search', ...input }, 'bp.yaml'));
/** `<from> -> <to> <port>/<protocol>` of every flow to an internet component other than the whole internet. */
const issuerFlows = (input: Record<string, unknown>) => {
  const s = spec(input);
  const named = new Set(
    s.components.filter((c) => c.tier === 'internet' && c.id.includes('oidc')).map((c) => c.id),
  );
  return s.flows.filter((f) => named.has(f.to)).map((f) => `${f.id} ${f.port}/${f.protocol}`);
};
const issuers = (input: Record<string, unknown>) =>
  spec(input)
    .components.filter((c) => c.id.includes('oidc'))
    .map((c) => [c.id, c.tier, c.cidrs]);

describe('capability: oidc', () => {
  it("sends Weaviate to its issuer's ranges on 443 only, as a weakening over TLS the issuer ends", () => {
    const parts = oidc(contextFor({ ...ROUTE, weaviate }));
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier, c.cidrs]),
      [['oidc-issuer', 'internet', ['198.51.100.0/24']]],
    );
    assert.deepEqual(flowSections(parts), {
      'weaviate-oidc': [`weaviate-to-oidc-issuer-oidc 443/tcp ${POD}`],
    });
    const flow = parts.flows['weaviate-oidc']![0]!;
    assert.match(
      flow.description,
      /^Weakening: Weaviate fetches the OIDC issuer's discovery document and signing keys/,
    );
    assert.deepEqual(flow.protection, INTERNET_TLS);
    assert.equal(flow.viaMesh, false);
    assert.deepEqual(parts.denials, []);
  });

  it('adds no issuer and no flow to one without OIDC', () => {
    const parts = oidc(contextFor());
    assert.deepEqual([parts.components, parts.flows, parts.denials], [[], {}, []]);
    assert.deepEqual(issuers({}), []);
    assert.deepEqual(issuerFlows(ROUTE), []);
  });

  it("shares one issuer between Weaviate and Grafana on Weaviate's issuer, with its ranges by default", () => {
    const input = { ...ROUTE, weaviate, monitoring: grafanaOidc() };
    assert.deepEqual(issuers(input), [['oidc-issuer', 'internet', ['198.51.100.0/24']]]);
    assert.deepEqual(issuerFlows(input), [
      'weaviate-to-oidc-issuer-oidc 443/tcp',
      'grafana-to-oidc-issuer-oidc 443/tcp',
    ]);
  });

  it("gives Grafana's issuer on other ranges a component of its own, each flow admitted to its own ranges", () => {
    const input = {
      ...ROUTE,
      weaviate,
      monitoring: grafanaOidc({
        issuer: 'https://sso.example.org',
        authUrl: 'https://sso.example.org/auth',
        tokenUrl: 'https://sso.example.org/token',
        issuerCidrs: ['203.0.113.0/24'],
      }),
    };
    assert.deepEqual(issuers(input), [
      ['oidc-issuer', 'internet', ['198.51.100.0/24']],
      ['grafana-oidc-issuer', 'internet', ['203.0.113.0/24']],
    ]);
    assert.deepEqual(issuerFlows(input), [
      'weaviate-to-oidc-issuer-oidc 443/tcp',
      'grafana-to-grafana-oidc-issuer-oidc 443/tcp',
    ]);
  });

  it("names Grafana's issuer alone oidc-issuer, with Weaviate's OIDC off", () => {
    const input = {
      ...ROUTE,
      monitoring: grafanaOidc({
        issuer: 'https://login.example.com/realms/data',
        issuerCidrs: ['192.0.2.0/24'],
      }),
    };
    assert.deepEqual(issuers(input), [['oidc-issuer', 'internet', ['192.0.2.0/24']]]);
    assert.deepEqual(issuerFlows(input), ['grafana-to-oidc-issuer-oidc 443/tcp']);
  });
});
