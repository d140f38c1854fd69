/** Cross-field rules of Grafana's sign-in, and whether the blueprint installs Grafana at all. */
import { issuerEgressRules } from './oidc-issuer-rules.js';
import type { BlueprintRule } from './rule.js';
import type { Blueprint } from './schema.js';

/** Grafana comes with the monitoring stack: with the stack off, an existing one serves the dashboards. */
export function grafanaInstalled(bp: Blueprint): boolean {
  const m = bp.monitoring;
  return m.enabled && m.stack.enabled && m.grafana.enabled;
}

/** The issuer Grafana signs in with: its own, or Weaviate's. */
export function grafanaIssuer(bp: Blueprint): string | undefined {
  return bp.monitoring.grafana.oidc.issuer ?? bp.weaviate.authentication.oidc.issuer;
}

/** Whether Grafana signs in with Weaviate's issuer: its own unset, or the same. */
function grafanaUsesWeaviateIssuer(bp: Blueprint): boolean {
  const own = bp.monitoring.grafana.oidc.issuer;
  return own === undefined || own === bp.weaviate.authentication.oidc.issuer;
}

/**
 * The ranges of the issuer Grafana signs in with: its own, or, with Weaviate's issuer, Weaviate's (the same
 * issuer's addresses, written once).
 */
export function grafanaIssuerCidrs(bp: Blueprint): readonly string[] {
  const own = bp.monitoring.grafana.oidc.issuerCidrs;
  if (own.length > 0 || !grafanaUsesWeaviateIssuer(bp)) return own;
  return bp.weaviate.authentication.oidc.issuerCidrs;
}

const OIDC = 'monitoring.grafana.oidc';

export const GRAFANA_RULES: readonly BlueprintRule[] = [
  {
    path: () => OIDC,
    check: (bp) => {
      const o = bp.monitoring.grafana.oidc;
      if (!o.enabled || !grafanaInstalled(bp)) return undefined;
      const missing = [
        grafanaIssuer(bp) ? undefined : 'issuer (or weaviate.authentication.oidc.issuer)',
        o.clientId ? undefined : 'clientId',
        o.authUrl ? undefined : 'authUrl',
        o.tokenUrl ? undefined : 'tokenUrl',
        grafanaIssuerCidrs(bp).length
          ? undefined
          : `issuerCidrs (the token endpoint's address ranges${grafanaUsesWeaviateIssuer(bp) ? ', or weaviate.authentication.oidc.issuerCidrs' : ''})`,
      ].filter((m): m is string => m !== undefined);
      return missing.length ? `Grafana's OIDC sign-in needs ${missing.join(', ')}` : undefined;
    },
  },
  {
    path: () => `${OIDC}.tokenUrl`,
    check: (bp) => {
      const o = bp.monitoring.grafana.oidc;
      const issuer = grafanaIssuer(bp);
      if (!o.enabled || !grafanaInstalled(bp) || !issuer) return undefined;
      const origin = new URL(issuer).origin;
      const foreign = [o.authUrl, o.tokenUrl].find((u) => u !== undefined && new URL(u).origin !== origin);
      return foreign
        ? `${foreign} is not on the issuer ${origin}: the sign-in endpoints must be the issuer's own`
        : undefined;
    },
  },
  ...issuerEgressRules({
    path: OIDC,
    enabled: (bp) => bp.monitoring.grafana.oidc.enabled && grafanaInstalled(bp),
    ownCidrs: (bp) => bp.monitoring.grafana.oidc.issuerCidrs,
    rangesOf: "the issuer's token endpoint answers on",
    calls: "Grafana's server exchanges the sign-in code at the issuer's token endpoint",
    otherwise: 'read-only dashboards over kubectl port-forward',
  }),
];
