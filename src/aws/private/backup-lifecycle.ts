/**
 * The lifecycle rule of the backups, shared by the backup bucket and its cross-region replica: S3 does not
 * replicate delete markers (by design, see backup-replica/replication.ts), so an expiration in the source never
 * reaches the replica, and the replica must expire its own copies after the same retention or grow without bound.
 */
import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

export interface BackupLifecycleProps {
  /** The rule's id. */
  readonly id: string;
  /** Weaviate's key prefix (without the trailing slash): the only objects that expire. */
  readonly prefix: string;
  /** How long a backup stays current before S3 expires it. @default - backups never expire */
  readonly retention?: Duration;
  /** @default Duration.days(30) */
  readonly transitionToInfrequentAccessAfter?: Duration;
  /** @default Duration.days(90) */
  readonly noncurrentVersionExpiration?: Duration;
}

/**
 * With a retention the rule covers the prefix only (the restore drill's evidence lives beside it and is kept):
 * current backups expire after the retention, and their noncurrent versions after their own delay. Under Object
 * Lock an expiration only adds a delete marker: the locked version stays until its retention has passed, and the
 * noncurrent expiration removes it after that.
 */
export function backupLifecycleRule(props: BackupLifecycleProps): s3.LifecycleRule {
  return {
    id: props.id,
    ...(props.retention ? { prefix: `${props.prefix}/`, expiration: props.retention } : {}),
    transitions: [
      {
        storageClass: s3.StorageClass.INFREQUENT_ACCESS,
        transitionAfter: props.transitionToInfrequentAccessAfter ?? Duration.days(30),
      },
    ],
    noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(90),
    abortIncompleteMultipartUploadAfter: Duration.days(7),
  };
}
