/** Log groups: retention and KMS key. */
import { paginateDescribeLogGroups, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import { allPages, defined, emptyOutput, type ReaderOutput } from '../live.js';

export async function readLogGroups(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<CloudWatchLogsClient>('logs');
  await Promise.all(
    names.map(async (name) => {
      const listed = await session.call(
        OPS.describeLogGroups,
        async () =>
          (await allPages(paginateDescribeLogGroups({ client }, { logGroupNamePrefix: name }))).flatMap(
            (p) => p.logGroups ?? [],
          ),
        { subject: name },
      );
      if (!listed.ok) {
        output.notRead.push({
          type: 'AWS::Logs::LogGroup',
          physicalIds: [name],
          reason: listed.failure.message,
          record: listed.record,
        });
        return;
      }
      const group = listed.value?.find((g) => g.logGroupName === name);
      if (group)
        output.resources.push({
          type: 'AWS::Logs::LogGroup',
          physicalId: name,
          ...(group.arn ? { arn: group.arn.replace(/:\*$/, '') } : {}),
          properties: defined({
            LogGroupName: name,
            RetentionInDays: group.retentionInDays,
            KmsKeyId: group.kmsKeyId,
          }),
          calls: [listed.record],
        });
    }),
  );
  return output;
}
