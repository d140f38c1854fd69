/**
 * The vectorfort command line. The only place that ends the process: commands return or throw typed errors,
 * and this file maps them to exit codes (0 passed, 1 did not pass, 2 invalid input or usage, 3 internal).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ValidationError } from '../aws/errors.js';
import { EXIT_INTERNAL, EXIT_INVALID_INPUT, EXIT_OK, ExitError, InputError, InputErrors } from '../errors.js';
import { SEVERITIES, type Severity } from '../findings/index.js';
import { printable } from '../report/printable.js';
import { PROTOCOLS, type Protocol } from '../reach/engine/connection-set.js';
import { LIST_FORMATS, type ListFormat } from '../reach/workloads/format.js';
import { VERSION } from '../version.js';
import type { DeployOptions } from './commands/deploy.js';
import type { DestroyOptions } from './commands/destroy.js';
import type { DiffOptions } from './commands/diff.js';
import { NOW_HELP, parseNow } from './now-option.js';

// Rebuilding a foreign template as constructs for cdk-nag touches properties aws-cdk-lib has deprecated; its
// notices name the library's API, not the user's input, and would bury the report on stderr.
process.env.JSII_DEPRECATED ??= 'quiet';

const FORMATS = ['text', 'json', 'sarif', 'html'] as const;

/** The exit-code contract, shown under every command's help (the README's contract section says the same). */
const EXIT_CODES_HELP = `
Exit codes:
  0  the run passed: no unacknowledged failure at or above --fail-on and nothing unknown
     (with --allow-unknown, unknown results are reported but do not stop the run from passing)
  1  the run did not pass: failing findings, or unknown results (a part of the input that could not be
     checked: a transform not expanded, a kind not modelled, a malformed spec) under the default policy
  2  invalid input or usage (the message names the file, the path inside it and what was expected)
  3  internal error
`;

const ALLOW_UNKNOWN_HELP =
  'pass a run whose only problems are unknown results (still reported, verdict PASS with unknowns); by default they fail it (exit 1)';

function choice<T extends string>(values: readonly T[], what: string) {
  return (value: string): T => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected ${what} ${values.join(', ')}`);
  };
}

/** `--fail-on`: the threshold every command that judges findings decides its verdict at. */
function failOnOption(): Option {
  return new Option('--fail-on <severity>', 'lowest severity that fails the run')
    .argParser(choice(SEVERITIES, 'one of'))
    .default('info' as Severity);
}

function allowUnknownOption(): Option {
  return new Option('--allow-unknown', ALLOW_UNKNOWN_HELP);
}

export function buildProgram(): Command {
  const program = new Command('vectorfort')
    .description('Deploy Weaviate on Amazon EKS as a zero-trust system, and prove it.')
    .version(VERSION)
    .exitOverride()
    // Usage errors quote the arguments, which may come from file names or other untrusted text.
    .configureOutput({ writeErr: (text) => process.stderr.write(printableUsage(text)) })
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('synth')
    .description(
      'Synthesize the CDK app and Kubernetes manifests from a blueprint (offline), then verify them',
    )
    .option(
      '-b, --blueprint <file>',
      'blueprint file (YAML or JSON); the default production blueprint when omitted',
    )
    .option('-o, --out <dir>', 'output directory', 'out')
    .addOption(failOnOption())
    .addOption(allowUnknownOption())
    .option('--no-verify', 'only synthesize; skip the verification and reports')
    .option(
      '--now <time>',
      `${NOW_HELP}; also starts the review period of the acknowledgements written`,
      parseNow,
    )
    .option('--evidence <dir>', 'also write an evidence bundle (reports, requirement tables, digests) to DIR')
    .option(
      '--attachments <file>',
      'with --evidence: the manifest of manual evidence files (see evidence --help)',
    )
    .option('--sign-key <file>', 'with --evidence: sign the bundle manifest with this private key (PEM)')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(
      async (options: {
        blueprint?: string;
        out: string;
        failOn: Severity;
        verify: boolean;
        allowUnknown?: boolean;
        now?: Date;
        evidence?: string;
        attachments?: string;
        signKey?: string;
        kmsKeyId?: string;
        region?: string;
        endpointUrl?: string;
      }) => {
        const { synthCommand } = await import('./commands/synth.js');
        await synthCommand(options);
      },
    );

  program
    .command('verify')
    .description(
      'Check a cloud assembly, CloudFormation templates or Kubernetes manifests against the controls and flows',
    )
    .argument(
      '[paths...]',
      'cloud assembly directories, templates (JSON/YAML) or manifests (files or directories)',
      ['out/cdk.out', 'out/k8s'],
    )
    .option('-f, --format <format>', 'output format', choice(FORMATS, 'one of'), 'text')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(failOnOption())
    .addOption(allowUnknownOption())
    .option(
      '--parameters <file>',
      'parameter values for the templates (JSON or YAML: the AWS CLI ParameterKey/ParameterValue list, ' +
        'a name-to-value mapping, or either per stack name); without it, parameters are unknown',
    )
    .option('--now <time>', NOW_HELP, parseNow)
    .option(
      '--require-acknowledgement-expiry',
      'report every acknowledgement without an expiry as a low-severity failing finding (synth sets this for the production preset)',
    )
    .option(
      '--list-acknowledgements',
      'print every acknowledgement with its status (active, expiring within 30 days, lapsed, stale) instead of the report (text, or JSON with --format json)',
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(
      async (
        paths: string[],
        options: {
          format: (typeof FORMATS)[number];
          output?: string;
          failOn: Severity;
          allowUnknown?: boolean;
          parameters?: string;
          now?: Date;
          requireAcknowledgementExpiry?: boolean;
          listAcknowledgements?: boolean;
        },
      ) => {
        const { verifyCommand } = await import('./commands/verify.js');
        await verifyCommand(paths, options);
      },
    );

  program
    .command('cost')
    .description('Estimate the monthly cost of a blueprint, per environment and per control (offline)')
    .option(
      '-b, --blueprint <file>',
      'blueprint file (YAML or JSON); the default production blueprint when omitted',
    )
    .option('-f, --format <format>', 'output format', choice(['text', 'json'] as const, 'one of'), 'text')
    .option(
      '--prices <file>',
      'price table (JSON, the format of data/prices.json); the bundled one when omitted',
    )
    .option(
      '--assume <name=value>',
      "override one of the blueprint's cost assumptions (repeatable), e.g. natGatewayDataGB=500",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 the estimate was printed, 2 invalid input or usage, 3 internal error.',
    )
    .action(
      async (options: {
        blueprint?: string;
        format: 'text' | 'json';
        prices?: string;
        assume?: string[];
      }) => {
        const { costCommand } = await import('./commands/cost.js');
        await costCommand(options);
      },
    );

  program
    .command('evidence')
    .description(
      'Verify the inputs and write an evidence bundle (reports, per-framework requirement tables, manual ' +
        'evidence, SHA-256 manifest, optional signature); or check a bundle with --check',
    )
    .argument('[paths...]', 'cloud assembly directories, templates or manifests', ['out/cdk.out', 'out/k8s'])
    .option('-o, --out <dir>', 'the bundle directory (created, or an earlier bundle replaced)')
    .option(
      '--check <dir>',
      'verify a bundle: every file matches the manifest, nothing added or removed, the signature',
    )
    .option('--public-key <file>', 'with --check: require a signature by this public key (PEM)')
    .option(
      '--attachments <file>',
      'YAML or JSON listing evidence files for manual requirements with their dates',
    )
    .option(
      '--sign-key <file>',
      'sign the manifest with this private key (PEM: Ed25519, ECDSA P-256/P-384, RSA)',
    )
    .option(
      '--kms-key-id <key>',
      'sign with this asymmetric KMS key (kms:Sign); with --check, require its signature',
    )
    .option('--region <region>', "the KMS key's region")
    .option('--endpoint-url <url>', 'the KMS endpoint (a VPC endpoint or a local emulator)')
    .addOption(failOnOption())
    .addOption(allowUnknownOption())
    .option('--parameters <file>', 'parameter values for the templates (as for verify)')
    .option('--now <time>', NOW_HELP, parseNow)
    .option(
      '--require-acknowledgement-expiry',
      'report every acknowledgement without an expiry as a low-severity failing finding',
    )
    .addHelpText(
      'after',
      `${EXIT_CODES_HELP}  With --check: 0 the bundle is intact, 1 it is not (a file changed, added or removed, the\n` +
        '  manifest changed after signing, or not signed by the key required), 2 not a bundle.\n' +
        '\nAttachment manifest:\n' +
        '  attachments:\n' +
        '    - requirement: soc2/A1.3            # <framework>/<requirement id> of a manual requirement\n' +
        '      file: drills/restore-2026-11.pdf  # relative to the manifest\n' +
        '      date: 2026-11-20                  # older than the framework period: flagged outdated\n',
    )
    .action(
      async (
        paths: string[],
        options: {
          out?: string;
          check?: string;
          publicKey?: string;
          attachments?: string;
          signKey?: string;
          kmsKeyId?: string;
          region?: string;
          endpointUrl?: string;
          failOn: Severity;
          allowUnknown?: boolean;
          parameters?: string;
          now?: Date;
          requireAcknowledgementExpiry?: boolean;
        },
      ) => {
        const { evidenceCommand } = await import('./commands/evidence.js');
        await evidenceCommand(paths, options);
      },
    );

  program
    .command('audit')
    .description(
      'Check a live account and cluster against the same controls and flows, and report drift from a baseline',
    )
    .option('--region <region>', 'region to audit (default: AWS_REGION or AWS_DEFAULT_REGION)')
    .option('--stack <name>', 'a CloudFormation stack to read (repeatable)', collect, [] as string[])
    .option(
      '--profile <profile>',
      'named profile of the shared AWS config (default: the default credential chain)',
    )
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (an emulator or a proxy)')
    .option('--kubeconfig <file>', 'read the cluster through the Kubernetes API with this kubeconfig')
    .option('--k8s-dump <dir>', 'read the cluster from a directory of `kubectl get -o json` answers')
    .option(
      '--against <path>',
      'baseline for drift: a synth output, cloud assembly, templates or manifests (default: the deployed templates)',
    )
    .option('-f, --format <format>', 'output format', choice(FORMATS, 'one of'), 'text')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(failOnOption())
    .addOption(allowUnknownOption())
    .option('--print-policy', 'print the read-only IAM policy the audit needs, and stop')
    .option('--evidence <dir>', 'also write an evidence bundle of the audit (as `vectorfort evidence` does)')
    .option('--attachments <file>', 'with --evidence: the manifest of manual evidence files')
    .option('--sign-key <file>', 'with --evidence: sign the manifest with this private key (PEM)')
    .option(
      '--kms-key-id <key>',
      "with --evidence: sign with this asymmetric KMS key (the audited region's, kms:Sign)",
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(
      async (options: {
        region?: string;
        stack: string[];
        profile?: string;
        endpointUrl?: string;
        kubeconfig?: string;
        k8sDump?: string;
        against?: string;
        format: (typeof FORMATS)[number];
        output?: string;
        failOn: Severity;
        allowUnknown?: boolean;
        printPolicy?: boolean;
        evidence?: string;
        attachments?: string;
        signKey?: string;
        kmsKeyId?: string;
      }) => {
        const { auditCommand } = await import('./commands/audit.js');
        await auditCommand(options);
      },
    );

  addAccountCommands(program);

  const reach = program
    .command('reach')
    .description('Ask the reachability prover: who can talk to whom, and which rule decides');
  reach
    .command('list')
    .description(
      'List every allowed connection between workloads (and address ranges outside), merged per pair',
    )
    .argument('<paths...>', 'manifests, templates or cloud assembly directories')
    .option('-f, --format <format>', 'output format', choice(LIST_FORMATS, 'one of'), 'txt')
    .option('--focus <workload>', 'only connections from or to this workload')
    .action(async (paths: string[], options: { format: ListFormat; focus?: string }) => {
      const { reachListCommand } = await import('./commands/reach.js');
      await reachListCommand(paths, options);
    });
  reach
    .command('eval')
    .description('Evaluate one connection: allowed with the witness path, or denied with the blocking rule')
    .argument('<paths...>', 'manifests, templates or cloud assembly directories')
    .requiredOption('--from <endpoint>', 'source: a workload (ns/name or ns/name[Kind]) or an IP address')
    .requiredOption('--to <endpoint>', 'destination: a workload or an IP address')
    .requiredOption('--port <port>', 'destination port (1-65535)', portNumber)
    .option('--protocol <protocol>', 'protocol', choice(PROTOCOLS, 'one of'), 'TCP')
    .option('--explain', "show every layer's verdict")
    .option('-f, --format <format>', 'output format', choice(['txt', 'json'] as const, 'one of'), 'txt')
    .addHelpText(
      'after',
      '\nExit codes: 0 the answer was computed (allowed or denied, printed), 1 unknown (the input does not\n' +
        'determine it; the reason is printed), 2 bad input or usage (an unknown workload, a bad port).',
    )
    .action(
      async (
        paths: string[],
        options: {
          from: string;
          to: string;
          port: number;
          protocol: Protocol;
          explain?: boolean;
          format: 'txt' | 'json';
        },
      ) => {
        const { reachEvalCommand } = await import('./commands/reach.js');
        await reachEvalCommand(paths, options);
      },
    );

  addGrantCommands(program);

  return program;
}

/** `vectorfort grant open | close | list`: time-boxed operator access to an enclave, in its blueprint. */
function addGrantCommands(program: Command): void {
  const grant = program
    .command('grant')
    .description(
      "Open, close or list time-boxed operator access to an enclave (the blueprint's enclave.operator.grants)",
    )
    .addHelpText(
      'after',
      '\nA grant takes effect when the blueprint is synthesized and deployed. Exit codes: 0 done, 2 invalid input\n' +
        'or usage (the file is left as it was), 3 internal error.',
    );
  const file = (command: Command) =>
    command
      .requiredOption('-b, --blueprint <file>', 'the enclave blueprint (YAML or JSON), edited in place')
      .option('--now <time>', NOW_HELP, parseNow);
  file(grant.command('open').description('Let a principal in until a time (extends an open grant)'))
    .requiredOption('--principal <arn>', 'the person or role let in (an IAM ARN)')
    .option('--until <time>', 'when the grant ends, UTC (2027-01-31T18:00:00Z)')
    .option('--hours <n>', 'or: how many hours from now it lasts (at most 168)', Number)
    .requiredOption('--reason <text>', 'why (an incident, a ticket), kept for the audit')
    .action(
      async (options: {
        blueprint: string;
        now?: Date;
        principal: string;
        until?: string;
        hours?: number;
        reason: string;
      }) => {
        const { grantOpen } = await import('./commands/grant.js');
        grantOpen({ ...options, now: options.now ?? new Date() });
      },
    );
  file(grant.command('close').description("Remove a principal's grant"))
    .requiredOption('--principal <arn>', 'the principal whose grant ends')
    .action(async (options: { blueprint: string; now?: Date; principal: string }) => {
      const { grantClose } = await import('./commands/grant.js');
      grantClose({ ...options, now: options.now ?? new Date() });
    });
  file(grant.command('list').description('Show each grant, active or expired')).action(
    async (options: { blueprint: string; now?: Date }) => {
      const { grantList } = await import('./commands/grant.js');
      grantList({ ...options, now: options.now ?? new Date() });
    },
  );
}

/** The options deploy, diff and destroy share: the blueprint as for synth, and where in AWS. */
function accountCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .option(
      '-b, --blueprint <file>',
      'blueprint file (YAML or JSON); the default production blueprint when omitted',
    )
    .option('-o, --out <dir>', 'output directory for the synthesized assembly, manifests and reports', 'out')
    .option('--environment <name>', 'with a blueprint that declares environments: the one to act on')
    .option(
      '--profile <profile>',
      'named profile of the shared AWS config (default: the default credential chain)',
    )
    .option('--region <region>', "the region to act in; must be the blueprint's (default: the blueprint's)")
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (a local AWS emulator or a proxy)')
    .addOption(failOnOption())
    .addOption(allowUnknownOption())
    .option('--now <time>', NOW_HELP, parseNow);
}

const ACCOUNT_EXIT_CODES_HELP = `
Exit codes:
  0  done (deployed, diff shown, destroyed)
  1  the deployment or deletion failed in CloudFormation, or was not confirmed
  2  invalid input or usage, or a pre-flight check failed (each named with its fix; nothing was changed)
  3  internal error
`;

function addAccountCommands(program: Command): void {
  accountCommand(
    program,
    'deploy',
    'Synthesize and verify the blueprint, run the pre-flight checks, then deploy its stacks',
  )
    .option('-y, --yes', 'deploy without asking (required when standard input is not a terminal)')
    .option(
      '--accept-findings <file>',
      'a reviewed report.json: lets a failing or incomplete verification deploy when its findings are exactly the current ones',
    )
    .addHelpText('after', ACCOUNT_EXIT_CODES_HELP)
    .action(async (options: DeployOptions) => {
      const { deployCommand } = await import('./commands/deploy.js');
      await deployCommand(options);
    });
  accountCommand(
    program,
    'diff',
    'Show what deploying the blueprint would change, security-relevant changes first',
  )
    .option('--template-only', 'compare templates without creating a change set (less exact on replacements)')
    .addHelpText('after', ACCOUNT_EXIT_CODES_HELP)
    .action(async (options: DiffOptions) => {
      const { diffCommand } = await import('./commands/diff.js');
      await diffCommand(options);
    });
  accountCommand(
    program,
    'destroy',
    "Delete the blueprint's stacks; retained backups, keys, logs and secrets stay (listed)",
  )
    .option('-y, --yes', 'delete without asking (required when standard input is not a terminal)')
    .addHelpText('after', ACCOUNT_EXIT_CODES_HELP)
    .action(async (options: DestroyOptions) => {
      const { destroyCommand } = await import('./commands/destroy.js');
      await destroyCommand(options);
    });
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!/^[0-9]+$/.test(value) || port < 1 || port > 65535)
    throw new InvalidArgumentError('expected a port number from 1 to 65535');
  return port;
}

/**
 * Commander's text for stderr made inert: an error message (`error: …`, quoting the arguments) as one line,
 * so a line break in an argument shows as `\n`; help text line by line.
 */
function printableUsage(text: string): string {
  if (text.startsWith('error:')) return `${printable(text.replace(/\n$/, ''))}\n`;
  return text
    .split('\n')
    .map((line) => printable(line))
    .join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof ExitError) return error.exitCode;
    // The reader went away (output piped into `head`): nothing is wrong with the run, stop quietly.
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return EXIT_OK;
    if (error instanceof InputError) {
      const described = error instanceof InputErrors ? error.errors : [error];
      process.stderr.write(`error: ${described.map((e) => printable(e.describe())).join('\n')}\n`);
      return EXIT_INVALID_INPUT;
    }
    // A construct that rejects what the blueprint asked for; its internal errors fall through to the bug report.
    if (error instanceof ValidationError && error.origin === 'invalid-input') {
      process.stderr.write(`error: ${printable(error.message)}\n`);
      return EXIT_INVALID_INPUT;
    }
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error (already printed).
      return error.exitCode === 0 ? 0 : EXIT_INVALID_INPUT;
    }
    process.stderr.write(
      `internal error: ${printable(error instanceof Error ? error.message : String(error))}\n` +
        'This is a bug in vectorfort; set VECTORFORT_DEBUG=1 for the stack trace and report it.\n',
    );
    if (process.env.VECTORFORT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT_INTERNAL;
  }
}

/** Resolves once everything written to the stream has left the process (pipes can hold a backlog). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.once('drain', () => resolve());
  });
}

process.exitCode = await main(process.argv);
// Synthesis leaves handles (child processes, timers) in some libraries; exit explicitly once done, but only
// after a large report written to a pipe has been flushed.
// A closed pipe never drains; its error is the signal to stop waiting.
await Promise.race([
  Promise.all([drained(process.stdout), drained(process.stderr)]),
  new Promise((resolve) => process.stdout.once('error', resolve)),
]);
process.exit(process.exitCode);

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
