/** The data controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as backupLifecycle } from './backup-lifecycle.js';
import { control as backupReplication } from './backup-replication.js';
import { control as backupReplicationAlarms } from './backup-replication-alarms.js';
import { control as backupVersioning } from './backup-versioning.js';
import { control as backupVpcePinned } from './backup-vpce-pinned.js';
import { control as ebsVolumeEncryption } from './ebs-volume-encryption.js';
import { control as kmsNoPublicPrincipal } from './kms-no-public-principal.js';
import { control as kmsRotation } from './kms-rotation.js';
import { control as logGroupKms } from './log-group-kms.js';
import { control as logGroupRetention } from './log-group-retention.js';
import { control as s3AccessLogging } from './s3-access-logging.js';
import { control as s3AclsDisabled } from './s3-acls-disabled.js';
import { control as s3KmsEncryption } from './s3-kms-encryption.js';
import { control as s3NoPublicGrants } from './s3-no-public-grants.js';
import { control as s3PublicAccessBlock } from './s3-public-access-block.js';
import { control as s3TlsOnly } from './s3-tls-only.js';
import { control as secretCmk } from './secret-cmk.js';
import { control as queueEncryption } from './queue-encryption.js';
import { control as secretRotation } from './secret-rotation.js';
import { control as tableEncryption } from './table-encryption.js';
import { control as topicEncryption } from './topic-encryption.js';
import { control as logArchive } from './log-archive.js';

export const controls: readonly Control[] = [
  s3KmsEncryption,
  s3PublicAccessBlock,
  s3TlsOnly,
  backupVersioning,
  backupLifecycle,
  backupVpcePinned,
  s3AccessLogging,
  kmsRotation,
  kmsNoPublicPrincipal,
  logGroupRetention,
  logGroupKms,
  secretCmk,
  secretRotation,
  s3NoPublicGrants,
  s3AclsDisabled,
  topicEncryption,
  queueEncryption,
  tableEncryption,
  ebsVolumeEncryption,
  backupReplication,
  logArchive,
  backupReplicationAlarms,
];
