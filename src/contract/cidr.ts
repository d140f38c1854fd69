/**
 * IPv4 and IPv6 addresses and CIDR blocks, for both sides: the blueprint plans and checks its ranges with it,
 * the verifier reads anyone's security groups, network ACLs and ipBlocks with it. Text is parsed by
 * `ipaddr.js` (the maintained parser most of the ecosystem uses); the block arithmetic on top is a few lines
 * of BigInt, which covers both families alike.
 *
 * Parsing is strict where the text is ambiguous: an IPv4 octet with a leading zero (`010`) means 8 to some
 * parsers and 10 to others, so it is rejected, as are zone ids, short or hexadecimal IPv4 forms and prefix
 * lengths with a sign or a leading zero.
 */
import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

/** One address as an unsigned integer of its family's width. */
export interface IpAddress {
  readonly version: IpVersion;
  readonly value: bigint;
}

/** A CIDR block: its first address (host bits clear) and prefix length. */
export interface Cidr {
  readonly version: IpVersion;
  readonly network: bigint;
  readonly prefix: number;
}

/** An inclusive interval of addresses of one family. */
export interface AddressRange {
  readonly version: IpVersion;
  readonly first: bigint;
  readonly last: bigint;
}

export interface ParseCidrOptions {
  /**
   * What an address with host bits set (`10.0.0.5/16`) means: `reject` where a network is required, `mask`
   * to clear them, as Kubernetes ipBlocks and EC2 rules do.
   * @default 'reject'
   */
  readonly hostBits?: 'reject' | 'mask';
  /**
   * Whether a bare address is read as a single-address block (`/32` or `/128`).
   * @default false
   */
  readonly bareAddress?: boolean;
}

/** Address width in bits of each family. */
export const ADDRESS_BITS: Readonly<Record<IpVersion, number>> = { 4: 32, 6: 128 };

const PREFIX = /^(0|[1-9]\d{0,2})$/;

/** Parses an IPv4 (`10.0.0.1`) or IPv6 (`2001:db8::1`) address; undefined for anything else. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text))
    return { version: 4, value: fromBytes(ipaddr.IPv4.parse(text)) };
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) follows the same rule as a plain IPv4 address.
  const tail = text.slice(text.lastIndexOf(':') + 1);
  if (tail.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  return { version: 6, value: fromBytes(ipaddr.IPv6.parse(text)) };
}

/** Parses a CIDR block (`10.0.0.0/16`, `2001:db8::/32`); undefined for anything else (see the options). */
export function parseCidr(text: string, options: ParseCidrOptions = {}): Cidr | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  if (slash < 0 && !options.bareAddress) return undefined;
  const address = parseIpAddress(addressText);
  if (!address) return undefined;
  const bits = ADDRESS_BITS[address.version];
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!PREFIX.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const network = address.value & networkMask(address.version, prefix);
  if (network !== address.value && (options.hostBits ?? 'reject') === 'reject') return undefined;
  return { version: address.version, network, prefix };
}

/** The first and last address of a block. */
export function cidrRange(cidr: Cidr): AddressRange {
  const hostBits = BigInt(ADDRESS_BITS[cidr.version] - cidr.prefix);
  return { version: cidr.version, first: cidr.network, last: cidr.network + (1n << hostBits) - 1n };
}

/** Whether `inner` (a block or an address) lies entirely inside `outer`; never across families. */
export function cidrContains(outer: Cidr, inner: Cidr | IpAddress): boolean {
  if (outer.version !== inner.version) return false;
  const innerRange = 'value' in inner ? { first: inner.value, last: inner.value } : cidrRange(inner);
  const outerRange = cidrRange(outer);
  return outerRange.first <= innerRange.first && innerRange.last <= outerRange.last;
}

/** Whether two blocks share at least one address; never across families. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.version !== b.version) return false;
  const x = cidrRange(a);
  const y = cidrRange(b);
  return x.first <= y.last && y.first <= x.last;
}

/** Whether a block covers every address of its family (`0.0.0.0/0`, `::/0`). */
export function isWholeFamily(cidr: Cidr): boolean {
  return cidr.prefix === 0;
}

/** Global unicast IPv6 (RFC 4291, the IANA address space registry): every other address is not an internet host's. */
const GLOBAL_UNICAST_TEXT = '2000::/3';

/**
 * Blocks inside 2000::/3 that are not addresses of one host on the internet, and the special-purpose blocks
 * outside it, for naming a refusal (RFC 6890 and the IANA special-purpose address registry).
 */
const SPECIAL_IPV6_TEXT: readonly (readonly [string, string])[] = [
  ['::/128', 'the unspecified address'],
  ['::1/128', 'loopback'],
  ['::ffff:0:0/96', 'IPv4-mapped addresses'],
  ['64:ff9b::/96', 'NAT64 (well-known prefix)'],
  ['64:ff9b:1::/48', 'NAT64 (local use)'],
  ['100::/64', 'discard-only'],
  ['2001::/32', 'Teredo'],
  ['2001::/23', 'IETF protocol assignments'],
  ['2001:db8::/32', 'documentation'],
  ['2002::/16', '6to4'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'segment routing'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
];

const GLOBAL_UNICAST = parseCidr(GLOBAL_UNICAST_TEXT)!;
const SPECIAL_IPV6 = SPECIAL_IPV6_TEXT.map(([text, name]) => ({ block: parseCidr(text)!, text, name }));

/**
 * Why an IPv6 block is not all global unicast addresses (each a host on the internet): the special-purpose
 * blocks it overlaps (`6to4 (2002::/16)`), and whether it reaches outside 2000::/3. Empty when it is all
 * global unicast; undefined for an IPv4 block.
 */
export function nonGlobalIpv6(cidr: Cidr): string[] | undefined {
  if (cidr.version !== 6) return undefined;
  const reasons = SPECIAL_IPV6.filter((s) => cidrsOverlap(cidr, s.block)).map((s) => `${s.name} (${s.text})`);
  if (!cidrContains(GLOBAL_UNICAST, cidr)) reasons.push(`outside global unicast (${GLOBAL_UNICAST_TEXT})`);
  return reasons;
}

/** The addresses of `range` that are in none of `cut` (an ipBlock's `cidr` minus its `except`), in order. */
export function subtractRanges(range: AddressRange, cut: readonly AddressRange[]): AddressRange[] {
  let out: AddressRange[] = [range];
  for (const c of cut) {
    if (c.version !== range.version) continue;
    out = out.flatMap((r) => {
      if (c.last < r.first || r.last < c.first) return [r];
      const pieces: AddressRange[] = [];
      if (r.first < c.first) pieces.push({ version: r.version, first: r.first, last: c.first - 1n });
      if (c.last < r.last) pieces.push({ version: r.version, first: c.last + 1n, last: r.last });
      return pieces;
    });
  }
  return out;
}

/**
 * The fewest blocks that cover exactly `range`, in order. Written here because ipaddr.js parses and matches
 * blocks but does not summarize an interval into them.
 */
export function rangeToCidrs(range: AddressRange): Cidr[] {
  const bits = ADDRESS_BITS[range.version];
  const out: Cidr[] = [];
  let first = range.first;
  while (first <= range.last) {
    // The largest block that starts at `first` (aligned to it) and ends by `last`.
    let hostBits = 0;
    while (
      hostBits < bits &&
      (first & ((1n << BigInt(hostBits + 1)) - 1n)) === 0n &&
      first + (1n << BigInt(hostBits + 1)) - 1n <= range.last
    )
      hostBits++;
    out.push({ version: range.version, network: first, prefix: bits - hostBits });
    first += 1n << BigInt(hostBits);
  }
  return out;
}

/** Address text: dotted decimal, or RFC 5952 for IPv6 (lower case, longest zero run compressed). */
export function formatIpAddress(address: IpAddress): string {
  const parsed = ipaddr.fromByteArray(toBytes(address.value, ADDRESS_BITS[address.version] / 8));
  return parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
}

/** Block text, `network/prefix`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpAddress({ version: cidr.version, value: cidr.network })}/${cidr.prefix}`;
}

function networkMask(version: IpVersion, prefix: number): bigint {
  const bits = BigInt(ADDRESS_BITS[version]);
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

function fromBytes(address: ReturnType<typeof ipaddr.parse>): bigint {
  return address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

function toBytes(value: bigint, length: number): number[] {
  return Array.from({ length }, (_, i) => Number((value >> BigInt((length - 1 - i) * 8)) & 0xffn));
}
