/** IPv4 CIDR containment for the access controls (the verifier side does not import the blueprint's helpers). */

function parse(cidr: string): { base: number; prefix: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (address & mask) >>> 0, prefix };
}

/** Whether `inner` lies entirely inside `outer` (false for anything that is not an IPv4 CIDR). */
export function cidrWithin(inner: string, outer: string): boolean {
  const i = parse(inner);
  const o = parse(outer);
  if (!i || !o || i.prefix < o.prefix) return false;
  const mask = o.prefix === 0 ? 0 : (0xffffffff << (32 - o.prefix)) >>> 0;
  return (i.base & mask) >>> 0 === o.base;
}

/** RFC 1918 private ranges. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;
