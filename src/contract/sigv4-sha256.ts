/**
 * SHA-256 and HMAC-SHA-256 from node:crypto in the shape the AWS SDK's SigV4 signer (`@smithy/signature-v4`)
 * takes as its `sha256` constructor. The small programs that sign one request themselves (the restore drill's
 * evidence PUT, the rotation function's EKS token) use it instead of the SDK's own hash package, which would add
 * a browser-compatible implementation to bundles that run only on Node.
 */
import { createHash, createHmac } from 'node:crypto';

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

export class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}
