/**
 * The OIDC issuers pods call on the internet, as components named by their address ranges. Weaviate fetches its
 * issuer's discovery document and signing keys; Grafana exchanges sign-in codes at its issuer's token endpoint.
 * Clients of the same ranges (Grafana on Weaviate's issuer, by default) share one component, so the spec never
 * names the same addresses twice under two ids; Grafana's own issuer elsewhere is a component of its own.
 */
import { grafanaInstalled, grafanaIssuerCidrs, type Blueprint } from '../blueprint/index.js';
import type { ComponentId } from './ids.js';
import type { Component } from './types.js';

export interface OidcIssuers {
  /** One component per distinct set of issuer ranges. */
  readonly components: readonly Component<ComponentId>[];
  /** The issuer Weaviate validates tokens with; undefined with Weaviate's OIDC off. */
  readonly weaviate?: ComponentId;
  /** The issuer Grafana signs administrators in with; undefined without Grafana's OIDC sign-in. */
  readonly grafana?: ComponentId;
}

const sameRanges = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function issuer(id: ComponentId, description: string, cidrs: readonly string[]): Component<ComponentId> {
  return { id, description, tier: 'internet', cidrs: [...cidrs] };
}

export function oidcIssuers(bp: Blueprint): OidcIssuers {
  const weaviate = bp.weaviate.authentication.oidc;
  const grafanaOn = grafanaInstalled(bp) && bp.monitoring.grafana.oidc.enabled;
  const grafanaCidrs = grafanaIssuerCidrs(bp);
  const weaviateIssuer = issuer(
    'oidc-issuer',
    "The OIDC issuer's discovery document and signing keys Weaviate validates client tokens with",
    weaviate.issuerCidrs,
  );
  const grafanaIssuer = (id: ComponentId) =>
    issuer(id, "The OIDC issuer's token endpoint Grafana signs administrators in with", grafanaCidrs);
  if (!weaviate.enabled)
    return grafanaOn
      ? { components: [grafanaIssuer('oidc-issuer')], grafana: 'oidc-issuer' }
      : { components: [] };
  if (!grafanaOn) return { components: [weaviateIssuer], weaviate: 'oidc-issuer' };
  if (sameRanges(weaviate.issuerCidrs, grafanaCidrs))
    return {
      components: [
        {
          ...weaviateIssuer,
          description:
            'The OIDC issuer: Weaviate fetches its discovery document and signing keys, Grafana exchanges sign-in codes at its token endpoint',
        },
      ],
      weaviate: 'oidc-issuer',
      grafana: 'oidc-issuer',
    };
  return {
    components: [weaviateIssuer, grafanaIssuer('grafana-oidc-issuer')],
    weaviate: 'oidc-issuer',
    grafana: 'grafana-oidc-issuer',
  };
}
