/**
 * Each replication rule of a backup bucket has CloudWatch alarms on its failed operations and its latency that
 * notify an SNS topic: Replication Time Control's metrics only matter when someone hears of a stalled or failing
 * replication.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { Unknown, type SymbolicValue } from '../../inventory/values.js';
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
import { asList, bucketByArn, bucketNameOfArn, isBackupBucket } from './s3.js';

/** The metrics S3 publishes per replication rule that an alarm must watch. */
const METRICS = ['OperationsFailedReplication', 'ReplicationLatency'] as const;

/** What one alarm says about a rule's metric: it watches it and notifies, or why it cannot be told. */
type AlarmMatch = 'notifies' | 'silent' | 'other' | Unknown;

/** The value of an alarm's dimension `name`; undefined when it has none, Unknown when the list is undetermined. */
function dimension(alarm: CfnResource, name: string): SymbolicValue | undefined {
  const dimensions = listOf(prop(alarm, 'Dimensions'), 'Dimensions');
  if (isUnknownValue(dimensions)) return dimensions;
  for (const d of dimensions ?? []) {
    if (!isObject(d) || typeof d.Name !== 'string') return new Unknown(`a dimension is ${show(d)}`);
    if (d.Name === name) return d.Value;
  }
  return undefined;
}

/** Whether a dimension value names `bucket` (given as a resource of the input or a literal ARN). */
function namesBucket(
  value: SymbolicValue | undefined,
  bucket: CfnResource | undefined,
  written: SymbolicValue | undefined,
): boolean | Unknown {
  if (value === undefined) return false;
  if (isUnknownValue(value)) return value;
  if (bucket) return identifies(value, bucket, 'BucketName');
  const name = bucketNameOfArn(written);
  if (name !== undefined && typeof value === 'string') return value === name;
  return new Unknown(`the destination ${show(written)} and the dimension ${show(value)} cannot be compared`);
}

/** Whether an alarm action publishes to an SNS topic (a topic of the input or a literal topic ARN). */
function publishesToTopic(inventory: Inventory, action: SymbolicValue): boolean | Unknown {
  if (isUnknownValue(action)) return action;
  const resource = target(inventory, action);
  if (resource) return resource.type === 'AWS::SNS::Topic';
  if (typeof action === 'string') return /^arn:[^:]+:sns:/.test(action);
  return new Unknown(`the action ${show(action)} is not determined`);
}

function judgeAlarm(
  inventory: Inventory,
  alarm: CfnResource,
  source: CfnResource,
  ruleId: string,
  destination: { readonly bucket: CfnResource | undefined; readonly written: SymbolicValue | undefined },
  metric: string,
): AlarmMatch {
  const unknown = (what: string, reason: string) => new Unknown(`${alarm.key}${what}: ${reason}`);
  const namespace = stringOf(prop(alarm, 'Namespace'), 'Namespace');
  if (isUnknownValue(namespace)) return unknown('', namespace.reason);
  const metricName = stringOf(prop(alarm, 'MetricName'), 'MetricName');
  if (isUnknownValue(metricName)) return unknown('', metricName.reason);
  // A metric-math alarm (Metrics) is not read here: it is not evidence either way.
  if (namespace !== 'AWS/S3' || metricName !== metric) return 'other';
  const rule = dimension(alarm, 'RuleId');
  if (isUnknownValue(rule)) return unknown(' RuleId', rule.reason);
  if (rule !== ruleId)
    return typeof rule === 'string' || rule === undefined
      ? 'other'
      : unknown(' RuleId', `it is ${show(rule)}`);
  for (const [name, bucket, written] of [
    ['SourceBucket', source, undefined],
    ['DestinationBucket', destination.bucket, destination.written],
  ] as const) {
    const same = namesBucket(dimension(alarm, name), bucket, written);
    if (isUnknownValue(same)) return unknown(` ${name}`, same.reason);
    if (!same) return 'other';
  }
  if (!certain(alarm)) return new Unknown(`${alarm.key} has a Condition that cannot be evaluated`);
  const enabled = boolOf(prop(alarm, 'ActionsEnabled'), 'ActionsEnabled');
  if (isUnknownValue(enabled)) return unknown('', enabled.reason);
  if (enabled === false) return 'silent';
  const actions = listOf(prop(alarm, 'AlarmActions'), 'AlarmActions');
  if (isUnknownValue(actions)) return unknown('', actions.reason);
  let undetermined: Unknown | undefined;
  for (const action of asList(actions as SymbolicValue | undefined)) {
    const topic = publishesToTopic(inventory, action);
    if (topic === true) return 'notifies';
    if (isUnknownValue(topic)) undetermined ??= unknown('', topic.reason);
  }
  return undetermined ?? 'silent';
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
    else if (isUnknownValue(match)) undetermined ??= match.reason;
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
