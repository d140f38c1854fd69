/** The IPv6 blocks outside a set of IPv6 ranges: what "every IPv6 address but these" is, as CIDRs. */
import { cidrRange, formatCidr, parseCidr, rangeToCidrs, subtractRanges } from '../contract/cidr.js';

export function ipv6Complement(cidrs: readonly string[]): string[] {
  const cut = cidrs
    .map((c) => parseCidr(c, { hostBits: 'mask' }))
    .filter((c) => c?.version === 6)
    .map((c) => cidrRange(c!));
  const whole = cidrRange(parseCidr('::/0')!);
  return subtractRanges(whole, cut).flatMap(rangeToCidrs).map(formatCidr);
}
