/**
 * Cross-field rules of Weaviate's OIDC authentication: Weaviate validates every token against the issuer's
 * discovery document and signing keys (JWKS), which it fetches over HTTPS from the internet, so the blueprint
 * names the issuer's address ranges and the weakening that routes the data tier there.
 */
import { issuerEgressRules } from './oidc-issuer-rules.js';
import type { BlueprintRule } from './rule.js';

const OIDC = 'weaviate.authentication.oidc';

export const WEAVIATE_OIDC_RULES: readonly BlueprintRule[] = [
  {
    path: () => OIDC,
    check: (bp) => {
      const o = bp.weaviate.authentication.oidc;
      if (!o.enabled) return undefined;
      const missing = [
        o.issuer ? undefined : 'issuer',
        o.clientId ? undefined : 'clientId',
        o.issuerCidrs.length
          ? undefined
          : "issuerCidrs (the address ranges of the issuer's discovery and keys)",
      ].filter((m): m is string => m !== undefined);
      if (missing.length === 0) return undefined;
      const listed =
        missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
      return `OIDC is enabled but ${listed} ${missing.length > 1 ? 'are' : 'is'} missing`;
    },
  },
  ...issuerEgressRules({
    path: OIDC,
    enabled: (bp) => bp.weaviate.authentication.oidc.enabled,
    ownCidrs: (bp) => bp.weaviate.authentication.oidc.issuerCidrs,
    rangesOf: "the issuer's discovery document and signing keys are served from",
    calls:
      "Weaviate fetches the issuer's discovery document and signing keys (JWKS) over HTTPS to validate tokens",
    otherwise: 'clients authenticate with API keys',
  }),
];
