/**
 * Each replication rule of a backup bucket has CloudWatch alarms on its failed operations and its latency that
 * notify an SNS topic: Replication Time Control's metrics only matter when someone hears of a stalled or failing
 * replication.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import {
  boolOf,
  certain,
  identifies,
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
import { replicationRules, RULES_PATH } from './replication-rules.js';
import { asList, bucketByArn, isBackupBucket } from './s3.js';

/** The metrics S3 publishes per replication rule that an alarm must watch. */
const METRICS = ['OperationsFailedReplication', 'ReplicationLatency'] as const;

/** What one alarm says about a rule's metric: it watches it and notifies, or why it cannot be told. */
type AlarmMatch = 'notifies' | 'silent' | 'other' | { readonly unknown: string };

/** The value of an alarm's dimension `name`; undefined when it has none, Unknown when the list is undetermined. */
function dimension(alarm: CfnResource, name: string): SymbolicValue | undefined | { unknown: string } {
  const dimensions = listOf(prop(alarm, 'Dimensions'), 'Dimensions');
  if (isUnknownValue(dimensions)) return { unknown: dimensions.reason };
  for (const d of dimensions ?? []) {
    if (!isObject(d) || typeof d.Name !== 'string') return { unknown: `a dimension is ${show(d)}` };
    if (d.Name === name) return d.Value;
  }
  return undefined;
}

/** Whether a dimension value names `bucket` (given as a resource of the input or a literal ARN). */
function namesBucket(
  value: SymbolicValue | undefined,
  bucket: CfnResource | undefined,
  written: SymbolicValue | undefined,
): boolean | { unknown: string } {
  if (value === undefined) return false;
  if (bucket) {
    const same = identifies(value, bucket, 'BucketName');
    return isUnknownValue(same) ? { unknown: same.reason } : same;
  }
  const name = typeof written === 'string' ? /^arn:[^:]+:s3:::([^/]+)$/.exec(written)?.[1] : undefined;
  if (name !== undefined && typeof value === 'string') return value === name;
  return { unknown: `the destination ${show(written)} and the dimension ${show(value)} cannot be compared` };
}

/** Whether an alarm action publishes to an SNS topic (a topic of the input or a literal topic ARN). */
function publishesToTopic(inventory: Inventory, action: SymbolicValue): boolean | { unknown: string } {
  if (isUnknownValue(action)) return { unknown: action.reason };
  const resource = target(inventory, action);
  if (resource) return resource.type === 'AWS::SNS::Topic';
  if (typeof action === 'string') return /^arn:[^:]+:sns:/.test(action);
  return { unknown: `the action ${show(action)} is not determined` };
}

function judgeAlarm(
  inventory: Inventory,
  alarm: CfnResource,
  source: CfnResource,
  ruleId: string,
  destination: { readonly bucket: CfnResource | undefined; readonly written: SymbolicValue | undefined },
  metric: string,
): AlarmMatch {
  const fields = [
    ['Namespace', stringOf(prop(alarm, 'Namespace'), 'Namespace')],
    ['MetricName', stringOf(prop(alarm, 'MetricName'), 'MetricName')],
  ] as const;
  for (const [, v] of fields) if (isUnknownValue(v)) return { unknown: `${alarm.key}: ${v.reason}` };
  const [[, namespace], [, metricName]] = fields;
  // A metric-math alarm (Metrics) is not read here: it is not evidence either way.
  if (namespace !== 'AWS/S3' || metricName !== metric) return 'other';
  const rule = dimension(alarm, 'RuleId');
  if (isObject(rule) && 'unknown' in rule) return { unknown: `${alarm.key}: ${String(rule.unknown)}` };
  if (isUnknownValue(rule)) return { unknown: `${alarm.key} RuleId: ${rule.reason}` };
  if (rule !== ruleId)
    return typeof rule === 'string' || rule === undefined
      ? 'other'
      : { unknown: `${alarm.key} RuleId is ${show(rule)}` };
  for (const [name, bucket, written] of [
    ['SourceBucket', source, undefined],
    ['DestinationBucket', destination.bucket, destination.written],
  ] as const) {
    const value = dimension(alarm, name);
    if (isObject(value) && 'unknown' in value) return { unknown: `${alarm.key}: ${String(value.unknown)}` };
    const same = namesBucket(value as SymbolicValue | undefined, bucket, written);
    if (typeof same === 'object') return { unknown: `${alarm.key} ${name}: ${same.unknown}` };
    if (!same) return 'other';
  }
  if (!certain(alarm)) return { unknown: `${alarm.key} has a Condition that cannot be evaluated` };
  const enabled = boolOf(prop(alarm, 'ActionsEnabled'), 'ActionsEnabled');
  if (isUnknownValue(enabled)) return { unknown: `${alarm.key}: ${enabled.reason}` };
  if (enabled === false) return 'silent';
  const actions = listOf(prop(alarm, 'AlarmActions'), 'AlarmActions');
  if (isUnknownValue(actions)) return { unknown: `${alarm.key}: ${actions.reason}` };
  let undetermined: string | undefined;
  for (const action of asList(actions as SymbolicValue | undefined)) {
    const topic = publishesToTopic(inventory, action);
    if (topic === true) return 'notifies';
    if (typeof topic === 'object') undetermined ??= `${alarm.key}: ${topic.unknown}`;
  }
  return undetermined ? { unknown: undetermined } : 'silent';
}

/** The rule's verdict for one metric: a notifying alarm, or what is missing. */
function judgeMetric(
  inventory: Inventory,
  source: CfnResource,
  ruleId: string,
  destination: { readonly bucket: CfnResource | undefined; readonly written: SymbolicValue | undefined },
  metric: string,
): { status: 'pass' | 'fail' | 'unknown'; message: string } {
  let silent: string | undefined;
  let undetermined: string | undefined;
  for (const alarm of resourcesOfType(inventory, 'AWS::CloudWatch::Alarm')) {
    const match = judgeAlarm(inventory, alarm, source, ruleId, destination, metric);
    if (match === 'notifies') return { status: 'pass', message: `${alarm.key} on ${metric}` };
    if (match === 'silent') silent ??= alarm.key;
    else if (typeof match === 'object') undetermined ??= match.unknown;
  }
  if (undetermined)
    return { status: 'unknown', message: `whether an alarm watches ${metric}: ${undetermined}` };
  if (silent) return { status: 'fail', message: `${silent} watches ${metric} but notifies no SNS topic` };
  return {
    status: 'fail',
    message: `no alarm on ${metric} (AWS/S3, SourceBucket, DestinationBucket, RuleId)`,
  };
}

function check(inventory: Inventory, b: CfnResource): ControlResult {
  if (!isBackupBucket(inventory, b)) return result(b, 'not-applicable', 'not a backup bucket');
  const rules = replicationRules(b);
  if (rules.kind === 'absent')
    return result(b, 'not-applicable', 'no replication configuration (VF-DATA-020 fails it)');
  if (rules.kind === 'undetermined') return result(b, 'unknown', rules.message, rules.path);
  const outcomes: ControlResult[] = rules.undetermined.map((u) => result(b, 'unknown', u.message, u.path));
  for (const { rule, index: i, path } of rules.enabled) {
    const id = stringOf(rule.Id, 'Id');
    if (typeof id !== 'string') {
      outcomes.push(
        result(
          b,
          'unknown',
          `rule ${i} has ${isUnknownValue(id) ? `an Id that is not determined (${id.reason})` : 'no Id (S3 generates one)'}, so no alarm can be matched to it`,
          `${path}.Id`,
        ),
      );
      continue;
    }
    const written = isObject(rule.Destination) ? rule.Destination.Bucket : undefined;
    const destination = { bucket: target(inventory, written) ?? bucketByArn(inventory, written), written };
    const verdicts = METRICS.map((m) => judgeMetric(inventory, b, id, destination, m));
    const failed = verdicts.find((v) => v.status === 'fail') ?? verdicts.find((v) => v.status === 'unknown');
    outcomes.push(
      failed
        ? result(b, failed.status, `rule ${id}: ${failed.message}`, path)
        : result(b, 'pass', `rule ${id}: ${verdicts.map((v) => v.message).join(', ')}, notifying SNS`, path),
    );
  }
  if (outcomes.length === 0)
    return result(b, 'not-applicable', 'no enabled replication rule (VF-DATA-020 fails it)', RULES_PATH);
  return (
    outcomes.find((o) => o.status === 'fail') ??
    outcomes.find((o) => o.status === 'unknown') ??
    result(b, 'pass', outcomes.map((o) => o.message).join('; '), 'ReplicationConfiguration')
  );
}

export const control: Control = {
  id: 'VF-DATA-022',
  area: 'data',
  title: 'Backup replication rules have alarms on failed operations and latency that notify an SNS topic',
  severity: 'medium',
  rationale:
    'Replication Time Control publishes per-rule metrics, but a replication that stalls or fails (a revoked key grant, a deleted replica bucket, a changed role) is silent unless an alarm watches OperationsFailedReplication and ReplicationLatency and notifies someone: the replica then quietly falls behind until the day it is needed.',
  remediation:
    'For each replication rule, add AWS::CloudWatch::Alarm resources on the AWS/S3 metrics OperationsFailedReplication and ReplicationLatency with the dimensions SourceBucket, DestinationBucket and RuleId of that rule, and AlarmActions that publish to an SNS topic people are subscribed to.',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html#s3-cloudwatch-replication-metrics',
  ],
  frameworks: {
    'nist-csf-2.0': ['DE.CM-09', 'PR.DS-11'],
    'iso-27001-2022': ['A.8.13', 'A.8.16'],
    soc2: ['A1.2', 'CC7.2'],
  },
  appliesTo: ['AWS::S3::Bucket', 'AWS::CloudWatch::Alarm'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::S3::Bucket').map((b) => check(inventory, b));
  },
};
