/**
 * Writes a run's report where the user asked: standard output (JSON streamed in chunks, since a large input's
 * report holds hundreds of thousands of findings; colour only on a terminal), or a file, then one line on
 * stderr saying what was written where.
 */
import type { Report } from '../report/model.js';
import { printable } from '../report/printable.js';
import { writeChunksAtomic, writeChunksToStdout } from './write-file.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'html';

/** `summary` opens the stderr line of a file output: `vectorfort verify: 3 fail, …`. */
export async function emitReport(
  report: Report,
  format: ReportFormat,
  output: string | undefined,
  summary: string,
): Promise<void> {
  const { jsonChunks, renderReport } = await import('../report/format/index.js');
  const toTerminal = output === undefined;
  const chunks =
    format === 'json'
      ? jsonChunks(report)
      : [
          renderReport(report, format, {
            color: toTerminal && format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR,
          }),
        ];
  if (toTerminal) {
    try {
      await writeChunksToStdout(chunks);
    } catch (error) {
      // The reader went away (`verify | head`); the exit code still reports the findings.
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
    return;
  }
  await writeChunksAtomic(output, chunks);
  process.stderr.write(`${summary} -> ${printable(output)}\n`);
}
