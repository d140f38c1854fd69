/**
 * A stand-in for Weaviate's metrics endpoint and the kubelet's volume statistics (no Weaviate or kubelet runs
 * here): an HTTP server on 127.0.0.1 serving, in the Prometheus text format, the metric names the generated
 * rules read, with values the test sets to drive each alert's condition. One path per Weaviate pod
 * (`/pods/<name>/metrics`, answering 503 while the pod is "down"), one for the kubelet (`/kubelet/metrics`) and
 * one standing in for the backup and restore-drill jobs' result metrics (`/jobs/metrics`).
 */
import { createServer, type Server } from 'node:http';
import { BACKUP_METRICS } from '../../../src/jobs/backup-run.js';
import { DRILL_METRICS } from '../../../src/jobs/restore-drill.js';

/** What the finished backup and drill jobs report; an unset value is a metric the jobs do not serve. */
export interface JobsState {
  /** The last backup succeeded just now (its timestamp follows the clock); false: no success ever served. */
  backupSucceeded: boolean;
  /** A run ended in failure (its outcome series is served). */
  backupFailed: boolean;
  /** The last drill passed just now (its timestamp follows the clock); false: no passing drill ever served. */
  drillSucceeded: boolean;
  drillSuccess?: 0 | 1;
  drillRtoSeconds?: number;
  drillRpoSeconds?: number;
}

export interface PodState {
  /** False: the scrape fails (`up == 0`). */
  up: boolean;
  residentMemoryBytes: number;
  /** Requests added per scrape with a 2xx status, and with a 5xx status. */
  okPerScrape: number;
  errorsPerScrape: number;
  /** Bytes stored to the backup backend per scrape (0: no backup runs). */
  backupBytesPerScrape: number;
}

interface Counters {
  ok: number;
  errors: number;
  backupBytes: number;
}

export class WeaviateStandIn {
  readonly pods: Record<string, PodState>;
  /** Used share of each data volume's capacity (0..1), by claim name. */
  readonly volumes: Record<string, number>;
  readonly jobs: JobsState = {
    backupSucceeded: false,
    backupFailed: false,
    drillSucceeded: false,
  };
  private readonly counters = new Map<string, Counters>();
  private server?: Server;
  private port = 0;

  constructor(
    podNames: readonly string[],
    claimOf: (pod: string) => string,
    private readonly namespace: string,
  ) {
    this.pods = Object.fromEntries(
      podNames.map((p) => [
        p,
        { up: true, residentMemoryBytes: 0, okPerScrape: 0, errorsPerScrape: 0, backupBytesPerScrape: 0 },
      ]),
    );
    this.volumes = Object.fromEntries(podNames.map((p) => [claimOf(p), 0]));
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = req.url ?? '';
      const pod = /^\/pods\/([^/]+)\/metrics$/.exec(url)?.[1];
      let body: string | undefined;
      if (pod && this.pods[pod]?.up) body = this.podMetrics(pod);
      if (url === '/kubelet/metrics') body = this.kubeletMetrics();
      if (url === '/jobs/metrics') body = this.jobMetrics();
      if (body === undefined) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }

  private podMetrics(pod: string): string {
    const s = this.pods[pod]!;
    const c = this.counters.get(pod) ?? { ok: 0, errors: 0, backupBytes: 0 };
    c.ok += s.okPerScrape;
    c.errors += s.errorsPerScrape;
    c.backupBytes += s.backupBytesPerScrape;
    this.counters.set(pod, c);
    return [
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${s.residentMemoryBytes}`,
      '# TYPE http_request_duration_seconds histogram',
      `http_request_duration_seconds_count{method="POST",status_code="200"} ${c.ok}`,
      `http_request_duration_seconds_count{method="POST",status_code="500"} ${c.errors}`,
      '# TYPE backup_store_data_transferred counter',
      `backup_store_data_transferred{backend_name="s3",operation="put"} ${c.backupBytes}`,
      '',
    ].join('\n');
  }

  private jobMetrics(): string {
    const j = this.jobs;
    const lines: string[] = [];
    if (j.backupSucceeded) {
      lines.push(`${BACKUP_METRICS.lastSuccess} ${Math.floor(Date.now() / 1000)}`);
      lines.push(`${BACKUP_METRICS.outcome}{outcome="success",backup_id="slot-ok"} 1`);
    }
    if (j.backupFailed) lines.push(`${BACKUP_METRICS.outcome}{outcome="failed",backup_id="slot-failed"} 1`);
    if (j.drillSucceeded) lines.push(`${DRILL_METRICS.lastSuccess} ${Math.floor(Date.now() / 1000)}`);
    if (j.drillSuccess !== undefined) lines.push(`${DRILL_METRICS.success} ${j.drillSuccess}`);
    if (j.drillRtoSeconds !== undefined) lines.push(`${DRILL_METRICS.rto} ${j.drillRtoSeconds}`);
    if (j.drillRpoSeconds !== undefined) lines.push(`${DRILL_METRICS.rpo} ${j.drillRpoSeconds}`);
    return `${lines.join('\n')}\n`;
  }

  private kubeletMetrics(): string {
    const capacity = 100 * 1024 ** 3;
    const lines = [
      '# TYPE kubelet_volume_stats_capacity_bytes gauge',
      '# TYPE kubelet_volume_stats_used_bytes gauge',
    ];
    for (const [claim, used] of Object.entries(this.volumes)) {
      const labels = `namespace="${this.namespace}",persistentvolumeclaim="${claim}"`;
      lines.push(`kubelet_volume_stats_capacity_bytes{${labels}} ${capacity}`);
      lines.push(`kubelet_volume_stats_used_bytes{${labels}} ${Math.round(capacity * used)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
