/**
 * The environment the job programs read, named once: the charts set these variables (k8s/backups/) and the
 * programs read them (main.ts), so neither side can misspell the other.
 */
import {
  EVIDENCE_BUCKET_VARIABLE,
  EVIDENCE_PREFIX_VARIABLE,
  JOB_MODE_VARIABLE,
  SCRATCH_NAMESPACE_VARIABLE,
} from '../contract/backup-jobs.js';

export const JOB_ENV = {
  /** `backup`, `drill` or `backup-role` (JOB_MODES). */
  mode: JOB_MODE_VARIABLE,
  weaviateUrl: 'VF_WEAVIATE_URL',
  /** The backup user's API key (from its own Secret). */
  backupApiKey: 'VF_BACKUP_API_KEY',
  backupUser: 'VF_BACKUP_USER',
  backupRole: 'VF_BACKUP_ROLE',
  /** The root users' keys and names, comma-separated and paired by position (the reconciler only). */
  rootKeys: 'VF_ROOT_API_KEYS',
  rootUsers: 'VF_ROOT_API_USERS',
  rootUser: 'VF_ROOT_USER',
  schedule: 'VF_SCHEDULE',
  timeoutSeconds: 'VF_TIMEOUT_SECONDS',
  /** Seconds between status reads. Unset: 10. */
  pollSeconds: 'VF_POLL_SECONDS',
  metricsPort: 'VF_METRICS_PORT',
  lingerSeconds: 'VF_METRICS_LINGER_SECONDS',
  /** Istio's pilot-agent endpoint that stops the sidecar, so the Job's pod can complete. Unset: no sidecar. */
  sidecarQuitUrl: 'VF_SIDECAR_QUIT_URL',
  rtoMinutes: 'VF_RTO_MINUTES',
  rpoHours: 'VF_RPO_HOURS',
  bucket: EVIDENCE_BUCKET_VARIABLE,
  region: 'AWS_REGION',
  evidencePrefix: EVIDENCE_PREFIX_VARIABLE,
  scratchNamespace: SCRATCH_NAMESPACE_VARIABLE,
  scratchStatefulSet: 'VF_SCRATCH_STATEFULSET',
  scratchSecret: 'VF_SCRATCH_SECRET',
  scratchUrl: 'VF_SCRATCH_URL',
  scratchReplicas: 'VF_SCRATCH_REPLICAS',
  /** Production node names and the scratch's, comma-separated and paired by position (restore node_mapping). */
  sourceNodes: 'VF_SOURCE_NODES',
  scratchNodes: 'VF_SCRATCH_NODES',
} as const;

/** Exit codes of the job programs: the Job's status, and the alerts, follow them. */
export const JOB_EXIT = { success: 0, failed: 1, configuration: 2 } as const;

/** The Kubernetes Secret key the drill writes the scratch's API key under. */
export const SCRATCH_SECRET_KEY = 'api-key';
/** The user the scratch Weaviate's only key maps to (a root user of the scratch). */
export const SCRATCH_USER = 'restore-drill';
