/**
 * What an enclave forbids, checked before anything is built: every path in from the internet, IPv4 egress
 * (NAT, public images, upstream charts) and an operator model without its external ID.
 */
import { formatCidr, nonGlobalIpv6, parseCidr } from '../contract/cidr.js';
import type { BlueprintRule } from './rule.js';
import type { Blueprint } from './schema.js';

const inEnclave = (bp: Blueprint) => bp.enclave.enabled;

/** The widest control-plane range admitted: a /8 or longer prefix, never a large part of the IPv6 internet. */
const MIN_CONTROL_PLANE_PREFIX = 8;

/** One rule per field an enclave constrains; each applies only when `enclave.enabled`. */
const ENCLAVE_CONSTRAINTS: readonly { path: string; violated: (bp: Blueprint) => string | undefined }[] = [
  {
    path: 'network.natGateways',
    violated: (bp) =>
      bp.network.natGateways !== 0
        ? `an enclave has no NAT: expected 0, got ${bp.network.natGateways}`
        : undefined,
  },
  {
    path: 'network.allowDataTierInternetEgress',
    violated: (bp) =>
      bp.network.allowDataTierInternetEgress
        ? 'an enclave has no IPv4 route to the internet: expected false'
        : undefined,
  },
  {
    path: 'exposure',
    violated: (bp) =>
      bp.exposure !== 'private'
        ? `an enclave accepts no inbound connection: expected "private", got "${bp.exposure}"`
        : undefined,
  },
  {
    path: 'adminAccess.clientVpn.enabled',
    violated: (bp) =>
      bp.adminAccess.clientVpn.enabled
        ? 'a Client VPN endpoint is reachable from the internet; an enclave admits people through grants (enclave.operator.grants): expected false'
        : undefined,
  },
  {
    path: 'images.source',
    violated: (bp) =>
      bp.images.source !== 'ecr-mirror'
        ? 'an enclave pulls images from the private ECR mirror only: expected "ecr-mirror"'
        : undefined,
  },
  {
    path: 'mesh.chartRepository',
    violated: (bp) =>
      bp.mesh.enabled && !bp.mesh.chartRepository.startsWith('oci://')
        ? "an enclave reaches no public chart repository: expected the ECR mirror's oci:// URL of Istio's charts"
        : undefined,
  },
  {
    path: 'enclave.controlPlane.hostnames',
    violated: (bp) =>
      bp.enclave.controlPlane.hostnames.length === 0
        ? 'expected at least one control-plane host name'
        : undefined,
  },
  {
    path: 'enclave.controlPlane.ipv6Cidrs',
    violated: (bp) =>
      bp.enclave.controlPlane.ipv6Cidrs.length === 0
        ? 'expected at least one IPv6 range of the control plane (the only internet destination the enclave admits)'
        : // Read as a network, not as text: 0::/0, ::0/0 and 2000::/3 (all global unicast) are as wide as ::/0.
          bp.enclave.controlPlane.ipv6Cidrs.some(
              (c) => (parseCidr(c)?.prefix ?? 0) < MIN_CONTROL_PLANE_PREFIX,
            )
          ? "expected the control plane's own ranges, not the whole IPv6 internet (prefixes of /8 or longer)"
          : undefined,
  },
  {
    path: 'enclave.operator.vendorAccount',
    violated: (bp) =>
      bp.enclave.operator.vendorAccount === undefined
        ? "expected the vendor's 12-digit AWS account id (it assumes the provisioner role)"
        : bp.enclave.operator.vendorAccount === bp.environment.account
          ? "expected the vendor's own account, not the tenant's"
          : undefined,
  },
  {
    path: 'enclave.operator.externalId',
    violated: (bp) =>
      bp.enclave.operator.externalId === undefined
        ? 'expected the external ID the vendor presents (against the confused deputy)'
        : undefined,
  },
];

/**
 * The first control-plane range that is not all global unicast, and why. Ranges wider than the widest admitted
 * are left to the rule that refuses them. The security groups, network ACLs and routes admit these ranges as
 * internet destinations: a 6to4, Teredo or NAT64 range reaches IPv4 hosts through relays no one vouches for,
 * an IPv4-mapped, unique-local or link-local range is no internet address at all, and a documentation range is
 * an example left in place.
 */
function firstNonGlobalControlPlane(bp: Blueprint): { index: number; message: string } | undefined {
  const ranges = bp.enclave.controlPlane.ipv6Cidrs;
  for (const [index, text] of ranges.entries()) {
    const cidr = parseCidr(text);
    if (!cidr || cidr.prefix < MIN_CONTROL_PLANE_PREFIX) continue;
    const reasons = nonGlobalIpv6(cidr);
    if (reasons && reasons.length > 0)
      return {
        index,
        message: `expected a global unicast IPv6 range of the control plane (inside 2000::/3, in no special-purpose block); ${formatCidr(cidr)} is in ${reasons.join(', ')}`,
      };
  }
  return undefined;
}

export const ENCLAVE_RULES: readonly BlueprintRule[] = [
  ...ENCLAVE_CONSTRAINTS.map((c): BlueprintRule => ({
    path: () => c.path,
    check: (bp) => (inEnclave(bp) ? c.violated(bp) : undefined),
  })),
  {
    path: (bp) => `enclave.controlPlane.ipv6Cidrs[${firstNonGlobalControlPlane(bp)?.index ?? 0}]`,
    check: (bp) => (inEnclave(bp) ? firstNonGlobalControlPlane(bp)?.message : undefined),
  },
  {
    path: () => 'network.natGateways',
    check: (bp) =>
      !inEnclave(bp) && bp.network.natGateways === 0
        ? 'expected at least 1 NAT gateway: the application tier reaches the internet through NAT (0 only in an enclave, enclave.enabled: true)'
        : undefined,
  },
  ...[...Array(20).keys()].map((i): BlueprintRule => ({
    path: () => `enclave.operator.grants[${i}].principalArn`,
    check: (bp) => {
      const grants = bp.enclave.operator.grants;
      const g = grants[i];
      if (!g) return undefined;
      return grants.findIndex((o) => o.principalArn === g.principalArn) !== i
        ? `principal ${g.principalArn} has two grants; close one (vectorfort grant close)`
        : undefined;
    },
  })),
];
