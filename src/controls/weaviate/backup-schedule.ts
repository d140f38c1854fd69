/**
 * Weaviate is backed up on a schedule that meets its RPO: a CronJob runs the backup program, is not suspended,
 * forbids overlapping runs, and its schedule never leaves more time between two runs than the RPO it declares.
 */
import { ANNOTATION_RPO_HOURS, JOB_MODES } from '../../contract/backup-jobs.js';
import { CronScheduleError, longestGapMinutes } from '../../contract/cron.js';
import type { Inventory } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { K8S_WORKLOAD_KINDS, objectResult, workloadResult } from '../k8s/objects.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { cronJobField, jobCronJobs, productionWeaviate, type JobCronJob } from './backup-jobs.js';
import { WEAVIATE_REFERENCES } from './containers.js';

/** The verdict on a scheduled job's CronJob fields shared by the backup and the drill controls. */
export function scheduleProblems(job: JobCronJob): { fail?: string; unknown?: string; gapMinutes?: number } {
  const schedule = cronJobField(job.pod, 'schedule');
  const suspend = cronJobField(job.pod, 'suspend');
  const concurrency = cronJobField(job.pod, 'concurrencyPolicy');
  for (const field of [schedule, suspend, concurrency])
    if ('unknown' in field) return { unknown: field.unknown };
  const s = schedule as { value: unknown };
  if (typeof s.value !== 'string') return { fail: 'spec.schedule is not a cron schedule' };
  if ((suspend as { value: unknown }).value === true)
    return { fail: 'the CronJob is suspended: nothing runs' };
  if ((concurrency as { value: unknown }).value !== 'Forbid')
    return {
      fail: `concurrencyPolicy is ${String((concurrency as { value: unknown }).value ?? 'Allow (default)')}, not Forbid: runs may overlap`,
    };
  try {
    return { gapMinutes: longestGapMinutes(s.value) };
  } catch (error) {
    if (error instanceof CronScheduleError) return { fail: error.message };
    throw error;
  }
}

const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10} hours`;

export const control: Control = {
  id: 'VF-WEAVIATE-021',
  area: 'weaviate',
  title: 'Weaviate is backed up on a schedule that meets its RPO',
  severity: 'high',
  rationale:
    'Weaviate has no built-in backup schedule: without a job that runs backups, the last backup is whatever someone took by hand, and a schedule looser than the recovery point objective loses more data than the RPO allows when the cluster is lost.',
  remediation:
    'Run the backup program from a CronJob (concurrencyPolicy: Forbid, not suspended) whose schedule runs at least once per RPO, and declare the RPO in its vectorfort.dev/rpo-hours annotation.',
  references: [...WEAVIATE_REFERENCES, 'https://docs.weaviate.io/deploy/configuration/backups'],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-11'],
    'iso-27001-2022': ['A.8.13'],
    soc2: ['A1.2'],
  },
  appliesTo: K8S_WORKLOAD_KINDS,
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const weaviate = productionWeaviate(inventory);
    if (weaviate.length === 0) return [];
    const jobs = jobCronJobs(inventory);
    const backups = jobs.filter((j) => 'value' in j.mode && j.mode.value === JOB_MODES.backup);
    const undetermined = jobs.filter((j) => 'unknown' in j.mode);
    const results = backups.map((job): ControlResult => {
      const at = (status: 'pass' | 'fail' | 'unknown', message: string) =>
        objectResult(job.pod.owner, status, message);
      const problems = scheduleProblems(job);
      if (problems.fail) return at('fail', problems.fail);
      if (problems.unknown) return at('unknown', problems.unknown);
      const rpo = job.pod.owner.annotations?.[ANNOTATION_RPO_HOURS];
      if (rpo === undefined || isSymbolic(rpo))
        return at(
          'unknown',
          `the RPO is not declared: no ${ANNOTATION_RPO_HOURS} annotation to hold the schedule to`,
        );
      const rpoHours = Number(rpo);
      if (!Number.isFinite(rpoHours) || rpoHours <= 0)
        return at('fail', `${ANNOTATION_RPO_HOURS} is not a number of hours: ${rpo}`);
      const gap = problems.gapMinutes!;
      return gap > rpoHours * 60
        ? at(
            'fail',
            `the schedule leaves up to ${hours(gap)} between backups, looser than the RPO of ${rpoHours} hours`,
          )
        : at('pass', `backups at least every ${hours(gap)}, within the RPO of ${rpoHours} hours`);
    });
    if (backups.length === 0)
      for (const pod of weaviate)
        results.push(
          undetermined.length
            ? workloadResult(
                pod,
                'unknown',
                `a CronJob's job mode is not a literal value; no CronJob is known to back up Weaviate`,
              )
            : workloadResult(
                pod,
                'fail',
                `no CronJob runs the backup program: Weaviate in ${pod.namespace} is backed up only by hand`,
              ),
        );
    return results;
  },
};
