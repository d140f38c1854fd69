/**
 * Cross-region replication of the backups (examples/backup-replication.yaml and the default blueprint): the
 * replica stack in the replica region, the source bucket's rule, the least-privilege role, the key policies and
 * the alarms routed to the alert topic.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { REPLICA_REGION_PAIRS } from '../../src/blueprint/index.js';
import { resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const example = parse(
  readFileSync(new URL('../../examples/backup-replication.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const MAIN = 'vectorfort-weaviate-replicated';
const REPLICA = `${MAIN}-backup-replica`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const props = (r: CfnResource) => r.Properties as Loose;

function templatesOf(input: Record<string, unknown>) {
  const s = synth(input);
  return {
    ...s,
    templates: Object.fromEntries(
      s.result.stacks.map((st) => [
        st.name,
        JSON.parse(readFileSync(st.templateFile, 'utf8')) as CfnTemplate,
      ]),
    ),
  };
}

function one(json: CfnTemplate, type: string, where: (r: CfnResource) => boolean = () => true): CfnResource {
  const found = resourcesOf(json, type).filter(([, r]) => where(r));
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0]![1];
}

const tag = (r: CfnResource, key: string) =>
  (props(r).Tags as { Key: string; Value: string }[] | undefined)?.find((t) => t.Key === key)?.Value;

/** The output of the replica stack a `Fn::GetStackOutput` of the main stack reads. */
function replicaOutput(replica: CfnTemplate, value: unknown, region: string): unknown {
  const spec = (value as { 'Fn::GetStackOutput'?: Record<string, string> })['Fn::GetStackOutput'];
  assert.ok(spec, `expected Fn::GetStackOutput, got ${JSON.stringify(value)}`);
  assert.equal(spec.StackName, REPLICA);
  assert.equal(spec.Region, region);
  const outputs = (replica as { Outputs?: Record<string, { Value: unknown }> }).Outputs ?? {};
  return outputs[spec.OutputName!]!.Value;
}

const s = templatesOf(example);
const main = s.templates[MAIN]!;
const replica = s.templates[REPLICA]!;
const replicaBucketEntry = resourcesOf(replica, 'AWS::S3::Bucket').find(
  ([, r]) => tag(r, 'vectorfort:data-classification') === 'backup-replica',
)!;
const source = one(main, 'AWS::S3::Bucket', (r) => tag(r, 'vectorfort:data-classification') === 'backups');
const rule = props(source).ReplicationConfiguration.Rules[0];

describe('backup replication: the replica stack', () => {
  it('deploys in the replica region before the main stack', () => {
    assert.deepEqual(
      s.result.stacks.map((st) => st.name),
      [MAIN, REPLICA],
    );
    const manifest = JSON.parse(readFileSync(`${s.result.assemblyDir}/manifest.json`, 'utf8')) as {
      artifacts: Record<string, { environment?: string; dependencies?: string[] }>;
    };
    assert.equal(manifest.artifacts[REPLICA]!.environment, 'aws://111111111111/eu-west-3');
    assert.ok(manifest.artifacts[MAIN]!.dependencies?.includes(REPLICA));
    // Template.fromJSON refuses a template with a dependency cycle.
    assert.ok(Template.fromJSON(replica));
  });

  it('holds a versioned, locked, KMS-encrypted replica bucket with all public access blocked and TLS only', () => {
    assert.ok(replicaBucketEntry, 'a bucket tagged backup-replica');
    const [id, bucket] = replicaBucketEntry;
    const p = props(bucket);
    assert.equal(p.BucketName, 'weaviate-replicated-replica-111111111111-eu-west-3');
    assert.equal(p.VersioningConfiguration.Status, 'Enabled');
    assert.deepEqual(p.PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const sse = p.BucketEncryption.ServerSideEncryptionConfiguration[0];
    assert.equal(sse.ServerSideEncryptionByDefault.SSEAlgorithm, 'aws:kms');
    const keyId = sse.ServerSideEncryptionByDefault.KMSMasterKeyID['Fn::GetAtt'][0] as string;
    assert.equal(replica.Resources[keyId]!.Type, 'AWS::KMS::Key');
    assert.equal(props(replica.Resources[keyId]!).EnableKeyRotation, true);
    assert.equal(p.ObjectLockEnabled, true);
    assert.deepEqual(p.ObjectLockConfiguration.Rule.DefaultRetention, { Mode: 'GOVERNANCE', Days: 30 });
    const policy = one(replica, 'AWS::S3::BucketPolicy', (r) => props(r).Bucket.Ref === id);
    const tls = (props(policy).PolicyDocument.Statement as Loose[]).filter(
      (st) => st.Effect === 'Deny' && st.Condition?.Bool?.['aws:SecureTransport'] === 'false',
    );
    assert.equal(tls.length, 1);
  });

  it('expires replicated backups after the source retention, since delete markers do not replicate', () => {
    const [, bucket] = replicaBucketEntry;
    const rules = props(bucket).LifecycleConfiguration.Rules as Loose[];
    assert.equal(rules.length, 1);
    const [replicated] = rules;
    assert.equal(replicated.Id, 'replicated-backups');
    assert.equal(replicated.Status, 'Enabled');
    assert.equal(replicated.Prefix, 'weaviate/');
    assert.equal(replicated.ExpirationInDays, 90);
    assert.equal(replicated.NoncurrentVersionExpiration.NoncurrentDays, 90);
    assert.deepEqual(replicated.Transitions, [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }]);
    assert.equal(replicated.AbortIncompleteMultipartUpload.DaysAfterInitiation, 7);
    // The same rule as the source's, bar its id.
    const sourceRules = props(source).LifecycleConfiguration.Rules as Loose[];
    assert.equal(sourceRules.length, 1);
    assert.deepEqual({ ...replicated, Id: undefined }, { ...sourceRules[0], Id: undefined });
  });

  it('follows a blueprint retention and prefix in the replica lifecycle', () => {
    const custom = templatesOf({
      ...example,
      backup: {
        ...(example.backup as Loose),
        prefix: 'vectors/weaviate',
        retentionDays: 45,
        noncurrentVersionExpirationDays: 10,
      },
    });
    const bucket = resourcesOf(custom.templates[REPLICA]!, 'AWS::S3::Bucket').find(
      ([, r]) => tag(r, 'vectorfort:data-classification') === 'backup-replica',
    )![1];
    const [replicated] = props(bucket).LifecycleConfiguration.Rules as Loose[];
    assert.equal(replicated.Prefix, 'vectors/weaviate/');
    assert.equal(replicated.ExpirationInDays, 45);
    assert.equal(replicated.NoncurrentVersionExpiration.NoncurrentDays, 10);
  });

  it('admits only the named replication role to encrypt with the replica key, through S3 in that region', () => {
    const [, bucket] = replicaBucketEntry;
    const keyId = props(bucket).BucketEncryption.ServerSideEncryptionConfiguration[0]
      .ServerSideEncryptionByDefault.KMSMasterKeyID['Fn::GetAtt'][0] as string;
    const statements = props(replica.Resources[keyId]!).KeyPolicy.Statement as Loose[];
    const admit = statements.find((st) => st.Sid === 'ReplicationRoleEncryptsReplicas')!;
    assert.deepEqual(admit.Action, ['kms:Encrypt', 'kms:GenerateDataKey']);
    assert.equal(admit.Condition.StringEquals['kms:ViaService'], 's3.eu-west-3.amazonaws.com');
    assert.match(
      JSON.stringify(admit.Condition.ArnEquals['aws:PrincipalArn']),
      /role\/vectorfort-weaviate-replicated-replication-eu-central-1/,
    );
  });
});

describe('backup replication: the source side', () => {
  it('replicates only the backup prefix with RTC and metrics into the replica, delete markers kept', () => {
    assert.equal(rule.Status, 'Enabled');
    assert.deepEqual(rule.Filter, { Prefix: 'weaviate/' });
    assert.deepEqual(rule.DeleteMarkerReplication, { Status: 'Disabled' });
    assert.deepEqual(rule.SourceSelectionCriteria, { SseKmsEncryptedObjects: { Status: 'Enabled' } });
    assert.deepEqual(rule.Destination.ReplicationTime, { Status: 'Enabled', Time: { Minutes: 15 } });
    assert.deepEqual(rule.Destination.Metrics, { Status: 'Enabled', EventThreshold: { Minutes: 15 } });
    const bucketArn = replicaOutput(replica, rule.Destination.Bucket, 'eu-west-3') as {
      'Fn::GetAtt': string[];
    };
    assert.equal(bucketArn['Fn::GetAtt'][0], replicaBucketEntry[0]);
    const keyArn = replicaOutput(
      replica,
      rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID,
      'eu-west-3',
    ) as {
      'Fn::GetAtt': string[];
    };
    assert.equal(replica.Resources[keyArn['Fn::GetAtt'][0]!]!.Type, 'AWS::KMS::Key');
  });

  it('gives the replication role the prefix of the two buckets and the two keys, nothing else', () => {
    const role = one(
      main,
      'AWS::IAM::Role',
      (r) => props(r).RoleName === 'vectorfort-weaviate-replicated-replication-eu-central-1',
    );
    assert.equal(props(role).AssumeRolePolicyDocument.Statement[0].Principal.Service, 's3.amazonaws.com');
    const policy = one(main, 'AWS::IAM::ManagedPolicy', (r) =>
      /S3 replication/.test(String(props(r).Description)),
    );
    const statements = props(policy).PolicyDocument.Statement as Loose[];
    assert.deepEqual(
      statements.map((st) => st.Sid),
      [
        'ReadReplicationConfiguration',
        'ReadSourceVersions',
        'WriteReplicas',
        'DecryptSource',
        'EncryptReplicas',
      ],
    );
    const all = statements.flatMap((st) => [st.Action].flat());
    assert.ok(!all.some((a: string) => a.endsWith('*') || a === 's3:ReplicateDelete'), all.join(', '));
    const read = statements.find((st) => st.Sid === 'ReadSourceVersions')!;
    assert.ok(
      read.Action.includes('s3:GetObjectRetention'),
      'Object Lock retention travels with the replica',
    );
    assert.match(JSON.stringify(read.Resource), /\/weaviate\/\*/);
    const write = statements.find((st) => st.Sid === 'WriteReplicas')!;
    assert.match(
      JSON.stringify(write.Resource),
      /weaviate-replicated-replica-111111111111-eu-west-3\/weaviate\/\*/,
    );
    const decrypt = statements.find((st) => st.Sid === 'DecryptSource')!;
    assert.equal(decrypt.Condition.StringEquals['kms:ViaService'], 's3.eu-central-1.amazonaws.com');
    const encrypt = statements.find((st) => st.Sid === 'EncryptReplicas')!;
    assert.equal(encrypt.Condition.StringEquals['kms:ViaService'], 's3.eu-west-3.amazonaws.com');
  });

  it('lets the replication role past the VPC-endpoint deny, and the backup key admits it', () => {
    const policies = resourcesOf(main, 'AWS::S3::BucketPolicy')
      .map(([, r]) => props(r).PolicyDocument.Statement)
      .flat();
    const deny = policies.find((st: Loose) => st.Sid === 'DenyObjectAccessOutsideVpcEndpoint');
    assert.match(
      JSON.stringify(deny.Condition.ArnNotEquals),
      /vectorfort-weaviate-replicated-replication-eu-central-1/,
    );
    const keyStatements = resourcesOf(main, 'AWS::KMS::Key').flatMap(
      ([, r]) => props(r).KeyPolicy.Statement as Loose[],
    );
    const admit = keyStatements.find((st) => st.Sid === 'ReplicationRoleReadsBackups')!;
    assert.deepEqual(admit.Action, 'kms:Decrypt');
  });

  it('alarms on failed and slow replication, routed to the alert topic', () => {
    const alarms = resourcesOf(main, 'AWS::CloudWatch::Alarm').filter(
      ([, r]) => props(r).Namespace === 'AWS/S3',
    );
    const byMetric: Loose = Object.fromEntries(alarms.map(([, r]) => [props(r).MetricName, props(r)]));
    assert.deepEqual(Object.keys(byMetric).sort(), ['OperationsFailedReplication', 'ReplicationLatency']);
    assert.equal(byMetric.OperationsFailedReplication.Threshold, 0);
    assert.equal(byMetric.ReplicationLatency.Threshold, 30 * 60);
    for (const alarm of Object.values(byMetric)) {
      assert.equal(alarm.AlarmActions.length, 1, 'one action: the alert topic');
      assert.equal(main.Resources[alarm.AlarmActions[0].Ref]!.Type, 'AWS::SNS::Topic');
      const dims = Object.fromEntries(
        (alarm.Dimensions as { Name: string; Value: unknown }[]).map((d) => [d.Name, d.Value]),
      );
      assert.equal(dims.RuleId, 'backups-to-eu-west-3');
    }
  });
});

describe('backup replication: defaults', () => {
  it('is on in the default blueprint, to the paired region, and off with replicaRegion none', () => {
    const d = templatesOf({});
    assert.equal(REPLICA_REGION_PAIRS['us-east-1'], 'us-west-2');
    assert.deepEqual(
      d.result.stacks.map((st) => st.name),
      ['vectorfort-weaviate', 'vectorfort-weaviate-backup-replica'],
    );
    const off = templatesOf({ backup: { replicaRegion: 'none' } });
    assert.deepEqual(
      off.result.stacks.map((st) => st.name),
      ['vectorfort-weaviate'],
    );
    const bucket = one(
      off.json,
      'AWS::S3::Bucket',
      (r) => tag(r, 'vectorfort:data-classification') === 'backups',
    );
    assert.equal(props(bucket).ReplicationConfiguration, undefined);
    assert.match(JSON.stringify(bucket.Metadata), /VF-DATA-020/);
  });
});
