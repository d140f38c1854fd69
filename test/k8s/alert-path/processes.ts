/** Starts Debian's Prometheus and Alertmanager on free 127.0.0.1 ports in temporary directories, and stops them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian names the Alertmanager binary `prometheus-alertmanager`. */
export const PROMETHEUS_BIN = 'prometheus';
export const ALERTMANAGER_BIN = 'prometheus-alertmanager';
export const PROMTOOL_BIN = 'promtool';
export const AMTOOL_BIN = 'amtool';

export interface RunningProcess {
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `files` into a new temporary directory; returns its path. */
export function writeTemp(prefix: string, files: Record<string, string>): string {
  const dir = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function startProcess(
  bin: string,
  args: (port: number, dir: string) => string[],
  readyPath: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningProcess> {
  const port = await freePort();
  const dir = tempDir(`vectorfort-${bin}-`);
  const child: ChildProcess = spawn(bin, args(port, dir), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const keep = (c: Buffer) => (out = (out + c.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${bin} exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${bin} did not become ready on ${url}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, dir, stop, output: () => out };
}

/** Prometheus with `config` (YAML text) and rule files written beside it. */
export function startPrometheus(configDir: string): Promise<RunningProcess> {
  return startProcess(
    PROMETHEUS_BIN,
    (port, dir) => [
      `--config.file=${join(configDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${dir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // A firing alert is sent at once and then every resend delay (1m by default); one sent before the
      // Alertmanager target is discovered would otherwise wait a minute.
      '--rules.alert.resend-delay=1s',
    ],
    '/-/ready',
  );
}

/** Alertmanager without clustering (no gossip port), with AWS credentials for moto in its environment. */
export function startAlertmanager(configFile: string, env: NodeJS.ProcessEnv): Promise<RunningProcess> {
  return startProcess(
    ALERTMANAGER_BIN,
    (port, dir) => [
      `--config.file=${configFile}`,
      `--storage.path=${dir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=debug',
    ],
    '/-/ready',
    env,
  );
}
