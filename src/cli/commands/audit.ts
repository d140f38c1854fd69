/**
 * `vectorfort audit`: reads the live account (the named stacks and the account-level services) and cluster,
 * checks them against the same controls and proofs as `verify`, reports drift from the baseline, and exits
 * as `verify` does.
 */
import { EXIT_FINDINGS, ExitError, InputError } from '../../errors.js';
import type { Severity } from '../../findings/index.js';
import { printable } from '../../report/printable.js';
import { runAudit } from '../run-audit.js';
import { emitReport } from '../emit-report.js';
import { verdictReason } from '../verdict-reason.js';
import { writeChunksToStdout } from '../write-file.js';

export interface AuditOptions {
  readonly region?: string;
  readonly stack?: readonly string[];
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly kubeconfig?: string;
  readonly k8sDump?: string;
  readonly against?: string;
  readonly format: 'text' | 'json' | 'sarif' | 'html';
  readonly output?: string;
  readonly failOn: Severity;
  /** @default false */
  readonly allowUnknown?: boolean;
  /** Print the auditor's IAM policy and stop. @default false */
  readonly printPolicy?: boolean;
  /** Also write an evidence bundle of the audit here. @default - none */
  readonly evidence?: string;
  /** The manifest of manual evidence files for the bundle. @default - none attached */
  readonly attachments?: string;
  /** Sign the bundle's manifest with this private key (PEM). @default - unsigned unless `kmsKeyId` */
  readonly signKey?: string;
  /** Sign with this asymmetric KMS key, in the audited region and endpoint. @default - unsigned */
  readonly kmsKeyId?: string;
}

export async function auditCommand(options: AuditOptions): Promise<void> {
  if (options.printPolicy) {
    const { auditPolicy } = await import('../../audit/aws/operations.js');
    await writeChunksToStdout([`${JSON.stringify(auditPolicy(), null, 2)}\n`]);
    return;
  }
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region)
    throw new InputError(
      'expected a region: --region, or AWS_REGION in the environment',
      undefined,
      '--region',
    );
  if (options.kubeconfig !== undefined && options.k8sDump !== undefined)
    throw new InputError('expected either --kubeconfig or --k8s-dump, not both', undefined, '--k8s-dump');
  if (options.endpointUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(options.endpointUrl))
    throw new InputError('expected an http(s) URL', undefined, '--endpoint-url');
  // The audit reads the clock once: the bundle's attachment ages are measured to the same instant.
  const now = new Date();
  const { report } = await runAudit({
    aws: {
      region,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
    },
    stacks: options.stack ?? [],
    ...(options.kubeconfig === undefined ? {} : { kubeconfig: options.kubeconfig }),
    ...(options.k8sDump === undefined ? {} : { k8sDump: options.k8sDump }),
    ...(options.against === undefined ? {} : { against: options.against }),
    failOn: options.failOn,
    allowUnknown: options.allowUnknown ?? false,
  });
  const { summary } = report;
  await emitReport(
    report,
    options.format,
    options.output,
    `vectorfort audit: ${summary.fail} fail, ${summary.unknown} unknown, ${summary.pass} pass, ${report.audit?.drift.length ?? 0} drift`,
  );
  if (options.evidence !== undefined) {
    const { attachmentsOf, signerOf } = await import('../evidence/options.js');
    const { writeBundle } = await import('../evidence/bundle.js');
    const signer = signerOf({ ...options, region });
    const bundle = await writeBundle(options.evidence, report, {
      attachments: attachmentsOf(options),
      ...(signer ? { signer } : {}),
      now,
    });
    process.stderr.write(
      `vectorfort audit: evidence bundle${bundle.signed ? ' (signed)' : ''} -> ${printable(bundle.dir)}\n`,
    );
  }
  if (report.verdict.status !== 'pass') throw new ExitError(EXIT_FINDINGS, verdictReason(report.verdict));
}
