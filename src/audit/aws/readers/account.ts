/**
 * The account-level services the detection controls need, in the audited region: CloudTrail trails,
 * GuardDuty detectors, AWS Config (recorders, delivery channels, rules), Security Hub and Inspector. A service
 * that is not enabled is absent; one whose answer was denied or failed is reported as not read.
 */
import {
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  type CloudTrailClient,
} from '@aws-sdk/client-cloudtrail';
import {
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  type ConfigServiceClient,
  type ConfigRule,
} from '@aws-sdk/client-config-service';
import { GetDetectorCommand, paginateListDetectors, type GuardDutyClient } from '@aws-sdk/client-guardduty';
import { BatchGetAccountStatusCommand, type Inspector2Client } from '@aws-sdk/client-inspector2';
import { DescribeHubCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { Unknown, type SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession, CallRecord } from '../session.js';
import { allPages, defined, emptyOutput, undetermined, type ReaderOutput } from '../live.js';

/** What the audit learnt about Inspector, which no CloudFormation type describes: recorded in the report. */
export interface AccountServiceState {
  readonly service: string;
  readonly state: string;
}

export async function readAccount(
  session: AwsSession,
): Promise<ReaderOutput & { readonly services: AccountServiceState[]; readonly account?: string }> {
  const parts = await Promise.all([
    readTrails(session),
    readDetectors(session),
    readConfig(session),
    readHub(session),
  ]);
  const inspector = await readInspector(session);
  return {
    resources: parts.flatMap((p) => p.resources),
    notRead: parts.flatMap((p) => p.notRead),
    services: inspector.services,
    ...(inspector.account ? { account: inspector.account } : {}),
  };
}

async function readTrails(session: AwsSession): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<CloudTrailClient>('cloudtrail');
  const listed = await session.call(OPS.describeTrails, () =>
    client.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  if (!listed.ok) {
    output.notRead.push({
      type: 'AWS::CloudTrail::Trail',
      physicalIds: [],
      reason: listed.failure.message,
      record: listed.record,
    });
    return output;
  }
  await Promise.all(
    (listed.value?.trailList ?? []).map(async (t) => {
      const status = await session.call(
        OPS.getTrailStatus,
        () => client.send(new GetTrailStatusCommand({ Name: t.TrailARN ?? t.Name })),
        {
          subject: t.Name,
        },
      );
      output.resources.push({
        type: 'AWS::CloudTrail::Trail',
        physicalId: t.Name!,
        ...(t.TrailARN ? { arn: t.TrailARN } : {}),
        properties: defined({
          TrailName: t.Name,
          S3BucketName: t.S3BucketName,
          IsLogging: status.ok ? (status.value?.IsLogging ?? false) : undetermined(status.failure),
          IsMultiRegionTrail: t.IsMultiRegionTrail ?? false,
          EnableLogFileValidation: t.LogFileValidationEnabled ?? false,
          IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? false,
          IsOrganizationTrail: t.IsOrganizationTrail,
          KMSKeyId: t.KmsKeyId,
          CloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn,
          CloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn,
        }),
        calls: [listed.record, status.record],
      });
    }),
  );
  return output;
}

async function readDetectors(session: AwsSession): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<GuardDutyClient>('guardduty');
  const listed = await session.call(OPS.listDetectors, async () =>
    (await allPages(paginateListDetectors({ client }, {}))).flatMap((p) => p.DetectorIds ?? []),
  );
  if (!listed.ok) {
    output.notRead.push({
      type: 'AWS::GuardDuty::Detector',
      physicalIds: [],
      reason: listed.failure.message,
      record: listed.record,
    });
    return output;
  }
  await Promise.all(
    (listed.value ?? []).map(async (DetectorId) => {
      const got = await session.call(
        OPS.getDetector,
        () => client.send(new GetDetectorCommand({ DetectorId })),
        {
          subject: DetectorId,
        },
      );
      if (!got.ok || !got.value) {
        output.notRead.push({
          type: 'AWS::GuardDuty::Detector',
          physicalIds: [DetectorId],
          reason: got.ok ? 'no answer' : got.failure.message,
          record: got.record,
        });
        return;
      }
      const d = got.value;
      output.resources.push({
        type: 'AWS::GuardDuty::Detector',
        physicalId: DetectorId,
        properties: defined({
          Enable: d.Status === 'ENABLED',
          FindingPublishingFrequency: d.FindingPublishingFrequency,
          Features: d.Features?.map((f) =>
            defined({
              Name: f.Name,
              Status: f.Status,
              AdditionalConfiguration: f.AdditionalConfiguration?.map((a) =>
                defined({ Name: a.Name, Status: a.Status }),
              ),
            }),
          ),
        }),
        calls: [listed.record, got.record],
      });
    }),
  );
  return output;
}

async function readConfig(session: AwsSession): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<ConfigServiceClient>('config');
  const [recorders, statuses, channels, rules] = await Promise.all([
    session.call(OPS.describeConfigurationRecorders, () =>
      client.send(new DescribeConfigurationRecordersCommand({})),
    ),
    session.call(OPS.describeConfigurationRecorderStatus, () =>
      client.send(new DescribeConfigurationRecorderStatusCommand({})),
    ),
    session.call(OPS.describeDeliveryChannels, () => client.send(new DescribeDeliveryChannelsCommand({}))),
    session.call(OPS.describeConfigRules, () => allConfigRules(client)),
  ]);
  if (!recorders.ok)
    output.notRead.push({
      type: 'AWS::Config::ConfigurationRecorder',
      physicalIds: [],
      reason: recorders.failure.message,
      record: recorders.record,
    });
  for (const r of (recorders.ok && recorders.value?.ConfigurationRecorders) || []) {
    const status = statuses.ok
      ? statuses.value?.ConfigurationRecordersStatus?.find((s) => s.name === r.name)
      : undefined;
    const recording: SymbolicValue = statuses.ok
      ? (status?.recording ?? false)
      : undetermined(statuses.failure);
    output.resources.push({
      type: 'AWS::Config::ConfigurationRecorder',
      physicalId: r.name!,
      properties: defined({
        Name: r.name,
        RoleARN: r.roleARN,
        RecordingGroup: r.recordingGroup
          ? defined({
              AllSupported: r.recordingGroup.allSupported,
              IncludeGlobalResourceTypes: r.recordingGroup.includeGlobalResourceTypes,
              ResourceTypes: r.recordingGroup.resourceTypes,
            })
          : undefined,
        // Not a CloudFormation property: whether the recorder runs is only known live.
        'vectorfort:Recording': recording instanceof Unknown ? recording : recording,
      }),
      calls: [recorders.record, statuses.record],
    });
  }
  if (!channels.ok)
    output.notRead.push({
      type: 'AWS::Config::DeliveryChannel',
      physicalIds: [],
      reason: channels.failure.message,
      record: channels.record,
    });
  for (const c of (channels.ok && channels.value?.DeliveryChannels) || [])
    output.resources.push({
      type: 'AWS::Config::DeliveryChannel',
      physicalId: c.name!,
      properties: defined({
        Name: c.name,
        S3BucketName: c.s3BucketName,
        S3KeyPrefix: c.s3KeyPrefix,
        SnsTopicARN: c.snsTopicARN,
      }),
      calls: [channels.record],
    });
  if (!rules.ok)
    output.notRead.push({
      type: 'AWS::Config::ConfigRule',
      physicalIds: [],
      reason: rules.failure.message,
      record: rules.record,
    });
  for (const rule of (rules.ok && rules.value) || [])
    output.resources.push({
      type: 'AWS::Config::ConfigRule',
      physicalId: rule.ConfigRuleName!,
      properties: defined({
        ConfigRuleName: rule.ConfigRuleName,
        Source: rule.Source
          ? defined({ Owner: rule.Source.Owner, SourceIdentifier: rule.Source.SourceIdentifier })
          : undefined,
        InputParameters: rule.InputParameters,
      }),
      calls: [rules.record],
    });
  return output;
}

/** DescribeConfigRules has no SDK paginator: its NextToken is followed here. */
async function allConfigRules(client: ConfigServiceClient): Promise<ConfigRule[]> {
  const rules: ConfigRule[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeConfigRulesCommand({ ...(NextToken ? { NextToken } : {}) }));
    rules.push(...(page.ConfigRules ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return rules;
}

async function readHub(session: AwsSession): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<SecurityHubClient>('securityhub');
  // Not subscribed is how Security Hub says it is off.
  const hub = await session.call(OPS.describeHub, () => client.send(new DescribeHubCommand({})), {
    absent: ['InvalidAccessException', 'ResourceNotFoundException'],
  });
  if (!hub.ok) {
    output.notRead.push({
      type: 'AWS::SecurityHub::Hub',
      physicalIds: [],
      reason: hub.failure.message,
      record: hub.record,
    });
    return output;
  }
  if (hub.value?.HubArn)
    output.resources.push({
      type: 'AWS::SecurityHub::Hub',
      physicalId: hub.value.HubArn,
      arn: hub.value.HubArn,
      properties: defined({
        AutoEnableControls: hub.value.AutoEnableControls,
        ControlFindingGenerator: hub.value.ControlFindingGenerator,
      }),
      calls: [hub.record],
    });
  return output;
}

async function readInspector(
  session: AwsSession,
): Promise<{ services: { service: string; state: string }[]; account?: string; calls: CallRecord[] }> {
  const sts = await session.client<STSClient>('sts');
  const identity = await session.call(OPS.getCallerIdentity, () =>
    sts.send(new GetCallerIdentityCommand({})),
  );
  const account = identity.ok ? identity.value?.Account : undefined;
  if (!account)
    return {
      services: [{ service: 'inspector2', state: 'unknown: the account id is not known' }],
      calls: [identity.record],
    };
  const client = await session.client<Inspector2Client>('inspector2');
  // The account is passed explicitly: the API's default (the caller's account) is not honoured everywhere.
  const status = await session.call(OPS.batchGetAccountStatus, () =>
    client.send(new BatchGetAccountStatusCommand({ accountIds: [account] })),
  );
  const state = status.ok
    ? (status.value?.accounts?.[0]?.state?.status ?? 'unknown: no state in the answer')
    : `unknown: ${status.failure.message}`;
  return { services: [{ service: 'inspector2', state }], account, calls: [identity.record, status.record] };
}
