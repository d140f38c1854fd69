/**
 * Signing with an asymmetric AWS KMS key (key usage SIGN_VERIFY): kms:GetPublicKey for the algorithm and the
 * public key recorded in the signature, kms:Sign with the raw statement. The private key never leaves KMS.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { InputError } from '../../errors.js';
import { algorithmOf, SIGNATURE_FORMAT, type SignatureAlgorithm, type Signer } from './signature.js';

export interface KmsOptions {
  readonly keyId: string;
  /** @default - the SDK's region resolution (AWS_REGION, the profile) */
  readonly region?: string;
  /** An endpoint other than AWS's (a VPC endpoint, a local emulator). @default - AWS's */
  readonly endpoint?: string;
  /** @default - a client from the options above */
  readonly client?: KMSClient;
}

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
  // The algorithm follows from the public key itself (the key spec field is not returned everywhere), and
  // must be one KMS lists for the key.
  const publicKey =
    out.PublicKey && out.KeyUsage === 'SIGN_VERIFY'
      ? createPublicKey({ key: Buffer.from(out.PublicKey), format: 'der', type: 'spki' })
      : undefined;
  const algorithm = publicKey ? algorithmOf(publicKey) : undefined;
  const listed = out.SigningAlgorithms;
  if (
    !publicKey ||
    !algorithm ||
    algorithm === 'ED25519' ||
    (listed && !listed.includes(algorithm as SigningAlgorithmSpec))
  )
    throw new InputError(
      `KMS key ${options.keyId} cannot sign evidence: expected key usage SIGN_VERIFY with an ECC_NIST_P256, ECC_NIST_P384 or RSA key, got ${out.KeyUsage ?? '?'} ${out.KeySpec ?? ''}`.trimEnd(),
    );
  return { publicKey, algorithm, keyId: out.KeyId ?? options.keyId };
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
