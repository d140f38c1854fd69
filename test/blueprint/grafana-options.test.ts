import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  grafanaInstalled,
  grafanaIssuer,
  grafanaIssuerCidrs,
  parseBlueprint,
} from '../../src/blueprint/index.js';
import { errorsOf } from './refusals.js';

const OIDC = [
  'monitoring:',
  '  grafana:',
  '    oidc:',
  '      enabled: true',
  '      clientId: grafana',
  '      authUrl: https://id.example.com/auth',
  '      tokenUrl: https://id.example.com/token',
  '      issuerCidrs: [198.51.100.0/24]',
].join('\n');
const WEAVIATE_ISSUER = [
  'weaviate:',
  '  authentication:',
  '    oidc:',
  '      enabled: true',
  '      issuer: https://id.example.com',
  '      clientId: weaviate',
  '      issuerCidrs: [192.0.2.0/24]',
].join('\n');

describe('Grafana options', () => {
  it('installs Grafana by default, pinned, without OIDC', () => {
    const bp = parseBlueprint('{}', 'bp.yaml');
    assert.equal(grafanaInstalled(bp), true);
    assert.deepEqual(bp.monitoring.grafana.image, { repository: 'grafana/grafana', tag: '12.3.2' });
    assert.equal(bp.monitoring.grafana.oidc.enabled, false);
  });

  it('installs none when turned off, or with the monitoring stack off', () => {
    assert.equal(
      grafanaInstalled(parseBlueprint('monitoring: { grafana: { enabled: false } }', 'bp.yaml')),
      false,
    );
    assert.equal(
      grafanaInstalled(parseBlueprint('monitoring: { stack: { enabled: false } }', 'bp.yaml')),
      false,
    );
  });

  it('refuses a moving image tag', () => {
    const [error] = errorsOf('monitoring:\n  grafana:\n    image:\n      tag: latest\n');
    assert.match(error!, /^bp\.yaml:4:7: monitoring\.grafana\.image\.tag: .*never latest/);
  });

  it("takes Weaviate's issuer unless Grafana names its own", () => {
    const bp = parseBlueprint(
      `${WEAVIATE_ISSUER}\n${OIDC}\nnetwork: { allowDataTierInternetEgress: true }\nimages: { source: public }`,
      'bp.yaml',
    );
    assert.equal(grafanaIssuer(bp), 'https://id.example.com');
  });

  it("takes Weaviate's issuer ranges with Weaviate's issuer, unless Grafana names its own ranges", () => {
    const route = 'network: { allowDataTierInternetEgress: true }';
    const inherited = OIDC.replace(/\n.*issuerCidrs.*$/, '');
    const bp = (grafana: string) => parseBlueprint(`${WEAVIATE_ISSUER}\n${grafana}\n${route}\n`, 'bp.yaml');
    assert.deepEqual(grafanaIssuerCidrs(bp(inherited)), ['192.0.2.0/24']);
    // The same issuer written out is still Weaviate's.
    assert.deepEqual(grafanaIssuerCidrs(bp(`${inherited}\n      issuer: https://id.example.com`)), [
      '192.0.2.0/24',
    ]);
    assert.deepEqual(grafanaIssuerCidrs(bp(OIDC)), ['198.51.100.0/24']);
  });

  it("refuses Grafana's own issuer without its ranges: Weaviate's belong to another issuer", () => {
    const own = OIDC.replace(/\n.*issuerCidrs.*$/, '')
      .replace('https://id.example.com/auth', 'https://sso.example.org/auth')
      .replace('https://id.example.com/token', 'https://sso.example.org/token');
    assert.deepEqual(
      errorsOf(
        `${WEAVIATE_ISSUER}\n${own}\n      issuer: https://sso.example.org\nnetwork: { allowDataTierInternetEgress: true }\n`,
      ),
      [
        "bp.yaml:10:5: monitoring.grafana.oidc: Grafana's OIDC sign-in needs issuerCidrs (the token endpoint's address ranges)",
      ],
    );
  });

  it('refuses a range wider than a /8 for the token endpoint', () => {
    assert.deepEqual(
      errorsOf(
        `${OIDC.replace('198.51.100.0/24', '0.0.0.0/0')}\n      issuer: https://id.example.com\nnetwork: { allowDataTierInternetEgress: true }\n`,
      ),
      [
        "bp.yaml:8:7: monitoring.grafana.oidc.issuerCidrs: 0.0.0.0/0 is wider than a /8: name the ranges the issuer's token endpoint answers on",
      ],
    );
  });

  it("refuses OIDC sign-in without a route to the issuer's token endpoint, saying what to set", () => {
    assert.deepEqual(errorsOf(`${OIDC}\n      issuer: https://id.example.com\n`), [
      "bp.yaml:4:7: monitoring.grafana.oidc.enabled: Grafana's server exchanges the sign-in code at the issuer's token endpoint, and the data tier has no route to the internet: set network.allowDataTierInternetEgress: true (a weakening), or leave monitoring.grafana.oidc off (read-only dashboards over kubectl port-forward)",
    ]);
  });

  it('refuses OIDC sign-in without an issuer, a client id or the endpoints, and endpoints off the issuer', () => {
    assert.deepEqual(
      errorsOf(
        'network: { allowDataTierInternetEgress: true }\nmonitoring:\n  grafana:\n    oidc:\n      enabled: true\n',
      ),
      [
        "bp.yaml:4:5: monitoring.grafana.oidc: Grafana's OIDC sign-in needs issuer (or weaviate.authentication.oidc.issuer), clientId, authUrl, tokenUrl, issuerCidrs (the token endpoint's address ranges, or weaviate.authentication.oidc.issuerCidrs)",
      ],
    );
    const foreign = OIDC.replace('https://id.example.com/token', 'https://elsewhere.example.com/token');
    assert.deepEqual(
      errorsOf(
        `${WEAVIATE_ISSUER}\n${foreign}\nnetwork: { allowDataTierInternetEgress: true }\nimages: { source: public }\n`,
      ),
      [
        "bp.yaml:14:7: monitoring.grafana.oidc.tokenUrl: https://elsewhere.example.com/token is not on the issuer https://id.example.com: the sign-in endpoints must be the issuer's own",
      ],
    );
  });
});
