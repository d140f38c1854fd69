/**
 * The log archive in the synthesized template: a bucket with its own rotated key, Object Lock when asked,
 * expiring after the archive's retention, reachable only through the VPC's S3 endpoint or by the delivery role;
 * every log group of the stack subscribed to the archive stream and the SIEM stream; the SIEM stream decompressing
 * CloudWatch Logs' envelopes and keeping what it fails to deliver in the archive. Off by default.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logicalIdAt, resourcesOf, synth } from './synth-helper.js';

type Json = Record<string, unknown>;

const ARCHIVE = {
  logs: {
    archive: {
      enabled: true,
      expirationDays: 2557,
      objectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 365 },
      siem: { endpointUrl: 'https://siem.example.com/firehose', accessKeySecretName: 'vectorfort/siem/key' },
    },
  },
};

const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe('log archive (logs.archive)', () => {
  const { json } = synth(ARCHIVE);
  const bucketId = logicalIdAt(json, 'LogArchive/Bucket/Resource');
  const keyId = logicalIdAt(json, 'LogArchive/Keys/Logs/Resource');
  const roleId = logicalIdAt(json, 'LogArchive/DeliveryRole/Resource');
  const bucket = json.Resources[bucketId]!.Properties!;

  it('is off by default: no stream, no subscription, no archive bucket', () => {
    const defaults = synth().json;
    assert.equal(resourcesOf(defaults, 'AWS::KinesisFirehose::DeliveryStream').length, 0);
    assert.equal(resourcesOf(defaults, 'AWS::Logs::SubscriptionFilter').length, 0);
  });

  it('encrypts the bucket with its own rotated key, not the logs key, locks and expires its objects', () => {
    assert.notEqual(keyId, logicalIdAt(json, 'vectorfort-weaviate/Keys/Logs/Resource'));
    const key = json.Resources[keyId]!.Properties!;
    assert.equal(key.EnableKeyRotation, true);
    const alias = resourcesOf(json, 'AWS::KMS::Alias').find(([, a]) =>
      JSON.stringify(a.Properties!.TargetKeyId).includes(keyId),
    );
    assert.equal(alias?.[1].Properties!.AliasName, 'alias/weaviate/log-archive');
    const sse = (bucket.BucketEncryption as { ServerSideEncryptionConfiguration: Json[] })
      .ServerSideEncryptionConfiguration[0]!;
    assert.deepEqual(sse.ServerSideEncryptionByDefault, {
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: getAtt(keyId),
    });
    assert.equal(bucket.ObjectLockEnabled, true);
    assert.deepEqual(bucket.ObjectLockConfiguration, {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
    });
    const rules = (bucket.LifecycleConfiguration as { Rules: Json[] }).Rules;
    assert.equal(rules.find((r) => r.Id === 'expire-archived-logs')?.ExpirationInDays, 2557);
    assert.deepEqual(bucket.PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('denies object access except through the S3 endpoint or as the delivery role', () => {
    const [, policy] = resourcesOf(json, 'AWS::S3::BucketPolicy').find(([, p]) =>
      JSON.stringify(p.Properties!.Bucket).includes(bucketId),
    )!;
    const statements = (policy.Properties!.PolicyDocument as { Statement: Json[] }).Statement;
    const pin = statements.find((s) => s.Sid === 'DenyObjectAccessOutsideVpcEndpoint')!;
    assert.equal(pin.Effect, 'Deny');
    assert.deepEqual(pin.Principal, { AWS: '*' });
    assert.deepEqual(pin.Condition, {
      StringNotEquals: { 'aws:SourceVpce': { Ref: logicalIdAt(json, 'Network/S3Interface/Resource') } },
      ArnNotEquals: { 'aws:PrincipalArn': [getAtt(roleId)] },
    });
    assert.ok((pin.Action as string[]).includes('s3:GetObject*'));
    assert.ok((pin.Action as string[]).includes('s3:PutObject*'));
  });

  it('delivers through a stream encrypted with the archive key, keeping CloudWatch Logs records as they come', () => {
    const [, stream] = resourcesOf(json, 'AWS::KinesisFirehose::DeliveryStream').find(
      ([, s]) => s.Properties!.ExtendedS3DestinationConfiguration,
    )!;
    assert.deepEqual(stream.Properties!.DeliveryStreamEncryptionConfigurationInput, {
      KeyARN: getAtt(keyId),
      KeyType: 'CUSTOMER_MANAGED_CMK',
    });
    const s3 = stream.Properties!.ExtendedS3DestinationConfiguration as Json;
    assert.deepEqual(s3.BucketARN, getAtt(bucketId));
    assert.deepEqual(s3.RoleARN, getAtt(roleId));
    assert.equal(s3.Prefix, 'logs/!{timestamp:yyyy/MM/dd/HH}/');
    // CloudWatch Logs already gzips what it sends to a subscription.
    assert.equal(s3.CompressionFormat ?? 'UNCOMPRESSED', 'UNCOMPRESSED');
    assert.deepEqual((s3.EncryptionConfiguration as Json).KMSEncryptionConfig, {
      AWSKMSKeyARN: getAtt(keyId),
    });
  });

  it('sends the same logs, decompressed and extracted, to the SIEM, keeping failures in the archive', () => {
    const [, stream] = resourcesOf(json, 'AWS::KinesisFirehose::DeliveryStream').find(
      ([, s]) => s.Properties!.HttpEndpointDestinationConfiguration,
    )!;
    const http = stream.Properties!.HttpEndpointDestinationConfiguration as Json;
    assert.equal((http.EndpointConfiguration as Json).Url, 'https://siem.example.com/firehose');
    assert.equal(http.S3BackupMode, 'FailedDataOnly');
    assert.deepEqual((http.S3Configuration as Json).BucketARN, getAtt(bucketId));
    const processors = (http.ProcessingConfiguration as { Processors: Json[] }).Processors.map((p) => p.Type);
    assert.deepEqual(processors, ['Decompression', 'CloudWatchLogProcessing']);
    assert.match(JSON.stringify(http.SecretsManagerConfiguration), /vectorfort\/siem\/key/);
  });

  it('subscribes every log group of the stack to both streams, except the streams’ own error log', () => {
    const groups = resourcesOf(json, 'AWS::Logs::LogGroup').map(([id]) => id);
    const delivery = logicalIdAt(json, 'LogArchive/DeliveryLogs/Resource');
    const filters = resourcesOf(json, 'AWS::Logs::SubscriptionFilter');
    assert.ok(groups.length >= 10);
    const subscribed = new Map<string, number>();
    for (const [, f] of filters) {
      assert.equal(f.Properties!.FilterPattern, '');
      const group = (f.Properties!.LogGroupName as { Ref: string }).Ref;
      subscribed.set(group, (subscribed.get(group) ?? 0) + 1);
    }
    assert.deepEqual([...subscribed.keys()].sort(), groups.filter((g) => g !== delivery).sort());
    for (const count of subscribed.values()) assert.equal(count, 2);
    for (const name of [
      '/vectorfort/weaviate/vpc-flow-logs',
      '/aws/eks/weaviate/cluster',
      '/vectorfort/weaviate/cloudtrail',
      '/vectorfort/weaviate/containers',
      '/vectorfort/weaviate/nodes',
    ])
      assert.ok(
        [...subscribed.keys()].some((id) => json.Resources[id]!.Properties!.LogGroupName === name),
        name,
      );
  });
});
