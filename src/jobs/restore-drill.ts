/**
 * The restore drill: restore the latest successful backup into a scratch Weaviate, check that every collection
 * the backup holds came back, time it, and write the result as evidence. RTO is the time from the drill's start
 * to restored-and-checked; RPO is the backup's age when the restore began. The scratch Weaviate is removed
 * whatever happened, and the drill passes only when every check passed and the evidence is stored.
 */
import type { Clock } from './clock.js';
import type { EvidenceStore } from './evidence.js';
import type { Metric } from './metrics.js';
import { FINAL_STATUSES, type BackupDescription, type WeaviateApi } from './weaviate-api.js';

/** The scratch Weaviate the drill restores into; created and removed by the drill (k8s adapter or a stand-in). */
export interface ScratchWeaviate {
  create(): Promise<void>;
  /** The scratch's API, answering once it is ready. */
  readonly api: WeaviateApi;
  remove(): Promise<void>;
}

export interface DrillOptions {
  /** The production Weaviate, as the backup user: lists the backups. */
  readonly source: WeaviateApi;
  readonly scratch: ScratchWeaviate;
  readonly evidence: EvidenceStore;
  readonly clock: Clock;
  /** @default 's3' */
  readonly backend?: string;
  readonly rtoMinutes: number;
  readonly rpoHours: number;
  /** Key prefix of the result documents, e.g. `restore-drills`. */
  readonly evidencePrefix: string;
  /** The whole drill's time budget (readiness, restore, checks). */
  readonly timeoutMs: number;
  /** @default 10000 */
  readonly pollIntervalMs?: number;
  /** Production node names to the scratch's, for the restore (Weaviate restores onto the same node names). @default - none */
  readonly nodeMapping?: Record<string, string>;
  /** A backup completed up to this far in the future counts as clock skew, not as an error. @default 300000 */
  readonly clockSkewToleranceMs?: number;
}

export interface DrillCheck {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

export interface DrillResult {
  readonly kind: 'vectorfort.dev/restore-drill';
  readonly version: 1;
  readonly drillId: string;
  readonly passed: boolean;
  readonly backupId?: string;
  readonly backupCompletedAt?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Start of the drill to restored and checked; absent when the restore never completed. */
  readonly rtoSeconds?: number;
  /** The backup's age when the restore began. */
  readonly rpoSeconds?: number;
  readonly targets: { readonly rtoMinutes: number; readonly rpoHours: number };
  readonly collections: readonly { name: string; present: boolean; objects?: number }[];
  readonly checks: readonly DrillCheck[];
  readonly scratchRemoved: boolean;
  /** Where the document was stored; set once stored. */
  readonly evidence?: string;
}

class DrillStop extends Error {}

/** The latest backup Weaviate reports as SUCCESS, by completion time. */
export function latestSuccessful(backups: readonly BackupDescription[]): BackupDescription | undefined {
  const time = (b: BackupDescription) => new Date(b.completedAt ?? b.startedAt ?? 0).getTime() || 0;
  return backups.filter((b) => b.status === 'SUCCESS').sort((a, b) => time(b) - time(a))[0];
}

export async function runDrill(options: DrillOptions): Promise<DrillResult> {
  const { clock, scratch } = options;
  const backend = options.backend ?? 's3';
  const poll = options.pollIntervalMs ?? 10_000;
  const started = clock.now();
  const deadline = started.getTime() + options.timeoutMs;
  const drillId = `drill-${started.toISOString().replace(/[-:.]/g, '').toLowerCase()}`;
  const checks: DrillCheck[] = [];
  const check = (name: string, passed: boolean, detail: string) => {
    checks.push({ name, passed, detail });
    if (!passed) throw new DrillStop(detail);
  };
  let backup: BackupDescription | undefined;
  let collections: DrillResult['collections'] = [];
  let rtoSeconds: number | undefined;
  let rpoSeconds: number | undefined;
  let created = false;
  let scratchRemoved = false;

  try {
    backup = latestSuccessful(await options.source.listBackups(backend));
    check(
      'backup-found',
      backup !== undefined,
      backup ? `latest successful backup ${backup.id}` : 'no successful backup',
    );
    const completed = new Date(backup!.completedAt ?? Number.NaN);
    check(
      'backup-completion-known',
      !Number.isNaN(completed.getTime()),
      `backup ${backup!.id} completed at ${backup!.completedAt ?? 'an unknown time'}`,
    );
    const age = started.getTime() - completed.getTime();
    check(
      'clock-agreement',
      age >= -(options.clockSkewToleranceMs ?? 300_000),
      `backup ${backup!.id} completed ${Math.round(-age / 1000)} s in the drill's future: the clocks disagree`,
    );
    rpoSeconds = Math.max(0, age) / 1000;

    created = true;
    await scratch.create();
    while (!(await scratch.api.ready())) {
      check('scratch-ready', clock.now().getTime() < deadline, 'the scratch Weaviate never became ready');
      await clock.sleep(poll);
    }

    try {
      await scratch.api.restore(backend, backup!.id, options.nodeMapping);
    } catch (error) {
      check('restore-started', false, `restore of ${backup!.id} refused: ${(error as Error).message}`);
    }
    for (;;) {
      let status: BackupDescription | undefined;
      try {
        status = await scratch.api.restoreStatus(backend, backup!.id);
      } catch {
        // read again until the deadline
      }
      if (status?.status === 'SUCCESS') break;
      if (status && FINAL_STATUSES.has(status.status))
        check(
          'restore-succeeded',
          false,
          `restore of ${backup!.id} ended ${status.status}: ${status.error ?? 'no reason given'}`,
        );
      check(
        'restore-in-time',
        clock.now().getTime() < deadline,
        `restore of ${backup!.id} did not finish in time`,
      );
      await clock.sleep(poll);
    }
    checks.push({ name: 'restore-succeeded', passed: true, detail: `restore of ${backup!.id} succeeded` });

    const present = new Set(await scratch.api.collections());
    const counts = await scratch.api.objectCounts();
    const expected = backup!.classes ?? [];
    collections = expected.map((name) => ({ name, present: present.has(name), objects: counts[name] ?? 0 }));
    const missing = collections.filter((c) => !c.present).map((c) => c.name);
    check(
      'collections-present',
      expected.length > 0 && missing.length === 0,
      expected.length === 0
        ? `backup ${backup!.id} lists no collections`
        : missing.length
          ? `missing after restore: ${missing.join(', ')}`
          : `${expected.length} collections restored`,
    );
    rtoSeconds = (clock.now().getTime() - started.getTime()) / 1000;
    checks.push({
      name: 'rto-within-target',
      passed: rtoSeconds <= options.rtoMinutes * 60,
      detail: `restored in ${Math.round(rtoSeconds)} s; target ${options.rtoMinutes} min`,
    });
    checks.push({
      name: 'rpo-within-target',
      passed: rpoSeconds <= options.rpoHours * 3600,
      detail: `backup was ${Math.round(rpoSeconds)} s old; target ${options.rpoHours} h`,
    });
  } catch (error) {
    if (!(error instanceof DrillStop))
      checks.push({ name: 'drill-ran', passed: false, detail: (error as Error).message });
  } finally {
    if (created) {
      try {
        await scratch.remove();
        scratchRemoved = true;
      } catch (error) {
        checks.push({ name: 'scratch-removed', passed: false, detail: (error as Error).message });
      }
    }
  }

  const result: DrillResult = {
    kind: 'vectorfort.dev/restore-drill',
    version: 1,
    drillId,
    passed: checks.length > 0 && checks.every((c) => c.passed),
    ...(backup ? { backupId: backup.id, backupCompletedAt: backup.completedAt } : {}),
    startedAt: started.toISOString(),
    finishedAt: clock.now().toISOString(),
    ...(rtoSeconds !== undefined ? { rtoSeconds } : {}),
    ...(rpoSeconds !== undefined ? { rpoSeconds } : {}),
    targets: { rtoMinutes: options.rtoMinutes, rpoHours: options.rpoHours },
    collections,
    checks,
    scratchRemoved: created ? scratchRemoved : true,
  };
  const key = `${options.evidencePrefix.replace(/\/+$/, '')}/${started.toISOString().slice(0, 7)}/${drillId}.json`;
  try {
    const where = await options.evidence.put(key, result);
    return { ...result, evidence: where };
  } catch (error) {
    // Evidence that was not stored is no evidence: the drill fails.
    return {
      ...result,
      passed: false,
      checks: [...checks, { name: 'evidence-stored', passed: false, detail: (error as Error).message }],
    };
  }
}

/** Metric names the PrometheusRule reads (k8s/monitoring.ts). */
export const DRILL_METRICS = {
  lastRun: 'vectorfort_restore_drill_last_run_timestamp_seconds',
  success: 'vectorfort_restore_drill_success',
  rto: 'vectorfort_restore_drill_rto_seconds',
  rpo: 'vectorfort_restore_drill_rpo_seconds',
  lastSuccess: 'vectorfort_restore_drill_last_success_timestamp_seconds',
} as const;

/** The two series every run reports, also one that ended before it had a result (failure-metrics.ts). */
export function drillRunMetrics(startedAt: Date, passed: boolean): Metric[] {
  return [
    {
      name: DRILL_METRICS.lastRun,
      help: 'When the restore drill started.',
      value: startedAt.getTime() / 1000,
    },
    {
      name: DRILL_METRICS.success,
      help: 'Whether every check of the drill passed and its evidence was stored (1) or not (0).',
      value: passed ? 1 : 0,
    },
  ];
}

export function drillMetrics(r: DrillResult): Metric[] {
  const seconds = (iso: string) => new Date(iso).getTime() / 1000;
  const metrics = drillRunMetrics(new Date(r.startedAt), r.passed);
  if (r.rtoSeconds !== undefined)
    metrics.push({
      name: DRILL_METRICS.rto,
      help: 'Drill start to restored and checked, in seconds.',
      value: r.rtoSeconds,
    });
  if (r.rpoSeconds !== undefined)
    metrics.push({
      name: DRILL_METRICS.rpo,
      help: "The restored backup's age at the restore, in seconds.",
      value: r.rpoSeconds,
    });
  if (r.passed)
    metrics.push({
      name: DRILL_METRICS.lastSuccess,
      help: 'When the last passing drill finished.',
      value: seconds(r.finishedAt),
    });
  return metrics;
}
