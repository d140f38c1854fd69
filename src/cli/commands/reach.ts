/**
 * `vectorfort reach list|eval PATH...`: asks the reachability prover about anyone's manifests or templates.
 * `list` prints every allowed connection between workloads; `eval` answers one connection (exit 0 allowed
 * or denied, 1 when the input does not determine it, 2 for bad input or usage).
 */
import { ExitError, EXIT_FINDINGS } from '../../errors.js';
import { printable } from '../../report/printable.js';
import type { Protocol } from '../../reach/workloads/index.js';
import type { ListFormat } from '../../reach/workloads/format.js';
import { writeChunksToStdout } from '../write-file.js';

export interface ReachListOptions {
  /** @default 'txt' */
  readonly format?: ListFormat;
  /** @default - every workload */
  readonly focus?: string;
}

export interface ReachEvalOptions {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
  /** Show every layer's verdict, not only the witness or the blocking rule. @default false */
  readonly explain?: boolean;
  /** @default 'txt' */
  readonly format?: 'txt' | 'json';
}

export async function reachListCommand(paths: readonly string[], options: ReachListOptions): Promise<void> {
  const [{ loadInventory }, { listConnections }, format] = await Promise.all([
    import('../../inventory/index.js'),
    import('../../reach/workloads/index.js'),
    import('../../reach/workloads/format.js'),
  ]);
  const list = listConnections(await loadInventory(paths), {
    ...(options.focus !== undefined ? { focus: options.focus } : {}),
  });
  let text: string;
  switch (options.format ?? 'txt') {
    case 'json':
      text = format.listJson(list);
      break;
    case 'csv':
      text = format.listCsv(list, printable);
      break;
    case 'dot':
      text = format.listDot(list, printable);
      break;
    case 'svg': {
      // Graphviz compiled to WebAssembly: renders offline, no native install.
      const { instance } = await import('@viz-js/viz');
      text = (await instance()).renderString(format.listDot(list, printable), { format: 'svg' });
      break;
    }
    default:
      text = format.listText(list, printable);
  }
  await print(text);
}

export async function reachEvalCommand(paths: readonly string[], options: ReachEvalOptions): Promise<void> {
  const [{ loadInventory }, { evaluateConnection }, { evaluationText }] = await Promise.all([
    import('../../inventory/index.js'),
    import('../../reach/workloads/index.js'),
    import('../../reach/workloads/format.js'),
  ]);
  const evaluation = evaluateConnection(await loadInventory(paths), {
    from: options.from,
    to: options.to,
    port: options.port,
    protocol: options.protocol ?? 'TCP',
  });
  await print(
    options.format === 'json'
      ? `${JSON.stringify(evaluation, null, 2)}\n`
      : evaluationText(evaluation, options.explain ?? false, printable),
  );
  if (evaluation.verdict === 'unknown')
    throw new ExitError(EXIT_FINDINGS, 'unknown: the input does not determine the connection');
}

async function print(text: string): Promise<void> {
  try {
    await writeChunksToStdout([text]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}
