/**
 * The options deploy, diff and destroy share, and what they resolve to: the AWS target, whether the command may
 * change the account without asking, and how the toolkit's errors map to exit codes.
 */
import { ToolkitError } from '@aws-cdk/toolkit-lib';
import { EXIT_FINDINGS, EXIT_INVALID_INPUT, ExitError, InputError } from '../../errors.js';
import type { Blueprint } from '../../blueprint/index.js';
import type { Severity } from '../../findings/index.js';
import { printable } from '../../report/printable.js';
import type { AwsTarget } from './aws-target.js';
import { diffTableRefusal } from './diff-table-refusal.js';

export interface AccountCommandOptions {
  readonly blueprint?: string;
  readonly environment?: string;
  /** Output directory, as for synth. */
  readonly out: string;
  readonly profile?: string;
  /** The region to act in; it must be the blueprint's. @default - the blueprint's region */
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly failOn: Severity;
  readonly allowUnknown?: boolean;
  readonly now?: Date;
}

export interface ChangingCommandOptions extends AccountCommandOptions {
  /** Go ahead without asking (the only way on a run without a terminal). @default false */
  readonly yes?: boolean;
}

/** The region asked for, and where it came from, when anything asked for one. */
export function requestedRegion(
  options: AccountCommandOptions,
  env: NodeJS.ProcessEnv = process.env,
): { region: string; source: string } | undefined {
  if (options.region !== undefined) return { region: options.region, source: '--region' };
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' };
  return undefined;
}

export function targetOf(options: AccountCommandOptions, bp: Blueprint): AwsTarget {
  return {
    // The stacks name their region; every call goes there whatever was asked (the pre-flight flags a mismatch).
    region: bp.environment.region,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
  };
}

/**
 * A command that changes the account asks first; without a terminal to ask on, only `--yes` lets it go
 * ahead. Checked before anything is synthesized or looked up.
 */
export function assertMayChange(command: string, options: ChangingCommandOptions, stdinIsTTY: boolean): void {
  if (options.yes || stdinIsTTY) return;
  throw new InputError(
    `${command} changes the AWS account and standard input is not a terminal to confirm on: pass --yes to go ahead without asking`,
  );
}

/** The toolkit's failures as the exit-code contract has them; anything else is rethrown. */
export function mapToolkitError(command: string, error: unknown): never {
  const refusal = diffTableRefusal(error);
  if (refusal) {
    const why = printable(refusal.message);
    process.stderr.write(
      `${command}: the difference cannot be shown: a template (the deployed one, read from the account, unless ours) holds control characters in a security group rule or an IAM statement (${why}); nothing was deployed or deleted\n`,
    );
    throw new ExitError(EXIT_INVALID_INPUT, why);
  }
  if (!ToolkitError.isToolkitError(error)) throw error;
  const message = printable(error.message);
  if (ToolkitError.isAuthenticationError(error)) {
    process.stderr.write(`${command}: the AWS credentials were refused: ${message}\n`);
    throw new ExitError(EXIT_INVALID_INPUT, message);
  }
  if (ToolkitError.isAbortError(error)) {
    process.stderr.write(`${command}: not confirmed; nothing more was changed\n`);
    throw new ExitError(EXIT_FINDINGS, 'not confirmed');
  }
  process.stderr.write(`${command} failed: ${message}\n`);
  throw new ExitError(EXIT_FINDINGS, message);
}
