/**
 * IPv4 address and port arithmetic for the reachability model. Ranges are inclusive integer intervals, so a
 * CIDR, an `except` list or a NACL entry is an interval and "some address of A matches rule R" is an overlap.
 * Addresses are read and written by the contract's CIDR module; the interval operations below serve ports too.
 */
import { cidrRange as blockRange, formatIpAddress, parseCidr } from '../../contract/cidr.js';

/** An inclusive interval of IPv4 addresses as unsigned integers. */
export type Range = readonly [number, number];

/**
 * The address interval of an IPv4 CIDR (`10.0.0.0/16`, or a bare address); undefined for anything else. Host
 * bits are ignored, as EC2 rules and Kubernetes ipBlocks ignore them.
 */
export function cidrRange(cidr: string): Range | undefined {
  // A proof asks for the same few blocks thousands of times (each NetworkPolicy ipBlock once per flow), and
  // parsing one through ipaddr.js was a sixth of the proofs' time. Ranges are frozen, so they can be shared.
  if (ranges.has(cidr)) return ranges.get(cidr);
  const block = parseCidr(cidr.trim(), { hostBits: 'mask', bareAddress: true });
  let range: Range | undefined;
  if (block?.version === 4) {
    const { first, last } = blockRange(block);
    range = Object.freeze([Number(first), Number(last)] as const);
  }
  // Bounded: an input of many distinct blocks must not grow the cache without end.
  if (ranges.size >= MAX_CACHED_RANGES) ranges.clear();
  ranges.set(cidr, range);
  return range;
}

const MAX_CACHED_RANGES = 10_000;
const ranges = new Map<string, Range | undefined>();

export function overlaps(a: Range, b: Range): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

export function contains(outer: Range, inner: Range): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}

/** `a` minus every range in `cut`. */
export function subtract(a: readonly Range[], cut: readonly Range[]): Range[] {
  let out: Range[] = [...a];
  for (const c of cut) {
    const next: Range[] = [];
    for (const r of out) {
      if (!overlaps(r, c)) next.push(r);
      else {
        if (r[0] < c[0]) next.push([r[0], c[0] - 1]);
        if (c[1] < r[1]) next.push([c[1] + 1, r[1]]);
      }
    }
    out = next;
  }
  return out;
}

export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const x of a)
    for (const y of b) {
      const lo = Math.max(x[0], y[0]);
      const hi = Math.min(x[1], y[1]);
      if (lo <= hi) out.push([lo, hi]);
    }
  return out;
}

export const ANY_ADDRESS: Range = [0, 2 ** 32 - 1];

/** RFC 1918, link-local and loopback: addresses the internet cannot be. */
export const NON_PUBLIC: readonly Range[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '127.0.0.0/8',
  '100.64.0.0/10',
].map((c) => cidrRange(c)!);

/** Public addresses (everything that is not private, link-local or loopback). */
export const PUBLIC_ADDRESSES: readonly Range[] = subtract([ANY_ADDRESS], NON_PUBLIC);

/**
 * Representative points of `space` such that every interval in `cuts` either contains a point's whole
 * elementary interval or misses it: evaluating ordered rules at these points decides "exists an address".
 */
export function representatives(space: readonly Range[], cuts: readonly Range[]): number[] {
  const bounds = new Set<number>();
  for (const r of space) bounds.add(r[0]);
  for (const c of cuts) {
    bounds.add(c[0]);
    if (c[1] < 2 ** 32 - 1) bounds.add(c[1] + 1);
  }
  const points: number[] = [];
  for (const b of [...bounds].sort((x, y) => x - y))
    if (space.some((r) => r[0] <= b && b <= r[1])) points.push(b);
  return points;
}

export function inRanges(point: number, ranges: readonly Range[]): boolean {
  return ranges.some((r) => r[0] <= point && point <= r[1]);
}

export function formatRange(r: Range): string {
  const ip = (n: number) => formatIpAddress({ version: 4, value: BigInt(n) });
  const size = r[1] - r[0] + 1;
  const prefix = 32 - Math.log2(size);
  return Number.isInteger(prefix) && r[0] % size === 0 ? `${ip(r[0])}/${prefix}` : `${ip(r[0])}-${ip(r[1])}`;
}

/** Ephemeral source ports: Linux clients (nodes, pods) and everything else (NAT, Lambda, load balancers, internet). */
export const LINUX_EPHEMERAL: Range = [32768, 60999];
export const ANY_EPHEMERAL: Range = [1024, 65535];
