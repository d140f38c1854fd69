/** The one shape every resource with network interfaces takes in the model. */
import type { CfnResource } from '../../../inventory/model.js';
import type { AttachmentKind, AttachmentModel } from '../model.js';
import type { ResolvedKeys } from './references.js';
import { tagsOf } from './tags.js';

/** What node groups add to an attachment: instance metadata and scheduling. */
export type HostDetails = Pick<AttachmentModel, 'hopLimit' | 'hopLimitSource' | 'nodeLabels' | 'taints'>;

export interface AttachmentParts {
  readonly securityGroups: ResolvedKeys;
  readonly subnets: ResolvedKeys;
  /**
   * Tag key → value.
   * @default - the resource's own tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Whether the interfaces have public addresses.
   * @default false
   */
  readonly publicAddress?: boolean;
  /**
   * Whether the interfaces belong to Linux hosts (ephemeral ports 32768-60999).
   * @default false
   */
  readonly linux?: boolean;
  /**
   * Instance metadata and scheduling details of node groups.
   * @default - none
   */
  readonly host?: HostDetails;
}

export function attachmentOf(r: CfnResource, kind: AttachmentKind, parts: AttachmentParts): AttachmentModel {
  const { securityGroups, subnets } = parts;
  return {
    key: r.key,
    kind,
    sgs: securityGroups.keys,
    ...(securityGroups.unknown ? { sgUnknown: securityGroups.unknown } : {}),
    subnets: subnets.keys,
    ...(subnets.unknown ? { subnetUnknown: subnets.unknown } : {}),
    ...(subnets.outside ? { subnetsOutside: subnets.outside } : {}),
    tags: parts.tags ?? tagsOf(r),
    publicAddress: parts.publicAddress ?? false,
    ...parts.host,
    linux: parts.linux ?? false,
  };
}
