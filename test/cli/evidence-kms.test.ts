/**
 * Signing an evidence bundle with an asymmetric KMS key and checking it against that key, against moto_server
 * on 127.0.0.1 (a real KMS API: CreateKey, GetPublicKey, Sign). moto 5 ignores `MessageType: DIGEST` and hashes
 * the message again, which is one reason the signer sends the short statement as RAW, and salts RSA-PSS
 * longer than KMS does, which verification accepts (it reads the salt length). A bundle signed by one key is
 * refused when another is required.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { writeBundle } from '../../src/cli/evidence/bundle.js';
import { checkBundle } from '../../src/cli/evidence/check.js';
import { kmsPublicKey, kmsSigner } from '../../src/cli/evidence/kms-signer.js';
import { motoClientConfig, startMoto, type Moto } from '../notifier/moto.js';
import { EVIDENCE_REPORT } from '../report/evidence-report.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-evidence-kms-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence signed with KMS (moto_server)', () => {
  let moto: Moto;
  let client: KMSClient;
  const keys: Record<string, string> = {};
  before(async () => {
    moto = await startMoto();
    client = new KMSClient(motoClientConfig(moto.endpoint));
    for (const spec of ['ECC_NIST_P256', 'RSA_2048', 'SYMMETRIC_DEFAULT'] as const) {
      const out = await client.send(
        new CreateKeyCommand({
          KeyUsage: spec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY',
          KeySpec: spec,
        }),
      );
      keys[spec] = out.KeyMetadata!.Arn!;
    }
  });
  after(async () => {
    client?.destroy();
    await moto?.stop();
  });

  for (const [spec, algorithm] of [
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ] as const)
    it(`signs with a ${spec} key and verifies against that key`, async () => {
      const bundle = join(dir, spec);
      const written = await writeBundle(bundle, EVIDENCE_REPORT, {
        now: new Date('2026-12-07T00:00:00Z'),
        signer: kmsSigner({ keyId: keys[spec]!, client }),
      });
      assert.equal(written.signed, true);
      const key = await kmsPublicKey({ keyId: keys[spec]!, client });
      assert.equal(key.algorithm, algorithm);
      const result = checkBundle(bundle, { trustedKey: { ...key, name: `KMS key ${key.keyId}` } });
      assert.deepEqual(result.problems, []);
      assert.equal(result.ok, true);
      assert.match(result.signature, new RegExp(`valid, by KMS key .*\\(${algorithm}\\)`));
    });

  it('refuses a bundle signed by another KMS key', async () => {
    const other = await kmsPublicKey({ keyId: keys.RSA_2048!, client });
    const result = checkBundle(join(dir, 'ECC_NIST_P256'), { trustedKey: { ...other, name: 'the RSA key' } });
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems, ['the signature was not made by the RSA key']);
  });

  it('refuses a key that cannot sign, naming it', async () => {
    await assert.rejects(
      writeBundle(join(dir, 'symmetric'), EVIDENCE_REPORT, {
        now: new Date('2026-12-07T00:00:00Z'),
        signer: kmsSigner({ keyId: keys.SYMMETRIC_DEFAULT!, client }),
      }),
      /cannot sign evidence: expected key usage SIGN_VERIFY/,
    );
  });
});
