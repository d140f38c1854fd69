/** Cross-field rules of the `lattice` section (kept apart from its schema, which schema.ts imports). */
import type { BlueprintRule } from './rule.js';

/** Consumers checked one by one (the auth policy's size limits the count as well). */
const consumerPaths = [...Array(16).keys()];

export const LATTICE_RULES: readonly BlueprintRule[] = [
  {
    path: () => 'lattice.consumers',
    check: (bp) => {
      const l = bp.lattice;
      if (bp.exposure === 'lattice' && l.consumers.length === 0)
        return 'exposure "lattice" needs at least one consumer: with AWS_IAM auth and no consumer every request is denied';
      if (bp.exposure !== 'lattice' && l.consumers.length > 0)
        return `lattice.consumers are used only with exposure "lattice" (got exposure "${bp.exposure}")`;
      const names = l.consumers.map((c) => c.name);
      const twice = names.find((n, i) => names.indexOf(n) !== i);
      return twice ? `consumer name "${twice}" is used twice` : undefined;
    },
  },
  ...consumerPaths.map((i): BlueprintRule => ({
    path: () => `lattice.consumers[${i}]`,
    check: (bp) => {
      const c = bp.lattice.consumers[i];
      if (!c) return undefined;
      // A consumer without an identity condition would be a `*` principal with nothing to narrow it.
      if (c.principals.length === 0 && c.accounts.length === 0 && c.organizationId === undefined)
        return `consumer "${c.name}" names no principals, accounts or organizationId; a policy without one of them would admit every principal`;
      return undefined;
    },
  })),
  {
    path: () => 'lattice.consumers',
    check: (bp) =>
      bp.lattice.consumers.length > consumerPaths.length
        ? `at most ${consumerPaths.length} consumers (the auth policy is limited in size); got ${bp.lattice.consumers.length}`
        : undefined,
  },
  {
    path: () => 'lattice.associateVpc',
    check: (bp) =>
      bp.lattice.associateVpc && (bp.exposure !== 'lattice' || !bp.adminAccess.clientVpn.enabled)
        ? 'lattice.associateVpc lets administrators on the Client VPN call the service network; it needs exposure "lattice" and adminAccess.clientVpn.enabled'
        : undefined,
  },
  {
    path: () => 'edge.scheme',
    check: (bp) =>
      bp.exposure === 'lattice' && bp.edge.scheme !== 'internal'
        ? 'exposure "lattice" forwards to an internal ALB in the application tier; set edge.scheme: internal (nothing faces the internet)'
        : undefined,
  },
];
