/**
 * IPv4 ranges for the analyser. Written here because the well-kept address libraries parse and format but do
 * not answer the one question the prover asks: does rule range R cover every address of range S?
 * IPv6 is modelled only as "all of IPv6" (`::/0`); the VPCs we reason about are IPv4.
 */

export interface Range {
  readonly first: number;
  readonly last: number;
}

export function parseRange(cidr: string): Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1 };
}

export function isIpv6All(cidr: string): boolean {
  return cidr.trim() === '::/0';
}

/** True when `outer` contains every address of `inner`. */
export function covers(outer: string, inner: string): boolean {
  if (isIpv6All(outer)) return inner.includes(':');
  const o = parseRange(outer);
  const i = parseRange(inner);
  return !!o && !!i && o.first <= i.first && i.last <= o.last;
}

export function overlaps(a: string, b: string): boolean {
  const x = parseRange(a);
  const y = parseRange(b);
  return !!x && !!y && x.first <= y.last && y.first <= x.last;
}
