/**
 * AWS services behind a managed prefix list that reach a VPC's interfaces from inside it: VPC Lattice's data plane
 * connects to its targets from the link-local 169.254.171.0/24 of the target's own VPC (the IPv4 entry of
 * `com.amazonaws.<region>.vpc-lattice`), so its traffic needs no route and crosses the target subnet's network
 * ACL from that range, unlike CloudFront or S3, whose addresses are public.
 */
import { cidrRange, type Range } from './net.js';

const LATTICE_PREFIX_LIST = /^com\.amazonaws\.[a-z0-9-]+\.vpc-lattice$/;
const LATTICE_LINK_LOCAL = cidrRange('169.254.171.0/24')!;

/** The range a prefix-listed service delivers from inside the VPC, or undefined for one that comes from outside. */
export function inVpcRangeOf(prefixListName: string): Range | undefined {
  return LATTICE_PREFIX_LIST.test(prefixListName) ? LATTICE_LINK_LOCAL : undefined;
}
