// Shared by the benchmark scripts: run a command under GNU time and take medians. CPU seconds (user + system)
// are reported beside wall time: on a shared machine they vary far less with the load.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const TIME = '/usr/bin/time';

/**
 * Runs a command under GNU time; returns wall seconds, CPU seconds and max RSS in MB. `okStatuses` lists the exit codes
 * that count as success (verify exits 1 when it finds something, cfn-lint uses bit flags for its levels);
 * `stdoutFile` receives the command's output instead of `stdout`.
 */
export function timed(args, { cwd, okStatuses = [0], env = {}, stdoutFile } = {}) {
  // Output past the longest string V8 can hold (512 MiB) goes straight to a file when one is named.
  const fd = stdoutFile === undefined ? undefined : openSync(stdoutFile, 'w');
  const out = spawnSync(TIME, ['-f', '%e %M %U %S', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', ...env },
    ...(fd === undefined ? {} : { stdio: ['ignore', fd, 'pipe'] }),
  });
  if (fd !== undefined) closeSync(fd);
  if (!okStatuses.includes(out.status))
    throw new Error(`${args.join(' ')} failed (${out.status}):\n${out.stderr.slice(-2000)}`);
  const [wall, rssKb, user, system] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system, rssMb: rssKb / 1024, status: out.status, stdout: out.stdout };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function machine() {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
}
