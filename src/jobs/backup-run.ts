/**
 * One scheduled backup: name it after the schedule's slot, start a backup of every collection, wait until
 * Weaviate says SUCCESS or FAILED (or the timeout passes), and describe the outcome as metrics. Only a backup
 * Weaviate reports as SUCCESS is a success; a run that finds another backup in progress is an `overlap`, reported
 * like a failure, never skipped in silence.
 */
import { scheduledSlot } from '../contract/cron.js';
import type { Clock } from './clock.js';
import type { Metric } from './metrics.js';
import {
  FINAL_STATUSES,
  WeaviateApiError,
  type BackupDescription,
  type WeaviateApi,
} from './weaviate-api.js';

export type BackupOutcome = 'success' | 'failed' | 'timeout' | 'overlap' | 'error';

export interface BackupRunOptions {
  readonly api: WeaviateApi;
  readonly clock: Clock;
  /** Weaviate's backup backend. @default 's3' */
  readonly backend?: string;
  /** The CronJob's schedule; the backup id names its slot. */
  readonly schedule: string;
  /** Backup ids start with it (lower-case letters, digits, `-`). @default 'scheduled' */
  readonly idPrefix?: string;
  /** How long to wait for SUCCESS or FAILED. */
  readonly timeoutMs: number;
  /** @default 10000 */
  readonly pollIntervalMs?: number;
  /** How far the pod's clock may be behind the scheduler's (see scheduledSlot). @default 300000 */
  readonly clockSkewToleranceMs?: number;
}

export interface BackupRunResult {
  readonly outcome: BackupOutcome;
  readonly backupId: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** When Weaviate completed the backup; only for `success`. */
  readonly completedAt?: Date;
  readonly detail: string;
}

/** `2026-12-07T06:00:00Z` → `20261207t0600z`: Weaviate's ids allow lower-case letters, digits, `_` and `-`. */
export function slotName(slot: Date): string {
  return slot
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\d\d\.\d{3}Z$/, 'z')
    .toLowerCase();
}

export async function runBackup(options: BackupRunOptions): Promise<BackupRunResult> {
  const { api, clock } = options;
  const backend = options.backend ?? 's3';
  const startedAt = clock.now();
  const slot = scheduledSlot(options.schedule, startedAt, options.clockSkewToleranceMs ?? 300_000);
  let backupId = `${options.idPrefix ?? 'scheduled'}-${slotName(slot)}`;
  const result = (outcome: BackupOutcome, detail: string, completedAt?: Date): BackupRunResult => ({
    outcome,
    backupId,
    startedAt,
    finishedAt: clock.now(),
    detail,
    ...(completedAt ? { completedAt } : {}),
  });

  // A second run for the same slot (a manual re-run, or a pod restarted after it started the backup) finds it.
  let earlier: BackupDescription | undefined;
  try {
    earlier = await existing(api, backend, backupId);
  } catch (error) {
    return result('error', `could not read backup ${backupId}: ${(error as Error).message}`);
  }
  if (earlier && !FINAL_STATUSES.has(earlier.status))
    return result('overlap', `backup ${backupId} of this slot is still ${earlier.status}`);
  if (earlier?.status === 'SUCCESS')
    return result('overlap', `backup ${backupId} of this slot already succeeded; no second backup was taken`);
  if (earlier) backupId = `${backupId}-retry-${Math.floor(startedAt.getTime() / 1000)}`;

  try {
    await api.createBackup(backend, backupId);
  } catch (error) {
    if (error instanceof WeaviateApiError && error.alreadyInProgress)
      return result('overlap', `another backup or restore is in progress: ${error.message}`);
    return result('error', `could not start backup ${backupId}: ${(error as Error).message}`);
  }

  const deadline = startedAt.getTime() + options.timeoutMs;
  let last: BackupDescription | undefined;
  let lastError = '';
  for (;;) {
    try {
      last = await api.backupStatus(backend, backupId);
      if (last.status === 'SUCCESS')
        return result('success', `backup ${backupId} succeeded`, parseDate(last.completedAt) ?? clock.now());
      if (FINAL_STATUSES.has(last.status))
        return result(
          'failed',
          `backup ${backupId} ended ${last.status}: ${last.error ?? 'no reason given'}`,
        );
    } catch (error) {
      // A status read that fails is retried until the deadline: the backup itself may still succeed.
      lastError = (error as Error).message;
    }
    if (clock.now().getTime() >= deadline) {
      const state = last ? `still ${last.status}` : `status unknown (${lastError})`;
      return result('timeout', `backup ${backupId} ${state} after ${Math.round(options.timeoutMs / 1000)} s`);
    }
    await clock.sleep(options.pollIntervalMs ?? 10_000);
  }
}

async function existing(
  api: WeaviateApi,
  backend: string,
  id: string,
): Promise<BackupDescription | undefined> {
  try {
    return await api.backupStatus(backend, id);
  } catch (error) {
    if (error instanceof WeaviateApiError && error.status === 404) return undefined;
    throw error;
  }
}

function parseDate(value: string | undefined): Date | undefined {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Metric names the PrometheusRule reads (k8s/monitoring.ts). */
export const BACKUP_METRICS = {
  lastRun: 'vectorfort_backup_last_run_timestamp_seconds',
  success: 'vectorfort_backup_last_run_success',
  duration: 'vectorfort_backup_last_run_duration_seconds',
  lastSuccess: 'vectorfort_backup_last_success_timestamp_seconds',
  outcome: 'vectorfort_backup_last_run_outcome',
} as const;

export function backupMetrics(r: BackupRunResult): Metric[] {
  const seconds = (d: Date) => d.getTime() / 1000;
  const metrics: Metric[] = [
    { name: BACKUP_METRICS.lastRun, help: 'When the backup run started.', value: seconds(r.startedAt) },
    {
      name: BACKUP_METRICS.success,
      help: "Whether Weaviate reported the run's backup as SUCCESS (1) or not (0).",
      value: r.outcome === 'success' ? 1 : 0,
    },
    {
      name: BACKUP_METRICS.duration,
      help: "Seconds from the run's start to its outcome.",
      value: (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000,
    },
    {
      name: BACKUP_METRICS.outcome,
      help: "The run's outcome (success, failed, timeout, overlap, error).",
      value: 1,
      labels: { outcome: r.outcome, backup_id: r.backupId },
    },
  ];
  if (r.outcome === 'success' && r.completedAt)
    metrics.push({
      name: BACKUP_METRICS.lastSuccess,
      help: 'When Weaviate completed the last successful backup.',
      value: seconds(r.completedAt),
    });
  return metrics;
}
