import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATA_ACTIONS } from '../../src/aws/backup-bucket.js';
import { resourcesOf, synth, type CfnTemplate } from './synth-helper.js';

const REPLICATION_ROLE = 'arn:aws:iam::111111111111:role/vectorfort-weaviate-replication-us-east-1';

const { json, template } = synth();
const BUCKET = 'BackupsBucket2936A3AA';
const LOGS = 'BackupsAccessLogs4CD0EFAD';
/** The detection part's CloudTrail and AWS Config archive. */
const AUDIT = 'AuditLogsBucketCBA431F7';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
  Resource?: unknown;
}

function bucketPolicy(t: CfnTemplate, bucket: string): Statement[] {
  const [, policy] = resourcesOf(t, 'AWS::S3::BucketPolicy').find(
    ([, r]) => JSON.stringify(r.Properties!.Bucket) === JSON.stringify({ Ref: bucket }),
  )!;
  return (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement;
}

describe('backup bucket', () => {
  it('is named deterministically and encrypted with the backup key and an S3 bucket key', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'weaviate-backups-111111111111-us-east-1',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': ['KeysBackup13AD9A0E', 'Arn'] },
            },
          },
        ],
      },
    });
  });

  it('creates exactly the backup, access-log and audit buckets, each with the encryption of its purpose', () => {
    const encryption = (id: string) =>
      (
        json.Resources[id]!.Properties!.BucketEncryption as {
          ServerSideEncryptionConfiguration: {
            ServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID?: unknown };
          }[];
        }
      ).ServerSideEncryptionConfiguration.map((c) => c.ServerSideEncryptionByDefault);
    assert.deepEqual(
      resourcesOf(json, 'AWS::S3::Bucket')
        .map(([id]) => id)
        .sort(),
      [AUDIT, LOGS, BUCKET].sort(),
    );
    assert.deepEqual(encryption(BUCKET), [
      { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['KeysBackup13AD9A0E', 'Arn'] } },
    ]);
    // S3 server access logs can only be delivered to an SSE-S3 bucket.
    assert.deepEqual(encryption(LOGS), [{ SSEAlgorithm: 'AES256' }]);
    assert.deepEqual(encryption(AUDIT), [
      { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['KeysLogs7981C88C', 'Arn'] } },
    ]);
    assert.deepEqual(json.Resources[AUDIT]!.Properties!.LoggingConfiguration, {
      DestinationBucketName: { Ref: LOGS },
      LogFilePrefix: 'audit-logs/',
    });
  });

  it('blocks all public access, enforces bucket ownership and versions every bucket', () => {
    const buckets = resourcesOf(json, 'AWS::S3::Bucket');
    assert.equal(buckets.length, 3);
    for (const [id, bucket] of buckets) {
      assert.deepEqual(
        bucket.Properties!.PublicAccessBlockConfiguration,
        {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        id,
      );
      assert.deepEqual(
        bucket.Properties!.OwnershipControls,
        { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        id,
      );
      assert.deepEqual(bucket.Properties!.VersioningConfiguration, { Status: 'Enabled' }, id);
      assert.ok(bucket.Properties!.BucketEncryption, id);
    }
  });

  it('denies every request without TLS 1.2 on every bucket', () => {
    for (const bucket of [BUCKET, LOGS, AUDIT]) {
      const denies = bucketPolicy(json, bucket).filter((s) => s.Effect === 'Deny' && s.Action === 's3:*');
      assert.deepEqual(
        denies.map((s) => s.Condition),
        [{ Bool: { 'aws:SecureTransport': 'false' } }, { NumericLessThan: { 's3:TlsVersion': 1.2 } }],
        bucket,
      );
    }
  });

  it('denies object access that does not come through the S3 interface endpoint, for data actions only', () => {
    const [deny] = bucketPolicy(json, BUCKET).filter((s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoint');
    assert.equal(deny!.Effect, 'Deny');
    // The replication role reads the objects it replicates from S3's side, not through the endpoint.
    assert.deepEqual(deny!.Condition, {
      StringNotEquals: { 'aws:SourceVpce': { Ref: 'NetworkS3InterfaceF4C41845' } },
      ArnNotEquals: { 'aws:PrincipalArn': REPLICATION_ROLE },
    });
    const single = synth({ backup: { replicaRegion: 'none' } });
    const [alone] = bucketPolicy(single.json, BUCKET).filter(
      (s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoint',
    );
    assert.deepEqual(alone!.Condition, {
      StringNotEquals: { 'aws:SourceVpce': { Ref: 'NetworkS3InterfaceF4C41845' } },
    });
    assert.deepEqual(deny!.Action, [...DATA_ACTIONS].sort());
    assert.ok(
      !(deny!.Action as string[]).some(
        (a) => a === 's3:*' || /Bucket(Policy|Encryption|Versioning|Lifecycle)/.test(a),
      ),
    );
  });

  it('exempts the named break-glass role and the replication role from the endpoint condition, and only them', () => {
    const glass = synth({ backup: { breakGlassRoleArn: 'arn:aws:iam::111111111111:role/break-glass' } });
    const [deny] = bucketPolicy(glass.json, BUCKET).filter(
      (s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoint',
    );
    assert.deepEqual(deny!.Condition, {
      StringNotEquals: { 'aws:SourceVpce': { Ref: 'NetworkS3InterfaceF4C41845' } },
      ArnNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/break-glass', REPLICATION_ROLE] },
    });
  });

  it('moves backups to Standard-IA, expires noncurrent versions and aborts stale multipart uploads', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'weaviate-backups-111111111111-us-east-1',
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'backups',
            Status: 'Enabled',
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
    });
  });

  it('logs access to a separate SSE-S3 bucket that expires the logs', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'weaviate-backups-111111111111-us-east-1',
      LoggingConfiguration: {
        DestinationBucketName: { Ref: LOGS },
        LogFilePrefix: 'weaviate-backups-111111111111-us-east-1/',
      },
    });
    const logs = json.Resources[LOGS]!.Properties!;
    assert.deepEqual(logs.BucketEncryption, {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    assert.equal(
      (logs.LifecycleConfiguration as { Rules: { ExpirationInDays: number }[] }).Rules[0]!.ExpirationInDays,
      365,
    );
  });

  it('enables Object Lock only when asked, with the chosen mode and retention', () => {
    assert.equal(json.Resources[BUCKET]!.Properties!.ObjectLockEnabled, undefined);
    const locked = synth({
      backup: {
        objectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 7 },
        replicaObjectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 7 },
      },
    });
    locked.template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 7 } },
      },
    });
  });
});

describe("Weaviate's backup role", () => {
  it('trusts EKS Pod Identity for the weaviate service account of this cluster only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Effect: 'Allow',
            Principal: { Service: 'pods.eks.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': '111111111111',
                'aws:RequestTag/eks-cluster-name': 'weaviate',
                'aws:RequestTag/kubernetes-namespace': 'weaviate',
                'aws:RequestTag/kubernetes-service-account': 'weaviate',
              },
            },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', {
      ClusterName: { Ref: 'EksClusterB2BDED5B' },
      Namespace: 'weaviate',
      ServiceAccount: 'weaviate',
      RoleArn: { 'Fn::GetAtt': ['BackupsWeaviateBackupRoleDD743DC3', 'Arn'] },
    });
  });

  it("may touch only the bucket's prefix and the backup key, through a customer-managed policy", () => {
    const [[, policy]] = resourcesOf(json, 'AWS::IAM::ManagedPolicy').filter(([id]) =>
      id.startsWith('BackupsWeaviateBackupPolicy'),
    );
    const statements = (policy!.Properties!.PolicyDocument as { Statement: Statement[] }).Statement;
    assert.deepEqual(
      statements.map((s) => [s.Sid, JSON.stringify(s.Resource)]),
      [
        [
          'BackupObjects',
          JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [BUCKET, 'Arn'] }, '/weaviate/*']] }),
        ],
        ['ListBackupPrefix', JSON.stringify({ 'Fn::GetAtt': [BUCKET, 'Arn'] })],
        ['BackupKey', JSON.stringify({ 'Fn::GetAtt': ['KeysBackup13AD9A0E', 'Arn'] })],
      ],
    );
    assert.deepEqual(statements[1]!.Condition, { StringLike: { 's3:prefix': ['weaviate', 'weaviate/*'] } });
    assert.deepEqual(statements[2]!.Condition, {
      StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
    });
    assert.deepEqual(policy!.Properties!.Roles, [{ Ref: 'BackupsWeaviateBackupRoleDD743DC3' }]);
    const inline = resourcesOf(json, 'AWS::IAM::Policy').filter(([id]) =>
      id.startsWith('BackupsWeaviateBackupRole'),
    );
    assert.deepEqual(inline, []);
  });

  it('follows backup.prefix', () => {
    const custom = synth({ backup: { prefix: 'prod/weaviate' } });
    const [[, policy]] = resourcesOf(custom.json, 'AWS::IAM::ManagedPolicy').filter(([id]) =>
      id.startsWith('BackupsWeaviateBackupPolicy'),
    );
    assert.match(JSON.stringify(policy!.Properties!.PolicyDocument), /\/prod\/weaviate\/\*/);
  });

  it('declares its backup prefix in a tag, which VF-DATA-020 holds the replication filter to', () => {
    const prefixTag = (t: CfnTemplate) =>
      (t.Resources[BUCKET]!.Properties!.Tags as { Key: string; Value: string }[]).find(
        (tag) => tag.Key === 'vectorfort:backup-prefix',
      )?.Value;
    assert.equal(prefixTag(json), 'weaviate/');
    assert.equal(prefixTag(synth({ backup: { prefix: 'prod/weaviate' } }).json), 'prod/weaviate/');
  });
});
