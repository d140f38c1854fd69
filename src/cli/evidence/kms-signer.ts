/**
 * Signing with an asymmetric AWS KMS key (key usage SIGN_VERIFY): kms:GetPublicKey for the algorithm and the
 * public key recorded in the signature, kms:Sign with the raw statement. The private key never leaves KMS.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { InputError } from '../../errors.js';
import { SIGNATURE_FORMAT, type SignatureAlgorithm, type Signer } from './signature.js';

export interface KmsOptions {
  readonly keyId: string;
  /** @default - the SDK's region resolution (AWS_REGION, the profile) */
  readonly region?: string;
  /** An endpoint other than AWS's (a VPC endpoint, a local emulator). @default - AWS's */
  readonly endpoint?: string;
  /** @default - a client from the options above */
  readonly client?: KMSClient;
}

/** The KMS algorithms we sign with, by key spec: the one that matches the statement verifier. */
const ALGORITHM_FOR_SPEC: Readonly<Record<string, SignatureAlgorithm>> = {
  ECC_NIST_P256: 'ECDSA_SHA_256',
  ECC_NIST_P384: 'ECDSA_SHA_384',
  RSA_2048: 'RSASSA_PSS_SHA_256',
  RSA_3072: 'RSASSA_PSS_SHA_256',
  RSA_4096: 'RSASSA_PSS_SHA_256',
};

function clientOf(options: KmsOptions): KMSClient {
  return (
    options.client ??
    new KMSClient({
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    })
  );
}

/** The key's public key, algorithm and ARN, from kms:GetPublicKey. */
export async function kmsPublicKey(
  options: KmsOptions,
): Promise<{ publicKey: KeyObject; algorithm: SignatureAlgorithm; keyId: string }> {
  const client = clientOf(options);
  const out = await client.send(new GetPublicKeyCommand({ KeyId: options.keyId }));
  const algorithm = ALGORITHM_FOR_SPEC[out.KeySpec ?? ''];
  if (!out.PublicKey || !algorithm || out.KeyUsage !== 'SIGN_VERIFY')
    throw new InputError(
      `KMS key ${options.keyId} cannot sign evidence: expected key usage SIGN_VERIFY with an ECC_NIST_P256, ECC_NIST_P384 or RSA key spec, got ${out.KeyUsage ?? '?'} ${out.KeySpec ?? '?'}`,
    );
  return {
    publicKey: createPublicKey({ key: Buffer.from(out.PublicKey), format: 'der', type: 'spki' }),
    algorithm,
    keyId: out.KeyId ?? options.keyId,
  };
}

export function kmsSigner(options: KmsOptions): Signer {
  return {
    sign: async (statement) => {
      const { publicKey, algorithm, keyId } = await kmsPublicKey(options);
      const out = await clientOf(options).send(
        new SignCommand({
          KeyId: options.keyId,
          Message: Buffer.from(statement),
          MessageType: 'RAW',
          SigningAlgorithm: algorithm as SigningAlgorithmSpec,
        }),
      );
      if (!out.Signature) throw new Error(`kms:Sign returned no signature for ${keyId}`);
      return {
        format: SIGNATURE_FORMAT,
        statement,
        algorithm,
        signer: 'aws-kms',
        keyId,
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        signature: Buffer.from(out.Signature).toString('base64'),
      };
    },
  };
}
