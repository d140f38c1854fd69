/**
 * Log groups: retention and KMS key. The account's groups are listed once (paginated) and matched by name: one
 * operation whatever the number of groups, where one call per group would cost a call per group.
 */
import { paginateDescribeLogGroups, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import { allPages, defined, emptyOutput, type ReaderOutput } from '../live.js';

export async function readLogGroups(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (names.length === 0) return output;
  const client = await session.client<CloudWatchLogsClient>('logs');
  const listed = await session.call(OPS.describeLogGroups, async () =>
    (await allPages(paginateDescribeLogGroups({ client }, {}))).flatMap((p) => p.logGroups ?? []),
  );
  if (!listed.ok) {
    output.notRead.push({
      type: 'AWS::Logs::LogGroup',
      physicalIds: names,
      reason: listed.failure.message,
      record: listed.record,
    });
    return output;
  }
  const wanted = new Set(names);
  for (const group of listed.value ?? [])
    if (group.logGroupName !== undefined && wanted.has(group.logGroupName))
      output.resources.push({
        type: 'AWS::Logs::LogGroup',
        physicalId: group.logGroupName,
        ...(group.arn ? { arn: group.arn.replace(/:\*$/, '') } : {}),
        properties: defined({
          LogGroupName: group.logGroupName,
          RetentionInDays: group.retentionInDays,
          KmsKeyId: group.kmsKeyId,
        }),
        calls: [listed.record],
      });
  return output;
}
