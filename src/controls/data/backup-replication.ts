/**
 * Backup buckets replicate to a bucket in another region under Replication Time Control, the replicas encrypted
 * with a customer-managed key, and deletions (delete markers) stay in the source; an enabled rule covers the
 * backups (the whole bucket, or the prefix the bucket declares for them).
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import {
  isObject,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  result,
  show,
  stringOf,
  target,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { keyReference } from './key-reference.js';
import { replicationRules, RULES_PATH } from './replication-rules.js';
import { coversBackups } from './replication-scope.js';
import { bucketByArn, isBackupBucket } from './s3.js';
import { differentRegions } from './stack-region.js';

type Rule = { readonly [key: string]: unknown };

/** A rule's verdict, or the reason it could not be judged. */
type RuleVerdict =
  | { readonly status: 'pass'; readonly message: string; readonly rule: Rule; readonly path: string }
  | { readonly status: 'fail' | 'unknown'; readonly message: string; readonly path: string };

function statusOf(v: unknown, what: string): string | undefined | { unknown: string } {
  const s = stringOf(v as never, what);
  return isUnknownValue(s) ? { unknown: `${what}: ${s.reason}` } : s;
}

/** The replica's encryption: the rule's ReplicaKmsKeyID, or else the destination bucket's default key. */
function replicaEncryption(
  inventory: Inventory,
  destination: Rule,
  path: string,
): RuleVerdict | { readonly key: string } {
  const encryption = destination.EncryptionConfiguration;
  if (isUnknownValue(encryption))
    return {
      status: 'unknown',
      message: `EncryptionConfiguration: ${encryption.reason}`,
      path: `${path}.Destination.EncryptionConfiguration`,
    };
  const named = isObject(encryption as never) ? (encryption as Rule).ReplicaKmsKeyID : undefined;
  if (named !== undefined) {
    const key = keyReference(inventory, named as never);
    const at = `${path}.Destination.EncryptionConfiguration.ReplicaKmsKeyID`;
    if (key.kind === 'customer') return { key: key.text };
    if (key.kind === 'undetermined')
      return { status: 'unknown', message: `ReplicaKmsKeyID: ${key.reason}`, path: at };
    return {
      status: 'fail',
      message: `replicas are encrypted with ${key.kind === 'aws-managed' ? `the AWS-managed key ${key.text}` : 'no key'}`,
      path: at,
    };
  }
  const bucket = target(inventory, destination.Bucket as never);
  const at = `${path}.Destination.Bucket`;
  if (!bucket)
    return {
      status: 'unknown',
      message: `the rule names no ReplicaKmsKeyID and the destination ${show(destination.Bucket as never)} is not in the input, so the replicas' encryption is not determined`,
      path: at,
    };
  const rules = listOf(prop(bucket, 'BucketEncryption.ServerSideEncryptionConfiguration'), 'encryption');
  if (isUnknownValue(rules))
    return {
      status: 'unknown',
      message: `the destination ${bucket.key}'s encryption: ${rules.reason}`,
      path: at,
    };
  const first = Array.isArray(rules) ? rules[0] : undefined;
  const byDefault = isObject(first) ? first.ServerSideEncryptionByDefault : undefined;
  const key = keyReference(inventory, isObject(byDefault) ? byDefault.KMSMasterKeyID : undefined);
  if (key.kind === 'customer') return { key: key.text };
  if (key.kind === 'undetermined')
    return { status: 'unknown', message: `the destination ${bucket.key}'s key: ${key.reason}`, path: at };
  return {
    status: 'fail',
    message: `the rule names no ReplicaKmsKeyID and the destination ${bucket.key} has no customer-managed default key`,
    path: at,
  };
}

/** The destination bucket's region, when it is a bucket of the input in another region than the source. */
function destinationRegion(
  inventory: Inventory,
  source: CfnResource,
  destination: Rule,
  path: string,
): Exclude<RuleVerdict, { status: 'pass' }> | { readonly region: string } {
  const at = `${path}.Destination.Bucket`;
  const value = destination.Bucket;
  if (isUnknownValue(value))
    return { status: 'unknown', message: `Destination.Bucket: ${value.reason}`, path: at };
  const bucket = target(inventory, value as never) ?? bucketByArn(inventory, value as never);
  if (!bucket || bucket.type !== 'AWS::S3::Bucket')
    return {
      status: 'unknown',
      message: `the destination ${show(value as never)} is not a bucket in the input, so its region is not determined`,
      path: at,
    };
  const regions = differentRegions(inventory, source, bucket);
  if (isUnknownValue(regions))
    return {
      status: 'unknown',
      message: `the destination ${bucket.key}'s region: ${regions.reason}`,
      path: at,
    };
  if (!regions)
    return {
      status: 'fail',
      message: `the destination ${bucket.key} is in the source's region: one regional outage takes both copies`,
      path: at,
    };
  return { region: regions.there };
}

function judgeRule(inventory: Inventory, source: CfnResource, rule: Rule, path: string): RuleVerdict {
  const destination = rule.Destination;
  if (!isObject(destination as never))
    return {
      status: 'unknown',
      message: `the destination is ${show(destination as never)}`,
      path: `${path}.Destination`,
    };
  const dest = destination as Rule;

  for (const [field, value] of [
    ['DeleteMarkerReplication', rule.DeleteMarkerReplication],
    ['Filter', rule.Filter],
    ['Destination.ReplicationTime', dest.ReplicationTime],
    ['Destination.Metrics', dest.Metrics],
  ] as const)
    if (isUnknownValue(value))
      return { status: 'unknown', message: `${field}: ${value.reason}`, path: `${path}.${field}` };

  const deleteMarkers = isObject(rule.DeleteMarkerReplication as never)
    ? statusOf((rule.DeleteMarkerReplication as Rule).Status, 'DeleteMarkerReplication.Status')
    : undefined;
  const markersAt = `${path}.DeleteMarkerReplication.Status`;
  if (typeof deleteMarkers === 'object')
    return { status: 'unknown', message: deleteMarkers.unknown, path: markersAt };
  if (deleteMarkers === 'Enabled')
    return {
      status: 'fail',
      message: 'delete markers replicate: a deletion in the source also hides the replica',
      path: markersAt,
    };
  // A rule without Filter is the V1 schema, in which S3 replicates delete markers.
  if (deleteMarkers === undefined && rule.Filter == null)
    return {
      status: 'fail',
      message: 'a rule without Filter (the V1 schema) replicates delete markers',
      path,
    };

  const rtc = isObject(dest.ReplicationTime as never)
    ? statusOf((dest.ReplicationTime as Rule).Status, 'ReplicationTime.Status')
    : undefined;
  const rtcAt = `${path}.Destination.ReplicationTime.Status`;
  if (typeof rtc === 'object') return { status: 'unknown', message: rtc.unknown, path: rtcAt };
  if (rtc !== 'Enabled')
    return {
      status: 'fail',
      message: 'Replication Time Control is off: nothing bounds how far the replica lags',
      path: rtcAt,
    };
  const metrics = isObject(dest.Metrics as never)
    ? statusOf((dest.Metrics as Rule).Status, 'Metrics.Status')
    : undefined;
  const metricsAt = `${path}.Destination.Metrics.Status`;
  if (typeof metrics === 'object') return { status: 'unknown', message: metrics.unknown, path: metricsAt };
  if (metrics !== 'Enabled')
    return {
      status: 'fail',
      message: 'replication metrics are off: a lagging or failing replication raises no alarm',
      path: metricsAt,
    };

  const encryption = replicaEncryption(inventory, dest, path);
  if ('status' in encryption) return encryption;
  const region = destinationRegion(inventory, source, dest, path);
  if ('status' in region) return region;
  return {
    status: 'pass',
    message: `replicates to ${show(dest.Bucket as never)} in ${region.region} with Replication Time Control, encrypted with ${encryption.key}, delete markers kept in the source`,
    rule,
    path,
  };
}

function check(inventory: Inventory, b: CfnResource): ControlResult {
  if (!isBackupBucket(inventory, b)) return result(b, 'not-applicable', 'not a backup bucket');
  const rules = replicationRules(b);
  if (rules.kind === 'absent')
    return result(
      b,
      'fail',
      'no replication configuration: the backups exist in one region only',
      'ReplicationConfiguration',
    );
  if (rules.kind === 'undetermined') return result(b, 'unknown', rules.message, rules.path);
  const verdicts: RuleVerdict[] = [
    ...rules.undetermined.map((u) => ({ status: 'unknown' as const, ...u })),
    ...rules.enabled.map(({ rule, path }) => judgeRule(inventory, b, rule, path)),
  ];
  // Every enabled rule must be sound: one rule replicating delete markers empties its replica whatever the others do.
  const failed = verdicts.find((v) => v.status === 'fail');
  if (failed && failed.status === 'fail') return result(b, 'fail', failed.message, failed.path);
  const undetermined = verdicts.find((v) => v.status === 'unknown');
  if (undetermined && undetermined.status === 'unknown')
    return result(b, 'unknown', undetermined.message, undetermined.path);
  const passed = verdicts.filter((v) => v.status === 'pass');
  if (passed.length === 0) return result(b, 'fail', 'no enabled replication rule', RULES_PATH);
  return coverage(b, passed);
}

/** A sound rule must also copy the backups: one filtered to another prefix replicates nothing of them. */
function coverage(
  b: CfnResource,
  passed: readonly Extract<RuleVerdict, { status: 'pass' }>[],
): ControlResult {
  const missed: string[] = [];
  let undetermined: { message: string; path: string } | undefined;
  for (const v of passed) {
    const covers = coversBackups(b, v.rule.Filter as never);
    if (covers === true) return result(b, 'pass', v.message, 'ReplicationConfiguration');
    const id = typeof v.rule.Id === 'string' ? `rule ${v.rule.Id}` : `rule ${v.path.split('.').pop()}`;
    if (isUnknownValue(covers))
      undetermined ??= { message: `${id}: ${covers.reason}`, path: `${v.path}.Filter` };
    else missed.push(`${id}: ${covers.missed}`);
  }
  if (undetermined)
    return result(
      b,
      'unknown',
      `whether a replication rule covers the backups is not determined: ${undetermined.message}`,
      undetermined.path,
    );
  return result(
    b,
    'fail',
    `no enabled replication rule covers the backups (${missed.join('; ')})`,
    RULES_PATH,
  );
}

export const control: Control = {
  id: 'VF-DATA-020',
  area: 'data',
  title:
    'Backup buckets replicate with Replication Time Control to a CMK-encrypted replica in another region, delete markers not replicated',
  severity: 'high',
  rationale:
    'A single copy of the backups in one region is lost with that region or with one bad delete, and a rule that filters out the backups (another prefix, a tag) or copies them into the same region keeps that single copy. Replication Time Control bounds how far the replica lags (and its metrics make a stalled replication visible), a customer-managed key keeps the replica under the same key control as the source, and leaving delete markers out keeps a deletion in the source from emptying the replica.',
  remediation:
    'Add a ReplicationConfiguration to the backup bucket with an enabled rule (V2 schema, with a Filter selecting the whole bucket or the prefix the bucket declares in its vectorfort:backup-prefix tag) into a bucket in another region, whose DeleteMarkerReplication.Status is Disabled and whose Destination has ReplicationTime and Metrics enabled and EncryptionConfiguration.ReplicaKmsKeyID a customer-managed key in the replica region (vectorfort: backup.replicaRegion).',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/delete-marker-replication.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-11'],
    'iso-27001-2022': ['A.8.13', 'A.8.14'],
    soc2: ['A1.2'],
  },
  appliesTo: ['AWS::S3::Bucket'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => check(inventory, b));
  },
};
