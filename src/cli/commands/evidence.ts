/**
 * `vectorfort evidence [PATH ...] --out DIR` verifies the inputs and writes an evidence bundle (bundle.ts);
 * it exits like verify (0 passed, 1 did not pass), the bundle written either way, since a failing run is
 * evidence too. `vectorfort evidence --check DIR` verifies a bundle's digests and signature: 0 intact, 1
 * tampered or not signed by the key required.
 */
import { EXIT_FINDINGS, ExitError, InputError } from '../../errors.js';
import type { Severity } from '../../findings/index.js';
import { printable } from '../../report/printable.js';
import { writeBundle } from '../evidence/bundle.js';
import { checkBundle, type CheckOptions } from '../evidence/check.js';
import { kmsPublicKey } from '../evidence/kms-signer.js';
import { attachmentsOf, signerOf, type EvidenceSigningOptions } from '../evidence/options.js';
import { readPublicKey } from '../evidence/signature.js';
import { runVerify } from '../run-verify.js';
import { verdictReason } from '../verdict-reason.js';

export interface EvidenceOptions extends EvidenceSigningOptions {
  /** Where to write the bundle. @default - none: `check` must be given */
  readonly out?: string;
  /** A bundle to verify instead. @default - none */
  readonly check?: string;
  /** With `check`: the public key (PEM) the bundle must be signed by. @default - the key it records */
  readonly publicKey?: string;
  readonly failOn: Severity;
  /** @default false */
  readonly allowUnknown?: boolean;
  /** @default - none */
  readonly parameters?: string;
  /** @default - the clock */
  readonly now?: Date;
  /** @default false */
  readonly requireAcknowledgementExpiry?: boolean;
}

export async function evidenceCommand(paths: readonly string[], options: EvidenceOptions): Promise<void> {
  if (options.check !== undefined) return check(options.check, options);
  if (options.out === undefined)
    throw new InputError('name the bundle directory (--out DIR) or a bundle to --check');
  // Read before the run: a mistake in the attachment manifest or the key should not wait for the verification.
  const attachments = attachmentsOf(options);
  const signer = signerOf(options);
  const now = options.now ?? new Date();
  const { report } = await runVerify({
    paths,
    failOn: options.failOn,
    allowUnknown: options.allowUnknown ?? false,
    now,
    requireAcknowledgementExpiry: options.requireAcknowledgementExpiry ?? false,
    ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
  });
  const written = await writeBundle(options.out, report, { attachments, now, ...(signer ? { signer } : {}) });
  process.stdout.write(
    `vectorfort evidence: ${written.files} files${written.signed ? ', signed manifest' : ''} -> ${printable(options.out)}` +
      ` (${report.summary.fail} fail, ${report.summary.unknown} unknown, ${report.summary.pass} pass; ` +
      `${written.manualWithoutEvidence} manual requirements without current evidence)\n`,
  );
  if (report.verdict.status !== 'pass') throw new ExitError(EXIT_FINDINGS, verdictReason(report.verdict));
}

async function check(dir: string, options: EvidenceOptions): Promise<void> {
  let trustedKey: CheckOptions['trustedKey'];
  if (options.publicKey !== undefined)
    trustedKey = { publicKey: readPublicKey(options.publicKey), name: `the key in ${options.publicKey}` };
  else if (options.kmsKeyId !== undefined) {
    const key = await kmsPublicKey({
      keyId: options.kmsKeyId,
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    });
    trustedKey = { publicKey: key.publicKey, keyId: key.keyId, name: `KMS key ${key.keyId}` };
  }
  const result = checkBundle(dir, trustedKey ? { trustedKey } : {});
  const lines = [
    `vectorfort evidence --check ${printable(dir)}: ${result.ok ? 'intact' : 'NOT INTACT'}, ${result.files} files listed`,
    `  signature: ${printable(result.signature)}`,
    ...result.problems.map((p) => `  ${printable(p)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!result.ok)
    throw new ExitError(EXIT_FINDINGS, 'the evidence bundle does not match its manifest or signature');
}
