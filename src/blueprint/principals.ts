/**
 * Principals the blueprint gives power over the deployment (key administration, cluster access, role trust,
 * the backup bucket's break-glass path, reading the backup replica) stay in the blueprint's account unless the
 * blueprint says otherwise with `adminAccess.allowCrossAccountPrincipals`.
 */
import type { BlueprintRule } from './rule.js';
import type { Blueprint } from './schema.js';

interface PrincipalField {
  /** The principals, in order; undefined for an optional field left unset. */
  readonly arns: (bp: Blueprint) => readonly (string | undefined)[];
  /** Path of the principal at `index`. */
  readonly pathOf: (index: number) => string;
}

const PRINCIPAL_FIELDS: readonly PrincipalField[] = [
  { arns: (bp) => bp.keys.administratorArns, pathOf: (i) => `keys.administratorArns[${i}]` },
  {
    arns: (bp) => bp.cluster.accessEntries.map((e) => e.principalArn),
    pathOf: (i) => `cluster.accessEntries[${i}].principalArn`,
  },
  {
    arns: (bp) => bp.adminAccess.roles.trustedPrincipalArns,
    pathOf: (i) => `adminAccess.roles.trustedPrincipalArns[${i}]`,
  },
  { arns: (bp) => [bp.backup.breakGlassRoleArn], pathOf: () => 'backup.breakGlassRoleArn' },
  { arns: (bp) => bp.backup.replicaRestoreRoleArns, pathOf: (i) => `backup.replicaRestoreRoleArns[${i}]` },
];

/** The account field of an ARN (`arn:partition:service:region:account:resource`); empty when it names none. */
function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** The first principal of `field` outside the blueprint's account, unless other accounts are allowed. */
function foreignPrincipal(bp: Blueprint, field: PrincipalField): { index: number; arn: string } | undefined {
  if (bp.adminAccess.allowCrossAccountPrincipals) return undefined;
  const arns = field.arns(bp);
  const index = arns.findIndex((arn) => arn !== undefined && accountOf(arn) !== bp.environment.account);
  const arn = arns[index];
  return arn === undefined ? undefined : { index, arn };
}

export const PRINCIPAL_RULES: readonly BlueprintRule[] = PRINCIPAL_FIELDS.map((field) => ({
  path: (bp) => field.pathOf(foreignPrincipal(bp, field)?.index ?? 0),
  check: (bp) => {
    const found = foreignPrincipal(bp, field);
    if (!found) return undefined;
    const account = accountOf(found.arn);
    if (account === '')
      return `expected a principal ARN that names its account, such as arn:aws:iam::${bp.environment.account}:role/<name>, got ${found.arn}`;
    return `principal ${found.arn} is in account ${account}, not the blueprint's account ${bp.environment.account}; set adminAccess.allowCrossAccountPrincipals: true to allow principals of other accounts (a weakening)`;
  },
}));
