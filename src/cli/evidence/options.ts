/** The options synth and evidence share for writing a bundle: attachments and a signer. */
import { readAttachmentManifest, type AttachmentSource } from './attachments.js';
import { kmsSigner } from './kms-signer.js';
import { localSigner, type Signer } from './signature.js';

export interface EvidenceSigningOptions {
  /** The manifest of manual evidence files. @default - none attached */
  readonly attachments?: string;
  /** Sign with this private key (PEM). @default - unsigned unless `kmsKeyId` */
  readonly signKey?: string;
  /** Sign with this asymmetric KMS key (id, ARN or alias). @default - unsigned unless `signKey` */
  readonly kmsKeyId?: string;
  /** The KMS key's region. @default - the SDK's resolution */
  readonly region?: string;
  /** The KMS endpoint. @default - AWS's */
  readonly endpointUrl?: string;
}

export function signerOf(options: EvidenceSigningOptions): Signer | undefined {
  if (options.signKey !== undefined) return localSigner(options.signKey);
  if (options.kmsKeyId !== undefined)
    return kmsSigner({
      keyId: options.kmsKeyId,
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    });
  return undefined;
}

export function attachmentsOf(options: EvidenceSigningOptions): AttachmentSource[] {
  return options.attachments === undefined ? [] : readAttachmentManifest(options.attachments);
}
