/**
 * Writes an evidence bundle: the reports, a requirement table per framework (CSV and HTML), the manual
 * requirements with the attached evidence, the attachments themselves, and `manifest.json`, the SHA-256 of
 * every other file; optionally `manifest.sig.json`, a signature of the manifest. `vectorfort evidence
 * --check` verifies all of it (check.ts).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readRegularFileSync } from '../../contract/regular-file.js';
import { InputError } from '../../errors.js';
import { FRAMEWORK_KEYS } from '../../findings/index.js';
import { manualRows, type Attachment } from '../../report/evidence/manual-evidence.js';
import { requirementRows } from '../../report/evidence/requirement-table.js';
import { manualCsv, manualHtml, requirementCsv, requirementHtml } from '../../report/evidence/render.js';
import { renderReport } from '../../report/format/index.js';
import type { Report } from '../../report/model.js';
import { sha256Hex } from '../provenance/digests.js';
import type { AttachmentSource } from './attachments.js';
import { signingStatement, type Signer } from './signature.js';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig.json';
export const MANIFEST_FORMAT = 'vectorfort-evidence/v1';

export interface BundleManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly createdAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly verdict: string;
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly bytes: number }[];
}

export interface BundleOptions {
  readonly attachments?: readonly AttachmentSource[];
  readonly signer?: Signer;
  /** When the bundle is made; attachment ages are measured to it. */
  readonly now: Date;
}

export interface WrittenBundle {
  readonly dir: string;
  readonly files: number;
  readonly signed: boolean;
  /** Manual requirements with no current evidence. */
  readonly manualWithoutEvidence: number;
}

export async function writeBundle(
  dir: string,
  report: Report,
  options: BundleOptions,
): Promise<WrittenBundle> {
  prepare(dir);
  const files = new Map<string, Buffer>();
  const put = (path: string, content: string | Buffer) =>
    files.set(path, typeof content === 'string' ? Buffer.from(content) : content);

  for (const format of ['json', 'sarif', 'html'] as const)
    put(`report.${format}`, renderReport(report, format));
  for (const framework of FRAMEWORK_KEYS) {
    const rows = requirementRows(report, framework);
    put(`requirements/${framework}.csv`, requirementCsv(rows));
    put(`requirements/${framework}.html`, requirementHtml(framework, rows));
  }
  const attached: Attachment[] = (options.attachments ?? []).map((a) => {
    const bytes = readRegularFileSync(a.source);
    const path = `attachments/${a.framework}/${a.requirement}/${a.name.replaceAll('\\', '/')}`;
    put(path, bytes);
    return {
      framework: a.framework,
      requirement: a.requirement,
      file: path,
      sha256: sha256Hex(bytes),
      date: a.date,
      ...(a.description !== undefined ? { description: a.description } : {}),
      ...(a.periodDays !== undefined ? { periodDays: a.periodDays } : {}),
    };
  });
  const manual = manualRows(attached, options.now);
  put('manual-evidence.csv', manualCsv(manual));
  put('manual-evidence.html', manualHtml(manual));

  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  const manifest: BundleManifest = {
    format: MANIFEST_FORMAT,
    createdAt: options.now.toISOString(),
    tool: report.tool,
    verdict: report.verdict.status,
    files: [...files]
      .map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.length }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(dir, MANIFEST_FILE), manifestText);
  if (options.signer) {
    const signature = await options.signer.sign(signingStatement(sha256Hex(manifestText)));
    writeFileSync(join(dir, SIGNATURE_FILE), `${JSON.stringify(signature, null, 2)}\n`);
  }
  return {
    dir,
    files: files.size,
    signed: options.signer !== undefined,
    manualWithoutEvidence: manual.filter((m) => m.status !== 'evidenced').length,
  };
}

/**
 * Makes `dir` ready: created when missing, emptied when it holds an earlier bundle (its manifest says so),
 * refused when it holds anything else, so a mistyped path cannot wipe a directory of other files.
 */
function prepare(dir: string): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return;
  }
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  if (!holdsBundle(dir))
    throw new InputError(
      'expected an empty directory or an earlier evidence bundle; it holds other files, which are not replaced',
      dir,
    );
  for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
}

function holdsBundle(dir: string): boolean {
  try {
    const manifest = JSON.parse(readRegularFileSync(join(dir, MANIFEST_FILE)).toString('utf8')) as {
      format?: unknown;
    };
    return manifest.format === MANIFEST_FORMAT;
  } catch {
    return false;
  }
}
