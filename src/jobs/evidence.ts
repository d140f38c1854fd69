/**
 * Where the drill's result document goes: the backups bucket under its own prefix (the bucket's default SSE-KMS
 * encrypts it; versioning and Object Lock, when on, keep it). One signed PUT: the request is signed with the AWS
 * SDK's own SigV4 signer (`@smithy/signature-v4`); the full S3 client would not fit the job bundle's budget
 * (see aws-credentials.ts).
 */
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../contract/sigv4-sha256.js';
import type { AwsCredentials } from './aws-credentials.js';

export interface EvidenceStore {
  /** Stores the document and returns its `s3://` location. */
  put(key: string, document: unknown): Promise<string>;
}

export interface S3EvidenceStoreOptions {
  readonly bucket: string;
  readonly region: string;
  readonly credentials: () => Promise<AwsCredentials>;
  /**
   * An S3 endpoint to use path-style (a local S3 such as moto). @default - the regional virtual-hosted endpoint,
   * `https://<bucket>.s3.<region>.amazonaws.com`, which the S3 interface endpoint's private DNS answers
   */
  readonly endpoint?: string;
}

export class S3EvidenceStore implements EvidenceStore {
  constructor(private readonly options: S3EvidenceStoreOptions) {}

  async put(key: string, document: unknown): Promise<string> {
    const { bucket, region, endpoint } = this.options;
    const encodedKey = key.split('/').map(encodeURIComponent).join('/');
    const url = endpoint
      ? new URL(`${endpoint.replace(/\/+$/, '')}/${bucket}/${encodedKey}`)
      : new URL(
          `https://${bucket}.s3.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}/${encodedKey}`,
        );
    const body = `${JSON.stringify(document, null, 2)}\n`;
    const signer = new SignatureV4({
      service: 's3',
      region,
      credentials: this.options.credentials,
      sha256: NodeSha256,
      uriEscapePath: false,
      applyChecksum: true,
    });
    const signed = await signer.sign({
      method: 'PUT',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: {
        host: url.host,
        'content-type': 'application/json',
        'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      },
      body,
    });
    const res = await fetch(url, {
      method: 'PUT',
      headers: signed.headers,
      body,
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok)
      throw new Error(
        `S3 PutObject ${bucket}/${key}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`,
      );
    return `s3://${bucket}/${key}`;
  }
}
