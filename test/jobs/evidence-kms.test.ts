/**
 * The drill's result document under the backups bucket's default SSE-KMS, against moto_server (S3 and KMS,
 * started on 127.0.0.1 for this file): the job sends no encryption header of its own, so the document must land
 * encrypted with the bucket's customer-managed key, and must stay readable through that key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { S3EvidenceStore } from '../../src/jobs/evidence.js';
import { motoClientConfig, startMoto, type Moto } from '../notifier/moto.js';

const BUCKET = 'weaviate-backups-kms';

describe('restore drill evidence under the bucket key (moto S3 and KMS)', () => {
  let moto: Moto;
  let s3: S3Client;
  let keyArn: string;

  before(async () => {
    moto = await startMoto();
    s3 = new S3Client({ ...motoClientConfig(moto.endpoint), forcePathStyle: true });
    const kms = new KMSClient(motoClientConfig(moto.endpoint));
    keyArn = (await kms.send(new CreateKeyCommand({ Description: 'backups' }))).KeyMetadata!.Arn!;
    await s3.send(
      new CreateBucketCommand({
        Bucket: BUCKET,
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: BUCKET,
        ServerSideEncryptionConfiguration: {
          Rules: [
            { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } },
          ],
        },
      }),
    );
  });

  after(async () => {
    s3?.destroy();
    await moto?.stop();
  });

  it('stores the document encrypted with the bucket key, and reads it back intact', async () => {
    const store = new S3EvidenceStore({
      bucket: BUCKET,
      region: 'eu-west-1',
      endpoint: moto.endpoint,
      credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
    });
    const document = { ok: true, rtoSeconds: 312, rpoSeconds: 7_200 };
    const location = await store.put('restore-drills/2026-12/drill-1.json', document);
    assert.equal(location, `s3://${BUCKET}/restore-drills/2026-12/drill-1.json`);

    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'restore-drills/2026-12/drill-1.json' }),
    );
    assert.equal(head.ServerSideEncryption, 'aws:kms');
    assert.ok(head.SSEKMSKeyId?.endsWith(keyArn.split('/').at(-1)!), `${head.SSEKMSKeyId} is the bucket key`);

    const object = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'restore-drills/2026-12/drill-1.json' }),
    );
    assert.deepEqual(JSON.parse(await object.Body!.transformToString()), document);
  });
});
