/**
 * `vectorfort destroy`: delete the blueprint's stacks through the CDK toolkit, after confirmation (`--yes`
 * without a terminal). What the templates retain (DeletionPolicy Retain or Snapshot: the backup buckets, the
 * KMS keys, the log groups, the secrets) stays in the account and is listed before and after.
 */
import { printable } from '../../report/printable.js';
import {
  assertMayChange,
  mapToolkitError,
  requestedRegion,
  targetOf,
  type ChangingCommandOptions,
} from '../deploy/command-options.js';
import { prepare } from '../deploy/prepare.js';
import { runPreflight, stopOnProblems } from '../deploy/preflight/index.js';
import { retainedResources, type RetainedResource } from '../deploy/retained.js';
import { destroyAssembly } from '../deploy/toolkit.js';
import { EXIT_FINDINGS, ExitError } from '../../errors.js';

export type DestroyOptions = ChangingCommandOptions;

export async function destroyCommand(
  options: DestroyOptions,
  stdinIsTTY: boolean = process.stdin.isTTY === true,
): Promise<void> {
  assertMayChange('destroy', options, stdinIsTTY);
  const now = options.now ?? new Date();
  const prepared = await prepare({ ...options, verify: false, now });
  const target = targetOf(options, prepared.blueprint);
  const { problems } = await runPreflight(prepared, {
    target,
    requestedRegion: requestedRegion(options),
    scope: 'credentials',
  });
  stopOnProblems(problems, 'destroy');
  const retained = retainedResources(prepared.templates);
  process.stderr.write(
    `${renderRetained('destroy: these stay in the account after the stacks are deleted', retained)}\n`,
  );
  const destroyed = await destroyAssembly(prepared.assemblyDir, {
    target,
    assumeYes: options.yes ?? false,
  }).catch((error: unknown) => mapToolkitError('destroy', error));
  if (destroyed.stacks.length === 0 && prepared.stackNames.length > 0) {
    process.stderr.write('destroy: not confirmed; nothing was deleted\n');
    throw new ExitError(EXIT_FINDINGS, 'not confirmed');
  }
  const lines = [`vectorfort destroy: ${printable(prepared.blueprint.name)}`];
  for (const stack of destroyed.stacks)
    lines.push(`  ${printable(stack.stackName)}: ${stack.existed ? 'deleted' : 'was not deployed'}`);
  lines.push(renderRetained('  kept (delete them by hand once no longer needed)', retained));
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function renderRetained(title: string, retained: readonly RetainedResource[]): string {
  if (retained.length === 0) return `${title}: nothing`;
  const byType = new Map<string, number>();
  for (const r of retained) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  return [
    `${title}: ${retained.length} resource${retained.length === 1 ? '' : 's'}`,
    ...[...byType].map(([type, n]) => `    ${n} × ${printable(type)}`),
    ...retained.map(
      (r) =>
        `    ${printable(r.stack)}/${printable(r.logicalId)} (${printable(r.type)}, ${printable(r.policy)}${r.name ? `, ${printable(r.name)}` : ''})`,
    ),
  ].join('\n');
}
