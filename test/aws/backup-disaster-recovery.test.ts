/**
 * The disaster-recovery runbook (docs/backup-restore.md, "Restoring into a new cluster in another region"):
 * the same blueprint name deployed in the replica region, beside the replica stack that already lives there,
 * creates no name the first deployment holds (KMS aliases and most names per region, IAM role and bucket names
 * in the whole account), and the replica key lets only the roles the blueprint names read the replicas.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const props = (r: CfnResource) => (r.Properties ?? {}) as Loose;

const example = parse(
  readFileSync(new URL('../../examples/backup-replication.yaml', import.meta.url), 'utf8'),
) as Loose;
const RESTORER = 'arn:aws:iam::111111111111:role/backup-restore';

/** The runbook's blueprint: the example with its regions swapped, and the original's global names left alone. */
const disasterRecovery: Loose = {
  ...example,
  environment: { ...example.environment, region: 'eu-west-3' },
  backup: { ...example.backup, replicaRegion: 'eu-central-1' },
  adminAccess: { roles: { enabled: false } },
};

/** Every stack of a synthesis with its region and template. */
function stacksOf(input: Loose): { name: string; region: string; template: CfnTemplate }[] {
  const s = synth(input);
  const manifest = JSON.parse(readFileSync(`${s.result.assemblyDir}/manifest.json`, 'utf8')) as {
    artifacts: Record<string, { environment?: string }>;
  };
  return s.result.stacks.map((st) => ({
    name: st.name,
    region: manifest.artifacts[st.name]!.environment!.split('/').pop()!,
    template: JSON.parse(readFileSync(st.templateFile, 'utf8')) as CfnTemplate,
  }));
}

/** Names IAM and S3 hold account-wide. */
const GLOBAL = new Set([
  'AWS::IAM::Role:RoleName',
  'AWS::IAM::ManagedPolicy:ManagedPolicyName',
  'AWS::S3::Bucket:BucketName',
]);

/** The literal physical names a deployment claims, each under the scope it must be unique in. */
function claimedNames(input: Loose): Map<string, string> {
  const claimed = new Map<string, string>();
  for (const stack of stacksOf(input)) {
    claimed.set(`${stack.region} stack ${stack.name}`, stack.name);
    for (const [id, resource] of Object.entries(stack.template.Resources))
      for (const [key, value] of Object.entries(props(resource))) {
        if (!/Name$/.test(key) || typeof value !== 'string') continue;
        const kind = `${resource.Type}:${key}`;
        claimed.set(`${GLOBAL.has(kind) ? 'global' : stack.region} ${kind} ${value}`, `${stack.name}/${id}`);
      }
  }
  return claimed;
}

const aliasesByRegion = (input: Loose) =>
  stacksOf(input).flatMap(({ region, template }) =>
    resourcesOf(template, 'AWS::KMS::Alias').map(([, r]) => `${region} ${String(props(r).AliasName)}`),
  );

describe('disaster recovery: the same blueprint in the replica region', () => {
  it('gives the replica key an alias of its own, apart from the backup key in the same region', () => {
    const original = aliasesByRegion(example);
    assert.ok(original.includes('eu-central-1 alias/weaviate-replicated/backup'));
    assert.ok(original.includes('eu-west-3 alias/weaviate-replicated/backup-replica'));
    const recovered = aliasesByRegion(disasterRecovery);
    assert.ok(recovered.includes('eu-west-3 alias/weaviate-replicated/backup'));
    assert.ok(recovered.includes('eu-central-1 alias/weaviate-replicated/backup-replica'));
    const clashes = recovered.filter((a) => original.includes(a));
    assert.deepEqual(clashes, []);
  });

  it('claims no name the original deployment holds, in a region or account-wide', () => {
    const original = claimedNames(example);
    const clashes = [...claimedNames(disasterRecovery).keys()].filter((name) => original.has(name));
    assert.deepEqual(clashes, []);
  });
});

describe('disaster recovery: reading the replica', () => {
  const replicaKeyStatements = (input: Loose) => {
    const replica = stacksOf(input).find((s) => s.name.endsWith('-backup-replica'))!;
    const [[, key]] = resourcesOf(replica.template, 'AWS::KMS::Key');
    return props(key!).KeyPolicy.Statement as Loose[];
  };
  const decrypting = (statements: Loose[]) =>
    statements.filter((st) => [st.Action].flat().some((a: string) => a === 'kms:Decrypt' || a === 'kms:*'));

  it('lets nobody decrypt the replicas by default', () => {
    assert.deepEqual(decrypting(replicaKeyStatements(example)), []);
  });

  it('lets the named restore roles decrypt, through S3 in the replica region, for the replica bucket only', () => {
    const statements = replicaKeyStatements({
      ...example,
      backup: { ...example.backup, replicaRestoreRoleArns: [RESTORER] },
    });
    const [restore, ...others] = decrypting(statements);
    assert.equal(others.length, 0);
    assert.equal(restore.Sid, 'RestoreRolesReadReplicas');
    assert.deepEqual(restore.Principal, { AWS: RESTORER });
    assert.equal(restore.Action, 'kms:Decrypt');
    assert.equal(restore.Condition.StringEquals['kms:ViaService'], 's3.eu-west-3.amazonaws.com');
    assert.match(
      JSON.stringify(restore.Condition.StringLike['kms:EncryptionContext:aws:s3:arn']),
      /weaviate-replicated-replica-111111111111-eu-west-3\/\*/,
    );
  });

  it('refuses a restore role of another account', () => {
    assert.throws(
      () =>
        synth({
          ...example,
          backup: { ...example.backup, replicaRestoreRoleArns: ['arn:aws:iam::222222222222:role/restore'] },
        }),
      /backup\.replicaRestoreRoleArns\[0\].*not the blueprint's account/,
    );
  });
});
