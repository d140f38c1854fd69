/**
 * Where the backups replicate to when the blueprint does not say: a fixed pairing of regions, chosen so that
 * the replica stays in the same jurisdiction where AWS has a second region there (an opt-in region pairs with
 * a region of the same country or area), and is far enough away that one regional event does not take both
 * copies. A region with
 * no entry must name its replica region (or `none`) explicitly; the blueprint rule says so.
 */
import type { BlueprintRule } from './rule.js';
import type { Blueprint } from './schema.js';

/** The default replica region of each source region (docs/backup-replication.md lists it). */
export const REPLICA_REGION_PAIRS: Readonly<Record<string, string>> = {
  'us-east-1': 'us-west-2',
  'us-east-2': 'us-west-2',
  'us-west-1': 'us-east-1',
  'us-west-2': 'us-east-1',
  'ca-central-1': 'us-east-1',
  'sa-east-1': 'us-east-1',
  'eu-west-1': 'eu-central-1',
  'eu-west-2': 'eu-west-1',
  'eu-west-3': 'eu-central-1',
  'eu-central-1': 'eu-west-1',
  'eu-north-1': 'eu-west-1',
  'ap-northeast-1': 'ap-northeast-3',
  'ap-northeast-2': 'ap-northeast-1',
  'ap-northeast-3': 'ap-northeast-1',
  'ap-southeast-1': 'ap-southeast-2',
  'ap-southeast-2': 'ap-southeast-1',
  'ap-south-1': 'ap-southeast-1',
  'ap-south-2': 'ap-south-1',
  'ap-east-1': 'ap-southeast-1',
  'ap-southeast-3': 'ap-southeast-1',
  'ap-southeast-4': 'ap-southeast-2',
  'ca-west-1': 'ca-central-1',
  'eu-central-2': 'eu-central-1',
  'eu-south-1': 'eu-central-1',
  'eu-south-2': 'eu-west-3',
  'me-south-1': 'me-central-1',
  'me-central-1': 'me-south-1',
  'il-central-1': 'eu-central-1',
  'af-south-1': 'eu-west-1',
  'us-gov-west-1': 'us-gov-east-1',
  'us-gov-east-1': 'us-gov-west-1',
};

/** The replica region of the backups, or undefined when replication is off (`backup.replicaRegion: none`). */
export function replicaRegionOf(bp: Blueprint): string | undefined {
  const chosen = bp.backup.replicaRegion;
  if (chosen === 'none') return undefined;
  return chosen ?? REPLICA_REGION_PAIRS[bp.environment.region];
}

export const REPLICATION_RULES: readonly BlueprintRule[] = [
  {
    path: () => 'backup.replicaRegion',
    check: (bp) => {
      const chosen = bp.backup.replicaRegion;
      const region = bp.environment.region;
      if (chosen === undefined && REPLICA_REGION_PAIRS[region] === undefined)
        return `no default replica region is paired with ${region}; set backup.replicaRegion to a region, or to "none" to keep the backups in one region`;
      if (chosen === region)
        return `the replica region must differ from environment.region (${region}): a replica in the same region does not survive a regional outage`;
      return undefined;
    },
  },
  {
    path: () => 'backup.replicaObjectLock.enabled',
    check: (bp) =>
      bp.backup.objectLock.enabled && !bp.backup.replicaObjectLock.enabled && replicaRegionOf(bp)
        ? 'the backup bucket has Object Lock, so the replica bucket needs it too (S3 replicates locked objects only into a bucket with Object Lock enabled)'
        : undefined,
  },
  {
    path: () => 'backup.replicaObjectLock.enabled',
    check: (bp) =>
      bp.backup.replicaObjectLock.enabled && !replicaRegionOf(bp)
        ? 'replicaObjectLock needs a replica: backup.replicaRegion is "none"'
        : undefined,
  },
];
