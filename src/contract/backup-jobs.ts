/**
 * What the generated backup and restore-drill CronJobs carry and the verifier reads: the job program's mode and
 * the drill's scratch namespace (environment variables of the job container), and the RPO the backup schedule
 * must meet (an annotation on the CronJob).
 */
export const JOB_MODE_VARIABLE = 'VF_JOB_MODE';
export const JOB_MODES = { backup: 'backup', drill: 'drill', backupRole: 'backup-role' } as const;
export const SCRATCH_NAMESPACE_VARIABLE = 'VF_SCRATCH_NAMESPACE';
/** Where the drill writes its result documents: the bucket and the key prefix. */
export const EVIDENCE_BUCKET_VARIABLE = 'VF_BACKUP_BUCKET';
export const EVIDENCE_PREFIX_VARIABLE = 'VF_EVIDENCE_PREFIX';
/** Hours of data a failed backup may lose; the schedule's longest gap must not exceed it. */
export const ANNOTATION_RPO_HOURS = 'vectorfort.dev/rpo-hours';
/** A drill at least monthly: the longest gap its schedule may leave, in days. */
export const MAX_DRILL_GAP_DAYS = 31;
