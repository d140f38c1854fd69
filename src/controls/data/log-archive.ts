/**
 * Log archives are encrypted and reachable only from inside: every bucket a Kinesis Data Firehose delivery
 * stream writes into (log subscriptions, a SIEM stream's failed records) has a customer-managed KMS key as its
 * default encryption and a policy that denies object access from anywhere but the VPC endpoint.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { prop, resourcesOfType, result, show, target } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { pinsToEndpoint } from './backup-vpce-pinned.js';
import { bucketPolicies } from './s3.js';
import { bucketKmsEncryption } from './s3-kms-encryption.js';

/** Where a delivery stream names the buckets it writes into. */
const BUCKET_ARN_PATHS = [
  'ExtendedS3DestinationConfiguration.BucketARN',
  'S3DestinationConfiguration.BucketARN',
  'ExtendedS3DestinationConfiguration.S3BackupConfiguration.BucketARN',
  'HttpEndpointDestinationConfiguration.S3Configuration.BucketARN',
  'SplunkDestinationConfiguration.S3Configuration.BucketARN',
  'ElasticsearchDestinationConfiguration.S3Configuration.BucketARN',
  'AmazonopensearchserviceDestinationConfiguration.S3Configuration.BucketARN',
];

/** The buckets of the input the delivery streams write into, and streams whose bucket is undetermined. */
function archiveBuckets(inventory: Inventory): { buckets: Map<string, CfnResource>; undetermined: string[] } {
  const buckets = new Map<string, CfnResource>();
  const undetermined: string[] = [];
  for (const stream of resourcesOfType(inventory, 'AWS::KinesisFirehose::DeliveryStream'))
    for (const path of BUCKET_ARN_PATHS) {
      const arn = prop(stream, path);
      if (arn === undefined) continue;
      const bucket = target(inventory, arn);
      if (bucket?.type === 'AWS::S3::Bucket') buckets.set(bucket.key, bucket);
      else if (typeof arn !== 'string') undetermined.push(`${stream.logicalId} ${path} ${show(arn)}`);
    }
  return { buckets, undetermined };
}

function pinning(inventory: Inventory, bucket: CfnResource): ControlResult {
  const { statements, undetermined } = bucketPolicies(inventory, bucket);
  for (const s of statements) {
    const pin = pinsToEndpoint(s);
    if (pin) return result(bucket, 'pass', `object access is denied unless ${pin}`);
  }
  if (undetermined.length > 0)
    return result(bucket, 'unknown', `undetermined bucket policies: ${undetermined.join('; ')}`);
  return result(bucket, 'fail', 'nothing denies object access from outside the VPC endpoint');
}

export const control: Control = {
  id: 'VF-DATA-021',
  area: 'data',
  title: 'Log archive buckets are encrypted with a customer-managed key and pinned to the VPC endpoint',
  severity: 'high',
  rationale:
    'A log archive holds every flow, API call and request of the deployment for years: it is what an investigation reads and what an intruder wants to erase or mine. A customer-managed key makes every read a separately granted, logged decrypt, and a policy that refuses object access from outside the VPC endpoint keeps leaked credentials from reading or rewriting it from anywhere else.',
  remediation:
    'Give the bucket a Firehose delivery stream writes into SSE-KMS with a customer-managed key of its own, and a Deny statement for object actions with Principal * and Condition StringNotEquals aws:SourceVpce <the S3 endpoint id>, exempting the delivery role by aws:PrincipalArn (vectorfort: logs.archive.enabled).',
  references: [
    'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-01', 'PR.PS-04'],
    'iso-27001-2022': ['A.8.15', 'A.8.24'],
    soc2: ['CC7.2', 'CC6.1'],
  },
  appliesTo: ['AWS::KinesisFirehose::DeliveryStream', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const { buckets, undetermined } = archiveBuckets(inventory);
    const streams = resourcesOfType(inventory, 'AWS::KinesisFirehose::DeliveryStream');
    const found = [...buckets.values()].map((bucket) => {
      const parts = [bucketKmsEncryption(inventory, bucket), pinning(inventory, bucket)];
      const failing = parts.filter((p) => p.status === 'fail');
      if (failing.length > 0)
        return result(bucket, 'fail', `a log archive: ${failing.map((p) => p.message).join('; ')}`);
      const open = parts.find((p) => p.status === 'unknown');
      if (open) return result(bucket, 'unknown', `a log archive: ${open.message}`);
      return result(bucket, 'pass', `a log archive: ${parts.map((p) => p.message).join('; ')}`);
    });
    const unresolved = undetermined.map((what) =>
      result(
        streams.find((s) => what.startsWith(`${s.logicalId} `))!,
        'unknown',
        `the bucket a delivery stream writes into is not determined by the input: ${what}`,
      ),
    );
    return [...found, ...unresolved];
  },
};
