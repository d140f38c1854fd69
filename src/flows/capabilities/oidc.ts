/**
 * OIDC issuers on the internet (oidc-issuers.ts), and Weaviate's calls to its own. With OIDC authentication
 * Weaviate validates every client token against the issuer's discovery document and signing keys (JWKS), which
 * it fetches over HTTPS, named by the issuer's address ranges (`weaviate.authentication.oidc.issuerCidrs`) so
 * every layer admits those only; the data tier routes there only with the named weakening
 * `network.allowDataTierInternetEgress`, which the blueprint requires. Grafana's sign-in flow is Grafana's.
 */
import { flow, type Capability } from '../capability.js';
import { POD_LAYERS } from '../layers.js';
import { oidcIssuers } from '../oidc-issuers.js';
import { INTERNET_TLS } from '../protection.js';
import { HTTPS_PORT } from '../well-known.js';

export const oidc: Capability = ({ blueprint }) => {
  const issuers = oidcIssuers(blueprint);
  return {
    components: issuers.components,
    flows: issuers.weaviate
      ? {
          'weaviate-oidc': [
            flow({
              from: 'weaviate',
              to: issuers.weaviate,
              port: HTTPS_PORT,
              purpose: 'oidc',
              description:
                "Weakening: Weaviate fetches the OIDC issuer's discovery document and signing keys to validate client tokens",
              enforcedBy: POD_LAYERS,
              protection: INTERNET_TLS,
            }),
          ],
        }
      : {},
    denials: [],
  };
};
