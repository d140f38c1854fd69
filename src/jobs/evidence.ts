/**
 * Where the drill's result document goes: the backups bucket under its own prefix, through the AWS SDK's S3
 * client (the bucket's default SSE-KMS encrypts it; versioning and Object Lock, when on, keep it).
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface EvidenceStore {
  /** Stores the document and returns its `s3://` location. */
  put(key: string, document: unknown): Promise<string>;
}

export class S3EvidenceStore implements EvidenceStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, document: unknown): Promise<string> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: `${JSON.stringify(document, null, 2)}\n`,
        ContentType: 'application/json',
      }),
    );
    return `s3://${this.bucket}/${key}`;
  }
}
