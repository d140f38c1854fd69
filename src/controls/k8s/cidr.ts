/** IPv4/IPv6 CIDR arithmetic for NetworkPolicy ipBlocks (hand-written: a few lines, no dependency needed). */

function parseV4(ip: string): bigint | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

/** Whether `cidr` (IPv4) contains `ip`; undefined when `cidr` cannot be parsed or is IPv6. */
export function cidrContains(cidr: string, ip: string): boolean | undefined {
  const [base, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (base?.includes(':')) return false; // an IPv6 block never contains an IPv4 address
  const b = parseV4(base ?? '');
  const a = parseV4(ip);
  if (b === undefined || a === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    return undefined;
  const mask = bits === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - bits)) - 1n);
  return (a & mask) === (b & mask);
}

/** Whether a CIDR covers every address of its family (`0.0.0.0/0`, `::/0`). */
export function isAllAddresses(cidr: string): boolean {
  return /^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)\/0$/.test(cidr.trim());
}
