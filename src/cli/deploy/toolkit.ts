/**
 * The CDK toolkit (`@aws-cdk/toolkit-lib`) over a synthesized cloud assembly: deploy, diff and destroy every
 * stack in it, with our progress host. The assembly is read from its directory as synthesized, so what is
 * deployed is exactly what was verified.
 */
import type { TemplateDiff } from '@aws-cdk/cloudformation-diff';
import { BaseCredentials, DiffMethod, StackSelectionStrategy, Toolkit } from '@aws-cdk/toolkit-lib';
import { withEndpoint, type AwsTarget } from './aws-target.js';
import { ProgressHost, type ProgressHostOptions } from './io-host.js';

export interface ToolkitRunOptions extends ProgressHostOptions {
  readonly target: AwsTarget;
  /** Stack names to act on. @default - every stack of the assembly */
  readonly stacks?: readonly string[];
}

export interface StackOutcome {
  readonly stackName: string;
  readonly stackArn?: string;
}

function toolkitFor(options: ToolkitRunOptions): { toolkit: Toolkit; host: ProgressHost } {
  const host = new ProgressHost(options);
  const toolkit = new Toolkit({
    ioHost: host,
    color: false,
    emojis: false,
    sdkConfig: {
      baseCredentials: BaseCredentials.awsCliCompatible({
        ...(options.target.profile === undefined ? {} : { profile: options.target.profile }),
        defaultRegion: options.target.region,
      }),
    },
  });
  return { toolkit, host };
}

function selection(options: ToolkitRunOptions) {
  return options.stacks === undefined
    ? { strategy: StackSelectionStrategy.ALL_STACKS }
    : { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [...options.stacks] };
}

/** Deploys the assembly's stacks (dependencies first) through change sets; CloudFormation rolls back a failure. */
export async function deployAssembly(
  assemblyDir: string,
  options: ToolkitRunOptions,
): Promise<{ stacks: StackOutcome[]; host: ProgressHost }> {
  const { toolkit, host } = toolkitFor(options);
  return withEndpoint(options.target, async () => {
    const cx = await toolkit.fromAssemblyDirectory(assemblyDir);
    const result = await toolkit.deploy(cx, { stacks: selection(options) });
    return {
      stacks: result.stacks.map((s) => ({ stackName: s.stackName, stackArn: s.stackArn })),
      host,
    };
  });
}

export interface DiffRunOptions extends ToolkitRunOptions {
  /**
   * Compare templates only, without a change set: faster and needs no write access, but CloudFormation's own
   * replacement decisions are estimated from the resource specification. @default false
   */
  readonly templateOnly?: boolean;
}

/** The difference between the deployed stacks and the assembly, per stack. */
export async function diffAssembly(
  assemblyDir: string,
  options: DiffRunOptions,
): Promise<Record<string, TemplateDiff>> {
  const { toolkit } = toolkitFor({ ...options, verbose: options.verbose ?? false });
  return withEndpoint(options.target, async () => {
    const cx = await toolkit.fromAssemblyDirectory(assemblyDir);
    return toolkit.diff(cx, {
      stacks: selection(options),
      method: options.templateOnly ? DiffMethod.TemplateOnly() : DiffMethod.ChangeSet(),
    });
  });
}

/** Deletes the assembly's stacks (dependents first); retained resources stay behind. */
export async function destroyAssembly(
  assemblyDir: string,
  options: ToolkitRunOptions,
): Promise<{ stacks: (StackOutcome & { existed: boolean })[]; host: ProgressHost }> {
  const { toolkit, host } = toolkitFor(options);
  return withEndpoint(options.target, async () => {
    const cx = await toolkit.fromAssemblyDirectory(assemblyDir);
    const result = await toolkit.destroy(cx, { stacks: selection(options) });
    return {
      stacks: result.stacks.map((s) => ({
        stackName: s.stackName,
        stackArn: s.stackArn,
        existed: s.stackExisted,
      })),
      host,
    };
  });
}
