/**
 * Scheduled backups and the restore drill (docs/backup-restore.md): the job programs' ConfigMap, the CronJobs
 * and their service accounts in Weaviate's namespace, and the scratch Weaviate with the drill's Role in the
 * drill's namespace. Applied after Weaviate, whose pods sync the backup user's key into its Secret.
 */
import type { ManifestObject } from '../chart.js';
import type { RenderContext } from '../context.js';
import { backupJobObjects } from './cron-jobs.js';
import { scratchObjects } from './scratch.js';

export function backupObjects(ctx: RenderContext): ManifestObject[] {
  return [...backupJobObjects(ctx), ...(ctx.bp.backup.restoreDrill.enabled ? scratchObjects(ctx) : [])];
}
