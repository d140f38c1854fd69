/**
 * Port ranges as security group rules and network ACL entries write them (`FromPort`/`ToPort`,
 * `PortRange.From`/`To`). The controls and the reachability prover judge an inverted range the same way, with
 * the same words: it is invalid, so it is neither open nor closed until someone fixes it.
 */

/**
 * Why the range is invalid, or `undefined` when it is not inverted. `-1` as the upper end means "to the last
 * port" and is not an inversion.
 */
export function invertedPortRange(
  from: number,
  to: number,
  names: { readonly from: string; readonly to: string } = { from: 'FromPort', to: 'ToPort' },
): string | undefined {
  if (to === -1 || from <= to) return undefined;
  return `${names.from} ${from} is greater than ${names.to} ${to}: an inverted port range is invalid, so what the rule admits is not determined`;
}
