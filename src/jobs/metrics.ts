/**
 * The jobs' results as Prometheus metrics. A Job's pod lives minutes, so the program serves its metrics for a
 * linger period after the run (two scrape intervals, so a PodMonitor scrapes the final values at least once);
 * the alerts read them with `max_over_time`, and a scrape that never happened shows as a missing success, never
 * as one. Text exposition format 0.0.4, written by hand: it is four lines of `name{labels} value`, and the
 * Prometheus client library would bring a registry and default process metrics the alerts do not use.
 */
import { createServer, type Server } from 'node:http';

export interface Metric {
  readonly name: string;
  readonly help: string;
  readonly value: number;
  readonly labels?: Readonly<Record<string, string>>;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export function exposition(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  const described = new Set<string>();
  for (const m of metrics) {
    if (!described.has(m.name)) {
      lines.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} gauge`);
      described.add(m.name);
    }
    const labels = Object.entries(m.labels ?? {});
    const rendered = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
    lines.push(`${m.name}${rendered} ${Number.isFinite(m.value) ? m.value : 'NaN'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Serves the metrics on `/metrics` until `close()`. */
export async function serveMetrics(
  metrics: readonly Metric[],
  port: number,
  host = '0.0.0.0',
): Promise<Server> {
  const body = exposition(metrics);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
