/**
 * `vectorfort evidence --check DIR`: the bundle is exactly what its manifest lists (no file changed, added or
 * removed), and the manifest is the one that was signed, by the expected key when one is given. A bundle with
 * no signature can only prove its own consistency, which the result says.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { InputError } from '../../errors.js';
import { sha256Hex } from '../provenance/digests.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, SIGNATURE_FILE, type BundleManifest } from './bundle.js';
import { SIGNATURE_FORMAT, signatureValid, signingStatement, type SignatureFile } from './signature.js';

export interface CheckOptions {
  /** The key the bundle must be signed by. @default - any: the key recorded in the signature is used */
  readonly trustedKey?: { readonly publicKey: KeyObject; readonly keyId?: string; readonly name: string };
}

export interface CheckResult {
  readonly ok: boolean;
  readonly files: number;
  /** What is wrong, one line each; empty when ok. */
  readonly problems: readonly string[];
  /** How the manifest is vouched for. */
  readonly signature: string;
}

export function checkBundle(dir: string, options: CheckOptions = {}): CheckResult {
  if (!existsSync(join(dir, MANIFEST_FILE)))
    throw new InputError(`expected an evidence bundle (no ${MANIFEST_FILE})`, dir);
  const manifestText = readFileSync(join(dir, MANIFEST_FILE));
  const problems: string[] = [];
  let manifest: BundleManifest | undefined;
  try {
    manifest = JSON.parse(manifestText.toString('utf8')) as BundleManifest;
    if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files)) manifest = undefined;
  } catch {
    manifest = undefined;
  }
  if (!manifest) problems.push(`${MANIFEST_FILE} is not a ${MANIFEST_FORMAT} manifest`);
  const listed = new Set<string>();
  for (const f of manifest?.files ?? []) {
    listed.add(f.path);
    const path = join(dir, f.path);
    if (!existsSync(path) || !lstatSync(path).isFile()) {
      problems.push(`removed: ${f.path}`);
      continue;
    }
    if (sha256Hex(readFileSync(path)) !== f.sha256) problems.push(`changed: ${f.path}`);
  }
  for (const path of filesUnder(dir, ''))
    if (path !== MANIFEST_FILE && path !== SIGNATURE_FILE && !listed.has(path))
      problems.push(`added: ${path}`);

  const signature = checkSignature(dir, sha256Hex(manifestText), options, problems);
  return { ok: problems.length === 0, files: listed.size, problems, signature };
}

function checkSignature(
  dir: string,
  manifestSha256: string,
  options: CheckOptions,
  problems: string[],
): string {
  const path = join(dir, SIGNATURE_FILE);
  if (!existsSync(path)) {
    if (options.trustedKey) {
      problems.push(`not signed, but a signature by ${options.trustedKey.name} was required`);
      return 'missing';
    }
    return 'unsigned: the digests prove the files match the manifest, not who wrote it';
  }
  let sig: SignatureFile;
  try {
    sig = JSON.parse(readFileSync(path, 'utf8')) as SignatureFile;
    if (sig.format !== SIGNATURE_FORMAT) throw new Error('format');
  } catch {
    problems.push(`${SIGNATURE_FILE} is not a ${SIGNATURE_FORMAT} signature`);
    return 'unreadable';
  }
  if (sig.statement !== signingStatement(manifestSha256)) {
    problems.push(`${MANIFEST_FILE} changed after it was signed (the signature names another manifest)`);
    return 'does not match the manifest';
  }
  let key: KeyObject;
  try {
    key = options.trustedKey?.publicKey ?? createPublicKey(sig.publicKey);
  } catch {
    problems.push(`${SIGNATURE_FILE} records no readable public key`);
    return 'unreadable';
  }
  if (!signatureValid(sig, key)) {
    problems.push(
      options.trustedKey
        ? `the signature was not made by ${options.trustedKey.name}`
        : 'the signature does not verify with the public key it records',
    );
    return 'invalid';
  }
  return options.trustedKey
    ? `valid, by ${options.trustedKey.name} (${sig.algorithm})`
    : `valid with the public key the bundle records (${sig.algorithm}${sig.keyId ? `, KMS key ${sig.keyId}` : ''}); pass --public-key or --kms-key-id to require a trusted key`;
}

/** Every regular file below `dir`, as bundle paths (forward slashes). */
function filesUnder(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const stats = lstatSync(join(dir, rel));
    if (stats.isDirectory()) out.push(...filesUnder(dir, rel));
    else out.push(rel);
  }
  return out;
}
