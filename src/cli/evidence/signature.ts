/**
 * Signing an evidence bundle's manifest. What is signed is a short statement naming the manifest's SHA-256
 * (`vectorfort evidence manifest sha256:<hex>`), so any signer signs the same few bytes: a local key through
 * Node's crypto (Ed25519, ECDSA P-256/P-384, RSA-PSS) or an asymmetric KMS key (kms:Sign of the raw
 * statement, which stays far below KMS's 4 KB message limit and needs no pre-hashed digest mode).
 */
import {
  constants,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { readRegularFileSync } from '../../contract/regular-file.js';
import { InputError } from '../../errors.js';

export const SIGNATURE_FORMAT = 'vectorfort-evidence-signature/v1';

/** The algorithms a bundle can be signed with, named as KMS names them (Ed25519 has no KMS name). */
export type SignatureAlgorithm = 'ED25519' | 'ECDSA_SHA_256' | 'ECDSA_SHA_384' | 'RSASSA_PSS_SHA_256';

export interface SignatureFile {
  readonly format: typeof SIGNATURE_FORMAT;
  readonly statement: string;
  readonly algorithm: SignatureAlgorithm;
  /** `local` or `aws-kms`. */
  readonly signer: string;
  /** The KMS key's ARN, for a KMS signature. @default - a local key */
  readonly keyId?: string;
  /** The signer's public key (SPKI, PEM): enough to check the signature, not to trust it. */
  readonly publicKey: string;
  /** Base64. */
  readonly signature: string;
}

export interface Signer {
  sign(statement: string): Promise<SignatureFile>;
}

export function signingStatement(manifestSha256: string): string {
  return `vectorfort evidence manifest sha256:${manifestSha256}`;
}

/** The algorithm a key signs with; undefined for a key type we do not sign with. */
export function algorithmOf(key: KeyObject): SignatureAlgorithm | undefined {
  if (key.asymmetricKeyType === 'ed25519') return 'ED25519';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve === 'prime256v1' ? 'ECDSA_SHA_256' : curve === 'secp384r1' ? 'ECDSA_SHA_384' : undefined;
  }
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return 'RSASSA_PSS_SHA_256';
  return undefined;
}

function parameters(
  algorithm: SignatureAlgorithm,
  use: 'sign' | 'verify' = 'sign',
): { digest: string | null; options: object } {
  switch (algorithm) {
    case 'ED25519':
      return { digest: null, options: {} };
    case 'ECDSA_SHA_256':
      return { digest: 'sha256', options: { dsaEncoding: 'der' } };
    case 'ECDSA_SHA_384':
      return { digest: 'sha384', options: { dsaEncoding: 'der' } };
    case 'RSASSA_PSS_SHA_256':
      // KMS's RSASSA_PSS_SHA_256: MGF1 with SHA-256 and a salt as long as the digest. Verification reads the
      // salt length from the signature, so a signer that salts longer (moto does) still verifies.
      return {
        digest: 'sha256',
        options: {
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: use === 'sign' ? 32 : constants.RSA_PSS_SALTLEN_AUTO,
        },
      };
  }
}

/** A signer with a private key from a PEM file. */
export function localSigner(keyFile: string): Signer {
  let key: KeyObject;
  try {
    key = createPrivateKey(readRegularFileSync(keyFile));
  } catch (error) {
    throw new InputError(`expected a private key in PEM (${(error as Error).message})`, keyFile);
  }
  const algorithm = algorithmOf(key);
  if (!algorithm)
    throw new InputError('expected an Ed25519, ECDSA P-256 or P-384, or RSA private key', keyFile);
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return {
    sign: async (statement) => {
      const { digest, options } = parameters(algorithm);
      const signature = cryptoSign(digest, Buffer.from(statement), { key, ...options });
      return {
        format: SIGNATURE_FORMAT,
        statement,
        algorithm,
        signer: 'local',
        publicKey,
        signature: signature.toString('base64'),
      };
    },
  };
}

/** Whether `signature` over `statement` verifies with `publicKey` (PEM or a KeyObject). */
export function signatureValid(file: SignatureFile, publicKey: KeyObject): boolean {
  const { digest, options } = parameters(file.algorithm, 'verify');
  try {
    return cryptoVerify(
      digest,
      Buffer.from(file.statement),
      { key: publicKey, ...options },
      Buffer.from(file.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** Reads a public key (PEM, SPKI), or a private key whose public half is wanted. */
export function readPublicKey(file: string): KeyObject {
  try {
    return createPublicKey(readRegularFileSync(file));
  } catch (error) {
    throw new InputError(`expected a public key in PEM (${(error as Error).message})`, file);
  }
}
