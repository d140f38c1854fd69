/** The blueprint's IPv4 ranges, read with the contract's CIDR parser. */
import { cidrsOverlap as blocksOverlap, parseCidr as parseBlock } from '../contract/cidr.js';

export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

/** An IPv4 CIDR with its host bits cleared; undefined for anything else (IPv6 included). */
export function parseCidr(cidr: string): Cidr | undefined {
  const block = parseBlock(cidr, { hostBits: 'mask' });
  return block?.version === 4 ? { base: Number(block.network), prefix: block.prefix } : undefined;
}

/** Whether two IPv4 CIDRs share an address (false when either does not parse). */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseBlock(a, { hostBits: 'mask' });
  const y = parseBlock(b, { hostBits: 'mask' });
  return x !== undefined && y !== undefined && x.version === 4 && y.version === 4 && blocksOverlap(x, y);
}
