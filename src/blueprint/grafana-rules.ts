/** Cross-field rules of Grafana's sign-in, and whether the blueprint installs Grafana at all. */
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
        o.issuerCidrs.length ? undefined : "issuerCidrs (the token endpoint's address ranges)",
      ].filter((m): m is string => m !== undefined);
      return missing.length ? `Grafana's OIDC sign-in needs ${missing.join(', ')}` : undefined;
    },
  },
  {
    path: () => `${OIDC}.issuerCidrs`,
    check: (bp) => {
      const o = bp.monitoring.grafana.oidc;
      const wide = o.issuerCidrs.find((c) => Number(c.split('/')[1]) < 8);
      return o.enabled && wide
        ? `${wide} is wider than a /8: name the ranges the issuer's token endpoint answers on`
        : undefined;
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
  {
    path: () => `${OIDC}.enabled`,
    check: (bp) =>
      bp.monitoring.grafana.oidc.enabled && grafanaInstalled(bp) && !bp.network.allowDataTierInternetEgress
        ? "Grafana's server exchanges the sign-in code at the issuer's token endpoint, and the data tier has no route to the internet: set network.allowDataTierInternetEgress: true (a weakening), or leave monitoring.grafana.oidc off (read-only dashboards over kubectl port-forward)"
        : undefined,
  },
];
