/**
 * Address ranges outside the cluster, for connections between pods and ipBlocks: the address space of each
 * family is cut at every bound of the blocks a pod's rules name, and adjacent pieces with the same connections
 * are merged again, so each listed range is as wide as the rules allow.
 */
import { ADDRESS_BITS, formatIpAddress, type AddressRange, type IpVersion } from '../../contract/cidr.js';

export function wholeFamily(version: IpVersion): AddressRange {
  return { version, first: 0n, last: (1n << BigInt(ADDRESS_BITS[version])) - 1n };
}

/** `<first>-<last>[External]`. */
export function externalId(range: AddressRange): string {
  const text = (value: bigint) => formatIpAddress({ version: range.version, value });
  return `${text(range.first)}-${text(range.last)}[External]`;
}

/** The pieces of a family's address space that no block bound cuts through, in order. */
export function pieces(version: IpVersion, blocks: readonly AddressRange[]): AddressRange[] {
  const whole = wholeFamily(version);
  const bounds = new Set<bigint>([whole.first]);
  for (const b of blocks) {
    if (b.version !== version) continue;
    bounds.add(b.first);
    if (b.last < whole.last) bounds.add(b.last + 1n);
  }
  const starts = [...bounds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return starts.map((first, i) => ({
    version,
    first,
    last: i + 1 < starts.length ? starts[i + 1]! - 1n : whole.last,
  }));
}

export function inBlocks(address: bigint, version: IpVersion, blocks: readonly AddressRange[]): boolean {
  return blocks.some((b) => b.version === version && b.first <= address && address <= b.last);
}
