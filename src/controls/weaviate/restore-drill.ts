/**
 * Backups are proven by a scheduled restore drill into an isolated namespace: a CronJob runs the drill program at
 * least monthly, not suspended, without overlapping runs, and the namespace its scratch Weaviate runs in is its
 * own, closed by default-deny NetworkPolicies in both directions and under the restricted Pod Security profile.
 */
import {
  EVIDENCE_BUCKET_VARIABLE,
  EVIDENCE_PREFIX_VARIABLE,
  JOB_MODES,
  MAX_DRILL_GAP_DAYS,
  SCRATCH_NAMESPACE_VARIABLE,
} from '../../contract/backup-jobs.js';
import type { Inventory } from '../../inventory/model.js';
import { defaultDenyResults } from '../k8s/default-deny.js';
import { K8S_WORKLOAD_KINDS, namespacesInScope, objectResult, workloadResult } from '../k8s/objects.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { envValue, jobCronJobs, productionWeaviate } from './backup-jobs.js';
import { scheduleProblems } from './backup-schedule.js';
import { WEAVIATE_REFERENCES } from './containers.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

export const control: Control = {
  id: 'VF-WEAVIATE-022',
  area: 'weaviate',
  title: 'A scheduled restore drill proves the backups in an isolated namespace',
  severity: 'high',
  rationale:
    'A backup that was never restored is a hope, not a recovery point: restores fail on corrupt or incomplete backups, changed node names or missing permissions. A drill restores on a schedule and measures the recovery time; its scratch copy holds production data, so it must be as closed as production.',
  remediation:
    'Run the restore-drill program from a CronJob at least monthly (concurrencyPolicy: Forbid, not suspended) into a namespace of its own with default-deny ingress and egress NetworkPolicies and pod-security.kubernetes.io/enforce: restricted.',
  references: [
    ...WEAVIATE_REFERENCES,
    'https://docs.weaviate.io/deploy/configuration/backups#restore-backup',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-11', 'RC.RP-03'],
    'iso-27001-2022': ['A.8.13', 'A.5.30'],
    soc2: ['A1.3'],
  },
  appliesTo: K8S_WORKLOAD_KINDS,
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const weaviate = productionWeaviate(inventory);
    if (weaviate.length === 0) return [];
    const jobs = jobCronJobs(inventory);
    const drills = jobs.filter((j) => 'value' in j.mode && j.mode.value === JOB_MODES.drill);
    const namespaces = namespacesInScope(inventory);
    const ingress = defaultDenyResults(inventory, 'Ingress');
    const egress = defaultDenyResults(inventory, 'Egress');
    const results = drills.map((job): ControlResult => {
      const at = (status: 'pass' | 'fail' | 'unknown', message: string) =>
        objectResult(job.pod.owner, status, message);
      const problems = scheduleProblems(job);
      if (problems.fail) return at('fail', problems.fail);
      if (problems.unknown) return at('unknown', problems.unknown);
      if (problems.gapMinutes! > MAX_DRILL_GAP_DAYS * 24 * 60)
        return at(
          'fail',
          `the schedule leaves up to ${Math.round(problems.gapMinutes! / 1440)} days between drills; at least one every ${MAX_DRILL_GAP_DAYS} days is needed`,
        );
      const scratch = envValue(job.pod, SCRATCH_NAMESPACE_VARIABLE);
      if (!scratch) return at('fail', `the drill names no scratch namespace (${SCRATCH_NAMESPACE_VARIABLE})`);
      if ('unknown' in scratch) return at('unknown', scratch.unknown);
      const ns = scratch.value;
      if (weaviate.some((p) => p.namespace === ns) || ns === job.pod.namespace)
        return at('fail', `the scratch namespace ${ns} is shared with production: the drill is not isolated`);
      if (!namespaces.has(ns)) return at('unknown', `the scratch namespace ${ns} is not in the input`);
      for (const [direction, list] of [
        ['ingress', ingress],
        ['egress', egress],
      ] as const) {
        const verdict = list.find((r) => r.resource.id === ns);
        if (verdict?.status === 'unknown')
          return at('unknown', `scratch namespace ${ns}: ${verdict.message}`);
        if (verdict?.status !== 'pass')
          return at('fail', `scratch namespace ${ns} has no default-deny ${direction} NetworkPolicy`);
      }
      const namespace = namespaces.get(ns);
      if (!namespace)
        return at(
          'unknown',
          `the Namespace object ${ns} is not in the input: its Pod Security labels are not known`,
        );
      if (namespace.labels[ENFORCE] !== 'restricted')
        return at('fail', `scratch namespace ${ns} does not enforce the restricted Pod Security profile`);
      const bucket = envValue(job.pod, EVIDENCE_BUCKET_VARIABLE);
      const prefix = envValue(job.pod, EVIDENCE_PREFIX_VARIABLE);
      const evidence =
        bucket && 'value' in bucket && prefix && 'value' in prefix
          ? `; results in s3://${bucket.value}/${prefix.value}/`
          : '';
      return at(
        'pass',
        `drills at least every ${Math.round(problems.gapMinutes! / 1440)} days into ${ns}, closed by default-deny policies and the restricted profile${evidence}`,
      );
    });
    if (drills.length === 0)
      for (const pod of weaviate)
        results.push(
          jobs.some((j) => 'unknown' in j.mode)
            ? workloadResult(
                pod,
                'unknown',
                "a CronJob's job mode is not a literal value; no CronJob is known to drill restores",
              )
            : workloadResult(
                pod,
                'fail',
                `no CronJob runs a restore drill: the backups of Weaviate in ${pod.namespace} are never restored`,
              ),
        );
    return results;
  },
};
