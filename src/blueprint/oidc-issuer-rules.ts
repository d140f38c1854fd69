/**
 * The rules every OIDC client in the data tier shares (Weaviate, Grafana): its issuer is on the internet, so the
 * client is admitted to the issuer's own ranges only, and only where the data tier can route there at all: with
 * the named weakening `network.allowDataTierInternetEgress`, which an enclave and an existing VPC refuse.
 */
import { parseCidr } from './cidr.js';
import { MIN_ISSUER_PREFIX } from './oidc-issuer.js';
import type { BlueprintRule } from './rule.js';
import type { Blueprint } from './schema.js';

export interface IssuerClient {
  /** The client's OIDC section, which the messages name: `weaviate.authentication.oidc`. */
  readonly path: string;
  /** Whether the blueprint runs the client with OIDC on. */
  readonly enabled: (bp: Blueprint) => boolean;
  /**
   * The ranges written at `<path>.issuerCidrs`; inherited ones are checked where they are written.
   */
  readonly ownCidrs: (bp: Blueprint) => readonly string[];
  /** Completes "name the ranges …": `the issuer's token endpoint answers on`. */
  readonly rangesOf: string;
  /** Why the client goes to the internet, as a clause: `Grafana's server exchanges …`. */
  readonly calls: string;
  /** What the deployment keeps with the client's OIDC off, in parentheses after the advice. */
  readonly otherwise: string;
}

/** Why the data tier cannot reach the issuer, or undefined when it can. */
function egressProblem(bp: Blueprint, client: IssuerClient): string | undefined {
  const off = `leave ${client.path} off (${client.otherwise})`;
  if (bp.enclave.enabled) return `${client.calls}, and an enclave has no IPv4 route to the internet: ${off}`;
  if (bp.network.existingVpc)
    return `${client.calls}, and an existing VPC's routes are its owner's, so network.allowDataTierInternetEgress, which admits the data tier to the internet, is refused there: ${off}, or let vectorfort build the VPC`;
  return bp.network.allowDataTierInternetEgress
    ? undefined
    : `${client.calls}, and the data tier has no route to the internet: set network.allowDataTierInternetEgress: true (a weakening), or ${off}`;
}

export function issuerEgressRules(client: IssuerClient): BlueprintRule[] {
  return [
    {
      path: () => `${client.path}.issuerCidrs`,
      check: (bp) => {
        if (!client.enabled(bp)) return undefined;
        // Read as a network, not as text: the prefix decides how much of the internet the range admits.
        const wide = client.ownCidrs(bp).find((c) => (parseCidr(c)?.prefix ?? 0) < MIN_ISSUER_PREFIX);
        return wide
          ? `${wide} is wider than a /${MIN_ISSUER_PREFIX}: name the ranges ${client.rangesOf}`
          : undefined;
      },
    },
    {
      path: () => `${client.path}.enabled`,
      check: (bp) => (client.enabled(bp) ? egressProblem(bp, client) : undefined),
    },
  ];
}
