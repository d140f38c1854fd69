/**
 * `Fn::Cidr` computed offline: CloudFormation carves `count` consecutive blocks with `cidrBits` host bits out
 * of the given block, from its start. Written here because the intrinsic is CloudFormation's own; the CIDR
 * helpers elsewhere in the project plan subnets for the generator and must not be shared with the verifier.
 */

/** The blocks `Fn::Cidr` returns, or a reason why CloudFormation would reject the arguments. */
export function cidrSubnets(block: string, count: number, cidrBits: number): string[] | { error: string } {
  const parsed = parseBlock(block);
  if ('error' in parsed) return parsed;
  const { address, prefix, bits, v6 } = parsed;
  if (!Number.isInteger(count) || count < 1 || count > 256) return { error: `count ${count} is not 1–256` };
  if (!Number.isInteger(cidrBits) || cidrBits < 1 || cidrBits > bits)
    return { error: `cidrBits ${cidrBits} is not 1–${bits}` };
  const newPrefix = bits - cidrBits;
  if (newPrefix < prefix) return { error: `/${newPrefix} blocks do not fit in a /${prefix}` };
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix))
    return { error: `${count} /${newPrefix} blocks do not fit in a /${prefix}` };
  const size = 1n << BigInt(cidrBits);
  const start = (address >> BigInt(bits - prefix)) << BigInt(bits - prefix);
  const result: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const net = start + i * size;
    result.push(`${v6 ? formatV6(net) : formatV4(net)}/${newPrefix}`);
  }
  return result;
}

function parseBlock(
  block: string,
): { address: bigint; prefix: number; bits: number; v6: boolean } | { error: string } {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(block);
  if (!match) return { error: `${JSON.stringify(block)} is not a CIDR block` };
  const prefix = Number(match[2]);
  const text = match[1]!;
  if (text.includes(':')) {
    const address = parseV6(text);
    if (address === undefined || prefix > 128)
      return { error: `${JSON.stringify(block)} is not an IPv6 CIDR block` };
    return { address, prefix, bits: 128, v6: true };
  }
  const octets = text.split('.');
  if (octets.length !== 4 || prefix > 32 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255))
    return { error: `${JSON.stringify(block)} is not an IPv4 CIDR block` };
  const address = octets.reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n);
  return { address, prefix, bits: 32, v6: false };
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

function formatV4(address: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join('.');
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups compressed. */
function formatV6(address: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
