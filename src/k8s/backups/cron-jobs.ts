/**
 * The CronJobs: scheduled backups, the backup role's reconciler and the restore drill. Each forbids concurrent
 * runs and ends before its next slot (activeDeadlineSeconds), so the controller never has a run to skip; a run
 * that finds a backup still in progress reports an overlap itself. No retries (backoffLimit 0): a failed run is
 * a failed run, reported and alerted on, not retried into a success that hides it.
 */
import { CronJob } from 'kubernetes-models/batch/v1';
import { ConfigMap, ServiceAccount, type IEnvVar } from 'kubernetes-models/v1';
import { ANNOTATION_RPO_HOURS } from '../../contract/backup-jobs.js';
import { shortestGapMinutes } from '../../contract/cron.js';
import { compressedJobBundle, JOB_BUNDLE_FILE } from '../../jobs/bundle.js';
import { JOB_ENV } from '../../jobs/env.js';
import type { JobNames } from '../../flows/index.js';
import type { RenderContext } from '../context.js';
import { API_KEYS_SECRET, BACKUP_API_KEY_SECRET } from '../weaviate/secrets.js';
import { CLIENT_SERVICE } from '../weaviate/services.js';
import { JOBS_CONFIGMAP, jobPodTemplate, METRICS_LINGER_SECONDS, type JobPodOptions } from './job-pod.js';

/** The backup user's Weaviate RBAC role. */
export const BACKUP_ROLE = 'vectorfort-backup';
/** The reconciler runs hourly, a quarter past, away from the backups' full hours. */
export const BACKUP_ROLE_SCHEDULE = '15 * * * *';

const fromSecret = (name: string, secret: string, key: string): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

export function weaviateUrl(ctx: RenderContext): string {
  const n = ctx.names.weaviate;
  return `http://${CLIENT_SERVICE}.${n.namespace}.svc.cluster.local:${ctx.bp.weaviate.ports.http}`;
}

/**
 * Seconds a run may take: its own timeout plus the linger, and never into the next slot. The next slot is the
 * one after the shortest gap: on an uneven schedule a deadline sized by the longest gap would outlast the
 * short one, and `concurrencyPolicy: Forbid` would silently skip that run.
 */
export function deadlineSeconds(schedule: string, timeoutMinutes: number): number {
  const gap = shortestGapMinutes(schedule) * 60;
  return Math.min(timeoutMinutes * 60 + METRICS_LINGER_SECONDS + 120, gap - 60);
}

function cronJob(
  ctx: RenderContext,
  names: JobNames,
  schedule: string,
  activeDeadlineSeconds: number,
  pod: JobPodOptions,
  annotations: Record<string, string> = {},
): CronJob {
  return new CronJob({
    metadata: {
      name: names.name,
      namespace: names.namespace,
      labels: { ...ctx.commonLabels, ...names.labels },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      schedule,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      // A run the controller could not start within 10 minutes (controller down) is missed, and the
      // staleness alert reports the missing backup.
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      jobTemplate: {
        metadata: { labels: { ...ctx.commonLabels, ...names.labels } },
        spec: {
          backoffLimit: 0,
          activeDeadlineSeconds,
          ttlSecondsAfterFinished: 7 * 24 * 3600,
          template: jobPodTemplate(ctx, pod),
        },
      },
    },
  });
}

const serviceAccount = (ctx: RenderContext, names: JobNames) =>
  new ServiceAccount({
    metadata: {
      name: names.serviceAccount,
      namespace: names.namespace,
      labels: { ...ctx.commonLabels, ...names.labels },
    },
    automountServiceAccountToken: false,
  });

export function backupJobObjects(ctx: RenderContext): (ConfigMap | ServiceAccount | CronJob)[] {
  const { bp, names } = ctx;
  const jobs = names.backupJobs;
  const backup = bp.backup;
  const program = new ConfigMap({
    metadata: {
      name: JOBS_CONFIGMAP,
      namespace: jobs.backup.namespace,
      labels: { ...ctx.commonLabels, 'app.kubernetes.io/name': JOBS_CONFIGMAP },
    },
    binaryData: { [JOB_BUNDLE_FILE]: compressedJobBundle() },
  });
  const backupKey = fromSecret(JOB_ENV.backupApiKey, BACKUP_API_KEY_SECRET.name, BACKUP_API_KEY_SECRET.key);
  const url = { name: JOB_ENV.weaviateUrl, value: weaviateUrl(ctx) };
  const objects: (ConfigMap | ServiceAccount | CronJob)[] = [
    program,
    serviceAccount(ctx, jobs.backup),
    serviceAccount(ctx, jobs.role),
    cronJob(
      ctx,
      jobs.backup,
      backup.schedule,
      deadlineSeconds(backup.schedule, backup.timeoutMinutes),
      {
        names: jobs.backup,
        componentId: 'backup-job',
        mode: 'backup',
        metrics: true,
        env: [
          url,
          backupKey,
          { name: JOB_ENV.schedule, value: backup.schedule },
          { name: JOB_ENV.timeoutSeconds, value: String(backup.timeoutMinutes * 60) },
        ],
      },
      // The verifier holds the schedule to it (VF-WEAVIATE-021).
      { [ANNOTATION_RPO_HOURS]: String(backup.rpoHours) },
    ),
  ];
  // RBAC roles exist only in RBAC mode (the admin list makes the backup user an admin instead, env.ts), and the
  // reconciler needs a root user with an API key; with OIDC-only roots the role is made once by hand
  // (docs/backup-restore.md).
  const authn = bp.weaviate.authentication.apiKey;
  const root = bp.weaviate.authorization.rootUsers.find((u) => authn.enabled && authn.users.includes(u));
  if (bp.weaviate.authorization.mode === 'rbac' && root) {
    objects.push(
      cronJob(ctx, jobs.role, BACKUP_ROLE_SCHEDULE, 600, {
        names: jobs.role,
        componentId: 'backup-role-setup',
        mode: 'backup-role',
        metrics: false,
        env: [
          url,
          fromSecret(JOB_ENV.rootKeys, API_KEYS_SECRET.name, API_KEYS_SECRET.keys),
          fromSecret(JOB_ENV.rootUsers, API_KEYS_SECRET.name, API_KEYS_SECRET.users),
          { name: JOB_ENV.rootUser, value: root },
          { name: JOB_ENV.backupUser, value: backup.weaviateUser },
          { name: JOB_ENV.backupRole, value: BACKUP_ROLE },
        ],
      }),
    );
  }
  if (backup.restoreDrill.enabled) {
    const drill = backup.restoreDrill;
    const scratch = names.scratchWeaviate;
    const replicas = bp.weaviate.replicas;
    const scratchNodes = Array.from({ length: replicas }, (_, i) => `${scratch.statefulSet}-${i}`);
    const sourceNodes = Array.from({ length: replicas }, (_, i) => `${names.weaviate.statefulSet}-${i}`);
    objects.push(
      serviceAccount(ctx, jobs.drill),
      cronJob(ctx, jobs.drill, drill.schedule, deadlineSeconds(drill.schedule, drill.timeoutMinutes), {
        names: jobs.drill,
        componentId: 'restore-drill',
        mode: 'drill',
        metrics: true,
        env: [
          url,
          backupKey,
          { name: JOB_ENV.timeoutSeconds, value: String(drill.timeoutMinutes * 60) },
          { name: JOB_ENV.rtoMinutes, value: String(backup.rtoMinutes) },
          { name: JOB_ENV.rpoHours, value: String(backup.rpoHours) },
          { name: JOB_ENV.bucket, value: ctx.aws.backupBucket },
          { name: JOB_ENV.region, value: ctx.aws.region },
          { name: JOB_ENV.evidencePrefix, value: drill.evidencePrefix },
          { name: JOB_ENV.scratchNamespace, value: scratch.namespace },
          { name: JOB_ENV.scratchStatefulSet, value: scratch.statefulSet },
          { name: JOB_ENV.scratchSecret, value: scratch.credentialsSecret },
          { name: JOB_ENV.scratchReplicas, value: String(replicas) },
          {
            name: JOB_ENV.scratchUrl,
            value: `http://${scratch.clientService}.${scratch.namespace}.svc.cluster.local:${bp.weaviate.ports.http}`,
          },
          { name: JOB_ENV.sourceNodes, value: sourceNodes.join(',') },
          { name: JOB_ENV.scratchNodes, value: scratchNodes.join(',') },
          // The API server's certificate: the cluster CA the projected volume below carries.
          { name: 'NODE_EXTRA_CA_CERTS', value: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' },
        ],
        // The drill is the one job that calls the Kubernetes API: a short-lived token, mounted explicitly.
        extraVolumes: [
          {
            name: 'kube-api-access',
            projected: {
              defaultMode: 0o444,
              sources: [
                { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              ],
            },
          },
        ],
        extraMounts: [
          {
            name: 'kube-api-access',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
        ],
      }),
    );
  }
  return objects;
}
