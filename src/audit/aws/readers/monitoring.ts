/**
 * What watches and routes: CloudWatch alarms, log metric filters, the log resource policies that let services
 * deliver to log groups, EventBridge rules with their targets, SSM parameters (their type and key, never their
 * value), ACM certificates and Security Hub standards.
 */
import { paginateDescribeAlarms, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  DescribeResourcePoliciesCommand,
  paginateDescribeMetricFilters,
  type CloudWatchLogsClient,
  type ResourcePolicy,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeRuleCommand,
  ListTargetsByRuleCommand,
  type EventBridgeClient,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { paginateDescribeParameters, type SSMClient } from '@aws-sdk/client-ssm';
import { DescribeCertificateCommand, type ACMClient } from '@aws-sdk/client-acm';
import { paginateGetEnabledStandards, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import { allPages, defined, emptyOutput, parsePolicy, undetermined, type ReaderOutput } from '../live.js';
import { merge, readEach, unreadAll } from './each.js';

export const MONITORING_TYPES = [
  'AWS::CloudWatch::Alarm',
  'AWS::Logs::MetricFilter',
  'AWS::Logs::ResourcePolicy',
  'AWS::Events::Rule',
  'AWS::SSM::Parameter',
  'AWS::CertificateManager::Certificate',
  'AWS::SecurityHub::Standard',
] as const;

const BATCH = 50;

function batches<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function readMonitoring(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  return merge(
    await Promise.all([
      readAlarms(session, ids('AWS::CloudWatch::Alarm')),
      readMetricFilters(session, ids('AWS::Logs::MetricFilter')),
      readLogResourcePolicies(session, ids('AWS::Logs::ResourcePolicy')),
      readRules(session, ids('AWS::Events::Rule')),
      readParameters(session, ids('AWS::SSM::Parameter')),
      readCertificates(session, ids('AWS::CertificateManager::Certificate')),
      readStandards(session, ids('AWS::SecurityHub::Standard')),
    ]),
  );
}

async function readAlarms(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (names.length === 0) return output;
  const client = await session.client<CloudWatchClient>('cloudwatch');
  for (const batch of batches(names)) {
    const listed = await session.call(OPS.describeAlarms, async () =>
      (await allPages(paginateDescribeAlarms({ client }, { AlarmNames: batch }))).flatMap(
        (p) => p.MetricAlarms ?? [],
      ),
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::CloudWatch::Alarm', batch, listed).notRead);
      continue;
    }
    for (const a of listed.value ?? [])
      output.resources.push({
        type: 'AWS::CloudWatch::Alarm',
        physicalId: a.AlarmName!,
        ...(a.AlarmArn ? { arn: a.AlarmArn } : {}),
        properties: defined({
          AlarmName: a.AlarmName,
          ActionsEnabled: a.ActionsEnabled,
          AlarmActions: a.AlarmActions,
          OKActions: a.OKActions,
          InsufficientDataActions: a.InsufficientDataActions,
          MetricName: a.MetricName,
          Namespace: a.Namespace,
          Statistic: a.Statistic,
          Threshold: a.Threshold,
          ComparisonOperator: a.ComparisonOperator,
          EvaluationPeriods: a.EvaluationPeriods,
          Period: a.Period,
          TreatMissingData: a.TreatMissingData,
          Dimensions: a.Dimensions?.map((d) => defined({ Name: d.Name, Value: d.Value })),
        }),
        calls: [listed.record],
      });
  }
  return output;
}

/** Metric filters are listed by name prefix (the physical id is the filter's name) and matched exactly. */
async function readMetricFilters(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  if (names.length === 0) return emptyOutput();
  const client = await session.client<CloudWatchLogsClient>('logs');
  return readEach('AWS::Logs::MetricFilter', names, async (filterNamePrefix) => {
    const listed = await session.call(
      OPS.describeMetricFilters,
      async () =>
        (await allPages(paginateDescribeMetricFilters({ client }, { filterNamePrefix }))).flatMap(
          (p) => p.metricFilters ?? [],
        ),
      { subject: filterNamePrefix },
    );
    if (!listed.ok) return { failed: listed };
    const f = (listed.value ?? []).find((m) => m.filterName === filterNamePrefix);
    if (!f) return undefined;
    return [
      {
        type: 'AWS::Logs::MetricFilter',
        physicalId: filterNamePrefix,
        properties: defined({
          FilterName: f.filterName,
          LogGroupName: f.logGroupName,
          FilterPattern: f.filterPattern,
          MetricTransformations: (f.metricTransformations ?? []).map((t) =>
            defined({
              MetricName: t.metricName,
              MetricNamespace: t.metricNamespace,
              MetricValue: t.metricValue,
              DefaultValue: t.defaultValue,
            }),
          ),
        }),
        calls: [listed.record],
      },
    ];
  });
}

/**
 * The account's log resource policies (a region holds at most ten) are listed once and matched by name, the
 * physical id.
 */
async function readLogResourcePolicies(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (names.length === 0) return output;
  const client = await session.client<CloudWatchLogsClient>('logs');
  const listed = await session.call(OPS.describeResourcePolicies, async () => {
    // The SDK has no paginator for this operation: follow nextToken by hand.
    const all: ResourcePolicy[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new DescribeResourcePoliciesCommand({ nextToken }));
      all.push(...(page.resourcePolicies ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return all;
  });
  if (!listed.ok) return unreadAll('AWS::Logs::ResourcePolicy', names, listed);
  const wanted = new Set(names);
  for (const p of listed.value ?? [])
    if (p.policyName && wanted.has(p.policyName))
      output.resources.push({
        type: 'AWS::Logs::ResourcePolicy',
        physicalId: p.policyName,
        properties: defined({
          PolicyName: p.policyName,
          PolicyDocument: p.policyDocument ? (parsePolicy(p.policyDocument) as SymbolicValue) : undefined,
        }),
        calls: [listed.record],
      });
  return output;
}

/** A rule's physical id is its name, or `bus|name` on a bus other than the default. */
async function readRules(session: AwsSession, ids: readonly string[]): Promise<ReaderOutput> {
  if (ids.length === 0) return emptyOutput();
  const client = await session.client<EventBridgeClient>('events');
  return readEach('AWS::Events::Rule', ids, async (id) => {
    const [EventBusName, Name] = id.includes('|') ? id.split('|', 2) : [undefined, id];
    const input = { Name: Name!, ...(EventBusName ? { EventBusName } : {}) };
    const got = await session.call(OPS.describeRule, () => client.send(new DescribeRuleCommand(input)), {
      subject: id,
      absent: ['ResourceNotFoundException'],
    });
    if (!got.ok) return { failed: got };
    const r = got.value;
    if (!r?.Name) return undefined;
    const targets = await session.call(
      OPS.listTargetsByRule,
      async () => {
        // The SDK has no paginator for this operation: follow NextToken by hand.
        const all: Target[] = [];
        let NextToken: string | undefined;
        do {
          const page = await client.send(
            new ListTargetsByRuleCommand({
              Rule: r.Name!,
              ...(EventBusName ? { EventBusName } : {}),
              NextToken,
            }),
          );
          all.push(...(page.Targets ?? []));
          NextToken = page.NextToken;
        } while (NextToken);
        return all;
      },
      { subject: id },
    );
    return [
      {
        type: 'AWS::Events::Rule',
        physicalId: id,
        ...(r.Arn ? { arn: r.Arn } : {}),
        properties: defined({
          Name: r.Name,
          EventBusName: r.EventBusName,
          State: r.State,
          ScheduleExpression: r.ScheduleExpression,
          EventPattern: r.EventPattern ? (parsePolicy(r.EventPattern) as SymbolicValue) : undefined,
          Targets: targets.ok
            ? (targets.value ?? []).map((t) => defined({ Id: t.Id, Arn: t.Arn, RoleArn: t.RoleArn }))
            : undetermined(targets.failure),
        }),
        calls: [got.record, targets.record],
      },
    ];
  });
}

async function readParameters(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (names.length === 0) return output;
  const client = await session.client<SSMClient>('ssm');
  for (const batch of batches(names)) {
    const listed = await session.call(OPS.describeParameters, async () =>
      (
        await allPages(
          paginateDescribeParameters(
            { client },
            { ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: batch }] },
          ),
        )
      ).flatMap((p) => p.Parameters ?? []),
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::SSM::Parameter', batch, listed).notRead);
      continue;
    }
    for (const p of listed.value ?? [])
      if (p.Name)
        output.resources.push({
          type: 'AWS::SSM::Parameter',
          physicalId: p.Name,
          properties: defined({ Name: p.Name, Type: p.Type, Tier: p.Tier, DataType: p.DataType }),
          calls: [listed.record],
        });
  }
  return output;
}

async function readCertificates(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  if (arns.length === 0) return emptyOutput();
  const client = await session.client<ACMClient>('acm');
  return readEach('AWS::CertificateManager::Certificate', arns, async (CertificateArn) => {
    const got = await session.call(
      OPS.describeCertificate,
      () => client.send(new DescribeCertificateCommand({ CertificateArn })),
      { subject: CertificateArn, absent: ['ResourceNotFoundException'] },
    );
    if (!got.ok) return { failed: got };
    const c = got.value?.Certificate;
    if (!c) return undefined;
    return [
      {
        type: 'AWS::CertificateManager::Certificate',
        physicalId: CertificateArn,
        properties: defined({
          DomainName: c.DomainName,
          SubjectAlternativeNames: c.SubjectAlternativeNames,
          ValidationMethod: c.DomainValidationOptions?.[0]?.ValidationMethod,
          KeyAlgorithm: c.KeyAlgorithm,
          CertificateTransparencyLoggingPreference: c.Options?.CertificateTransparencyLoggingPreference,
        }),
        calls: [got.record],
      },
    ];
  });
}

/** The standards enabled in the account, matched to the stacks' subscriptions by ARN. */
async function readStandards(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (arns.length === 0) return output;
  const client = await session.client<SecurityHubClient>('securityhub');
  const listed = await session.call(OPS.getEnabledStandards, async () =>
    (await allPages(paginateGetEnabledStandards({ client }, {}))).flatMap(
      (p) => p.StandardsSubscriptions ?? [],
    ),
  );
  if (!listed.ok) return unreadAll('AWS::SecurityHub::Standard', arns, listed);
  const wanted = new Set(arns);
  for (const s of listed.value ?? [])
    if (
      s.StandardsSubscriptionArn &&
      wanted.has(s.StandardsSubscriptionArn) &&
      s.StandardsStatus !== 'DELETING'
    )
      output.resources.push({
        type: 'AWS::SecurityHub::Standard',
        physicalId: s.StandardsSubscriptionArn,
        properties: defined({ StandardsArn: s.StandardsArn, StandardsStatus: s.StandardsStatus }),
        calls: [listed.record],
      });
  return output;
}
