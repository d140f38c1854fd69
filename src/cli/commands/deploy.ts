/**
 * `vectorfort deploy`: synthesize and verify the blueprint as `synth` does, run the pre-flight checks (exit 2
 * on any problem, nothing changed), then deploy every stack through the CDK toolkit with progress per stack
 * and resource on stderr and the deployed stacks on stdout. A failed deployment (rolled back by
 * CloudFormation) exits 1.
 */
import { relative } from 'node:path';
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
import { deployAssembly } from '../deploy/toolkit.js';

export interface DeployOptions extends ChangingCommandOptions {
  /**
   * A reviewed `report.json` whose blocking findings must be exactly the current ones; lets a failing or
   * incomplete verification deploy. @default - none: only a passing verification deploys
   */
  readonly acceptFindings?: string;
}

export async function deployCommand(
  options: DeployOptions,
  stdinIsTTY: boolean = process.stdin.isTTY === true,
): Promise<void> {
  assertMayChange('deploy', options, stdinIsTTY);
  const now = options.now ?? new Date();
  process.stderr.write('deploy: synthesizing and verifying the blueprint\n');
  const prepared = await prepare({ ...options, verify: true, now });
  const report = prepared.report!;
  const s = report.summary;
  process.stderr.write(
    `deploy: verification ${report.verdict.status}: ${s.pass} pass, ${s.fail} fail, ${s.unknown} unknown ` +
      `-> ${printable(relative(process.cwd(), prepared.reportFile!))}\n`,
  );
  const target = targetOf(options, prepared.blueprint);
  process.stderr.write(
    `deploy: pre-flight checks for aws://${prepared.blueprint.environment.account}/${target.region}\n`,
  );
  const { problems, identity } = await runPreflight(prepared, {
    target,
    requestedRegion: requestedRegion(options),
    scope: 'deploy',
    gate: {
      failOn: options.failOn,
      allowUnknown: options.allowUnknown ?? false,
      ...(options.acceptFindings === undefined ? {} : { acceptFindings: options.acceptFindings }),
    },
  });
  stopOnProblems(problems, 'deploy');
  process.stderr.write(
    `deploy: pre-flight passed as ${printable(identity?.arn ?? 'unknown')}; deploying ${prepared.stackNames.map(printable).join(', ')}\n`,
  );
  const deployed = await deployAssembly(prepared.assemblyDir, {
    target,
    assumeYes: options.yes ?? false,
  }).catch((error: unknown) => mapToolkitError('deploy', error));
  const lines = [`vectorfort deploy: ${printable(prepared.blueprint.name)}`];
  for (const stack of deployed.stacks)
    lines.push(
      `  ${printable(stack.stackName)}: deployed${stack.stackArn ? ` (${printable(stack.stackArn)})` : ''}`,
    );
  lines.push(
    `  events: ${deployed.host.events.length}; report: ${printable(relative(process.cwd(), prepared.reportFile!))}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
