/**
 * The result metrics of a run that ended before it had a result: a setting missing, a client that could not be
 * built, an unexpected exception. Each job reports such a run as a failure through the same series a failure it
 * measured uses, so the failure alerts fire for it rather than leaving only the (slower) staleness alerts.
 */
import { backupMetrics } from './backup-run.js';
import type { Metric } from './metrics.js';
import { drillRunMetrics } from './restore-drill.js';

/** The label a backup run carries when it never named its backup (the id derives from settings it lacked). */
export const UNNAMED_BACKUP_ID = 'none';

/** Failure metrics of each job that reports any, by mode; modes without result metrics are absent. */
export const FAILURE_METRICS: Readonly<
  Record<string, (startedAt: Date, finishedAt: Date, detail: string) => Metric[]>
> = {
  backup: (startedAt, finishedAt, detail) =>
    backupMetrics({ outcome: 'error', backupId: UNNAMED_BACKUP_ID, startedAt, finishedAt, detail }),
  drill: (startedAt) => drillRunMetrics(startedAt, false),
};
