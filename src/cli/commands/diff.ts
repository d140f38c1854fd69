/**
 * `vectorfort diff`: synthesize the blueprint and compare it with the deployed stacks through a change set
 * (or the templates alone, `--template-only`). Security-relevant changes are listed first, each with its
 * stack, resource and what changes; the toolkit's full diff follows. Exit 0 once the diff is shown.
 */
import { printable } from '../../report/printable.js';
import {
  mapToolkitError,
  requestedRegion,
  targetOf,
  type AccountCommandOptions,
} from '../deploy/command-options.js';
import { prepare } from '../deploy/prepare.js';
import { runPreflight, stopOnProblems } from '../deploy/preflight/index.js';
import { securityChanges, type SecurityChange } from '../deploy/security-changes.js';
import { diffAssembly } from '../deploy/toolkit.js';

export interface DiffOptions extends AccountCommandOptions {
  /** Compare templates without creating a change set. @default false */
  readonly templateOnly?: boolean;
}

const KIND_TITLES: Record<SecurityChange['kind'], string> = {
  'network-opened': 'network rule opened',
  'permissions-broadened': 'permissions broadened',
  'encryption-changed': 'encryption changed',
  'data-replaced': 'data-holding resource replaced or deleted',
  'edge-protection-changed': 'edge protection changed',
};

export async function diffCommand(options: DiffOptions): Promise<void> {
  const now = options.now ?? new Date();
  const prepared = await prepare({ ...options, verify: false, now });
  const target = targetOf(options, prepared.blueprint);
  const { problems } = await runPreflight(prepared, {
    target,
    requestedRegion: requestedRegion(options),
    scope: 'credentials',
  });
  stopOnProblems(problems, 'diff');
  const texts: string[] = [];
  const diffs = await diffAssembly(prepared.assemblyDir, {
    target,
    templateOnly: options.templateOnly ?? false,
    onResult: (text) => texts.push(text),
  }).catch((error: unknown) => mapToolkitError('diff', error));
  process.stdout.write(renderDiff(diffs, securityChanges(diffs), texts));
}

export function renderDiff(
  diffs: Readonly<Record<string, { readonly differenceCount: number }>>,
  security: readonly SecurityChange[],
  texts: readonly string[],
): string {
  const lines: string[] = [];
  if (security.length > 0) {
    lines.push(`Security-relevant changes (${security.length}):`);
    for (const c of security)
      lines.push(
        `  ! ${KIND_TITLES[c.kind]}: ${printable(c.stack)}/${printable(c.resource)} (${printable(c.type)}): ${printable(c.detail)}`,
      );
  } else lines.push('Security-relevant changes: none');
  lines.push('');
  for (const [stack, diff] of Object.entries(diffs))
    lines.push(
      `${printable(stack)}: ${diff.differenceCount} difference${diff.differenceCount === 1 ? '' : 's'}`,
    );
  if (texts.length > 0) lines.push('', ...texts.map((t) => t.split('\n').map(printable).join('\n')));
  return `${lines.join('\n')}\n`;
}
