/**
 * The pod every backup CronJob runs: the job programs from their ConfigMap on a pinned Node.js image, under the
 * restricted profile with a read-only root filesystem, its own service account without the API token, on the
 * system nodes, in the mesh (the sidecar starts first and is told to stop when the program ends), with the
 * result-metrics port kept outside the sidecar so Prometheus scrapes it directly.
 */
import type { IEnvVar, IPodTemplateSpec, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import { JOB_ENV } from '../../jobs/env.js';
import { JOB_BUNDLE_FILE } from '../../jobs/bundle.js';
import { NODE_ROLE_LABEL, type JobNames } from '../../flows/index.js';
import { imageRegistry, type RenderContext } from '../context.js';
import { hardened, restrictedPodSecurityContext } from '../pod-security.js';
import { sidecarAnnotations, sidecarExclusions } from '../sidecar-ports.js';

export const JOBS_CONFIGMAP = 'weaviate-backup-jobs';
const PROGRAM_DIR = '/opt/vectorfort';
/** Istio's pilot-agent listens on 15020 inside the pod; `quitquitquit` stops the sidecar. */
const SIDECAR_QUIT_URL = 'http://127.0.0.1:15020/quitquitquit';
/** Two Prometheus scrape intervals (30 s) and a margin: the final values are scraped at least once. */
export const METRICS_LINGER_SECONDS = 75;

export function jobImage(ctx: RenderContext): string {
  const { repository, tag, digest } = ctx.bp.backup.jobImage;
  const ref = `${imageRegistry(ctx.bp, 'docker.io')}/${repository}:${tag}`;
  return digest ? `${ref}@${digest}` : ref;
}

export interface JobPodOptions {
  readonly names: JobNames;
  readonly componentId: string;
  readonly mode: 'backup' | 'drill' | 'backup-role';
  readonly env: readonly IEnvVar[];
  /** Serves result metrics while lingering. */
  readonly metrics: boolean;
  readonly extraVolumes?: readonly IVolume[];
  readonly extraMounts?: readonly IVolumeMount[];
}

export function jobPodTemplate(ctx: RenderContext, o: JobPodOptions): IPodTemplateSpec {
  const mesh = ctx.bp.mesh.enabled;
  const port = ctx.names.backupJobs.metricsPort;
  const annotations: Record<string, string> = mesh
    ? {
        ...sidecarAnnotations(sidecarExclusions(ctx.spec, o.componentId)),
        // The program's first request must not race the sidecar's start.
        'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}',
      }
    : {};
  return {
    metadata: { labels: { ...ctx.commonLabels, ...o.names.labels }, annotations },
    spec: {
      serviceAccountName: o.names.serviceAccount,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: 'Never',
      securityContext: restrictedPodSecurityContext(),
      nodeSelector: { [NODE_ROLE_LABEL]: 'system' },
      containers: [
        hardened({
          name: 'job',
          image: jobImage(ctx),
          imagePullPolicy: 'IfNotPresent',
          // Node reads the program from standard input (`-`); the image's busybox shell decompresses it.
          command: ['/bin/sh', '-c', `gunzip -c ${PROGRAM_DIR}/${JOB_BUNDLE_FILE} | exec node -`],
          env: [
            { name: JOB_ENV.mode, value: o.mode },
            ...o.env,
            ...(o.metrics
              ? [
                  { name: JOB_ENV.metricsPort, value: String(port) },
                  {
                    name: JOB_ENV.lingerSeconds,
                    value: String(ctx.bp.monitoring.enabled ? METRICS_LINGER_SECONDS : 0),
                  },
                ]
              : []),
            ...(mesh ? [{ name: JOB_ENV.sidecarQuitUrl, value: SIDECAR_QUIT_URL }] : []),
          ],
          ports: o.metrics ? [{ name: 'metrics', containerPort: port, protocol: 'TCP' }] : [],
          resources: {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { cpu: '500m', memory: '256Mi' },
          },
          volumeMounts: [
            { name: 'program', mountPath: PROGRAM_DIR, readOnly: true },
            { name: 'tmp', mountPath: '/tmp' },
            ...(o.extraMounts ?? []),
          ],
        }),
      ],
      volumes: [
        { name: 'program', configMap: { name: JOBS_CONFIGMAP, defaultMode: 0o444 } },
        { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
        ...(o.extraVolumes ?? []),
      ],
    },
  };
}
