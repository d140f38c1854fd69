/**
 * The job programs' entry point (bundled into the ConfigMap the CronJobs mount): reads its settings from the
 * environment (env.ts), runs one mode, prints the outcome as one JSON line, serves the result metrics for the
 * linger period, stops the Istio sidecar so the pod can complete, and exits with the outcome's code.
 */
import { backupMetrics, runBackup } from './backup-run.js';
import { reconcileBackupRole } from './backup-role.js';
import { podIdentityCredentials } from './aws-credentials.js';
import { SYSTEM_CLOCK } from './clock.js';
import { JOB_ENV, JOB_EXIT } from './env.js';
import { S3EvidenceStore } from './evidence.js';
import { FAILURE_METRICS } from './failure-metrics.js';
import { serveMetrics, type Metric } from './metrics.js';
import { drillMetrics, runDrill } from './restore-drill.js';
import { KubeScratchWeaviate, SERVICE_ACCOUNT_TOKEN } from './scratch-k8s.js';
import { WeaviateApi } from './weaviate-api.js';

class ConfigurationError extends Error {}

function setting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new ConfigurationError(`${name} is not set`);
  return value;
}

function numberSetting(name: string): number {
  const value = Number(setting(name));
  if (!Number.isFinite(value) || value <= 0) throw new ConfigurationError(`${name} is not a positive number`);
  return value;
}

function pairs(keysVar: string, namesVar: string): Map<string, string> {
  const keys = setting(keysVar).split(',');
  const names = setting(namesVar).split(',');
  // Weaviate pairs keys and users by position, or maps every key to a single user; a user's first key is used.
  const byUser = new Map<string, string>();
  keys.forEach((key, i) => {
    const user = names.length === 1 ? names[0]! : names[i];
    if (user !== undefined && !byUser.has(user)) byUser.set(user, key.trim());
  });
  return byUser;
}

function pollMs(): number {
  return process.env[JOB_ENV.pollSeconds] ? numberSetting(JOB_ENV.pollSeconds) * 1000 : 10_000;
}

interface Outcome {
  readonly ok: boolean;
  readonly report: unknown;
  readonly metrics: readonly Metric[];
}

async function backup(): Promise<Outcome> {
  const api = new WeaviateApi({
    baseUrl: setting(JOB_ENV.weaviateUrl),
    apiKey: setting(JOB_ENV.backupApiKey),
  });
  const result = await runBackup({
    api,
    clock: SYSTEM_CLOCK,
    schedule: setting(JOB_ENV.schedule),
    timeoutMs: numberSetting(JOB_ENV.timeoutSeconds) * 1000,
    pollIntervalMs: pollMs(),
  });
  return { ok: result.outcome === 'success', report: result, metrics: backupMetrics(result) };
}

async function role(): Promise<Outcome> {
  const rootUser = setting(JOB_ENV.rootUser);
  const rootKey = pairs(JOB_ENV.rootKeys, JOB_ENV.rootUsers).get(rootUser);
  if (!rootKey) throw new ConfigurationError(`no API key maps to the root user ${rootUser}`);
  const api = new WeaviateApi({ baseUrl: setting(JOB_ENV.weaviateUrl), apiKey: rootKey });
  const result = await reconcileBackupRole(api, setting(JOB_ENV.backupRole), setting(JOB_ENV.backupUser));
  return { ok: true, report: result, metrics: [] };
}

async function drill(): Promise<Outcome> {
  const sourceNodes = setting(JOB_ENV.sourceNodes).split(',');
  const scratchNodes = setting(JOB_ENV.scratchNodes).split(',');
  const host = setting('KUBERNETES_SERVICE_HOST');
  const port = setting('KUBERNETES_SERVICE_PORT');
  const result = await runDrill({
    source: new WeaviateApi({ baseUrl: setting(JOB_ENV.weaviateUrl), apiKey: setting(JOB_ENV.backupApiKey) }),
    scratch: new KubeScratchWeaviate({
      apiServer: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
      tokenFile: SERVICE_ACCOUNT_TOKEN,
      namespace: setting(JOB_ENV.scratchNamespace),
      statefulSet: setting(JOB_ENV.scratchStatefulSet),
      secret: setting(JOB_ENV.scratchSecret),
      replicas: numberSetting(JOB_ENV.scratchReplicas),
      url: setting(JOB_ENV.scratchUrl),
      clock: SYSTEM_CLOCK,
    }),
    evidence: new S3EvidenceStore({
      bucket: setting(JOB_ENV.bucket),
      region: setting(JOB_ENV.region),
      credentials: () => podIdentityCredentials(),
    }),
    clock: SYSTEM_CLOCK,
    rtoMinutes: numberSetting(JOB_ENV.rtoMinutes),
    rpoHours: numberSetting(JOB_ENV.rpoHours),
    evidencePrefix: setting(JOB_ENV.evidencePrefix),
    timeoutMs: numberSetting(JOB_ENV.timeoutSeconds) * 1000,
    pollIntervalMs: pollMs(),
    nodeMapping: Object.fromEntries(sourceNodes.map((n, i) => [n, scratchNodes[i] ?? n])),
  });
  return { ok: result.passed, report: result, metrics: drillMetrics(result) };
}

const MODES: Readonly<Record<string, () => Promise<Outcome>>> = { backup, drill, 'backup-role': role };

async function main(): Promise<number> {
  const startedAt = SYSTEM_CLOCK.now();
  const modeName = process.env[JOB_ENV.mode] ?? '';
  let outcome: Outcome;
  try {
    const mode = MODES[modeName];
    if (!mode)
      throw new ConfigurationError(`${JOB_ENV.mode} must be one of ${Object.keys(MODES).join(', ')}`);
    outcome = await mode();
  } catch (error) {
    const configuration = error instanceof ConfigurationError;
    const message = (error as Error).message;
    console.log(JSON.stringify({ ok: false, error: message }));
    // A run that never got a result is a failure the alerts must see, not a pod that ends in silence.
    await lingerWith(FAILURE_METRICS[modeName]?.(startedAt, SYSTEM_CLOCK.now(), message) ?? []);
    await stopSidecar();
    return configuration ? JOB_EXIT.configuration : JOB_EXIT.failed;
  }
  console.log(JSON.stringify({ ok: outcome.ok, ...(outcome.report as object) }));
  await lingerWith(outcome.metrics);
  await stopSidecar();
  return outcome.ok ? JOB_EXIT.success : JOB_EXIT.failed;
}

/** Serves `metrics` for the linger period, so the PodMonitor scrapes them before the pod completes. */
async function lingerWith(metrics: readonly Metric[]): Promise<void> {
  const linger = Number(process.env[JOB_ENV.lingerSeconds] ?? '0');
  if (!metrics.length || !(linger > 0)) return;
  const server = await serveMetrics(metrics, Number(process.env[JOB_ENV.metricsPort] ?? '9464'));
  await SYSTEM_CLOCK.sleep(linger * 1000);
  await new Promise((resolve) => server.close(resolve));
}

/** Asks the Istio sidecar to exit; without it the Job's pod would run forever after the program ends. */
async function stopSidecar(): Promise<void> {
  const url = process.env[JOB_ENV.sidecarQuitUrl];
  if (!url) return;
  try {
    await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5_000) });
  } catch {
    // No sidecar answering is fine: there is nothing to stop.
  }
}

void main().then((code) => {
  process.exitCode = code;
});
