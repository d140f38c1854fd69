/**
 * Network interfaces whose subnet the input does not determine: a subnet referenced but defined outside the
 * input (an id, a parameter, an import), or one whose CIDR is chosen at deploy time. The queries cannot place
 * them, so a path from or to them is `unknown`, naming the subnet; it is never taken as closed.
 */
import type { AttachmentModel, NetworkModel } from './model.js';

export interface UndeterminedSubnet {
  /** The attachment whose interfaces are concerned. */
  readonly node: string;
  readonly reason: string;
  /** The subnet ids outside the input that alone make it undetermined (see AttachmentModel.subnetsOutside). */
  readonly outsideSubnets?: readonly string[];
}

export function undeterminedSubnets(
  model: NetworkModel,
  attachments: readonly AttachmentModel[],
): UndeterminedSubnet[] {
  const out: UndeterminedSubnet[] = [];
  for (const a of attachments) {
    if (a.subnetUnknown)
      out.push({
        node: a.key,
        reason: a.subnetUnknown,
        ...(a.subnetsOutside ? { outsideSubnets: a.subnetsOutside } : {}),
      });
    for (const key of a.subnets) {
      const subnet = model.subnets.get(key);
      if (subnet && !subnet.range)
        out.push({
          node: a.key,
          reason: subnet.unknown ?? `the CIDR of ${key} is not determined by the input`,
        });
    }
  }
  return out;
}

/**
 * The subnets outside the input that alone leave an answer undetermined: set only when every cause is such a
 * subnet (a path that is unknown for any other reason as well is not theirs alone).
 */
export function outsideSubnetsOnly(
  causes: readonly { readonly outsideSubnets?: readonly string[] }[],
): readonly string[] | undefined {
  if (causes.length === 0 || causes.some((c) => !c.outsideSubnets)) return undefined;
  return [...new Set(causes.flatMap((c) => c.outsideSubnets!))].sort();
}
