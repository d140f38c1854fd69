/**
 * The named stacks: their resources (logical id, type, physical id) and their deployed template, whose
 * Metadata carries the flow spec the proofs check against, and which is the default baseline for drift.
 */
import {
  DescribeStacksCommand,
  GetTemplateCommand,
  paginateListStackResources,
  type CloudFormationClient,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { OPS } from './operations.js';
import type { AwsSession, CallRecord } from './session.js';
import { allPages } from './live.js';
import type { CallFailure } from './errors.js';

export interface StackResourceEntry {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
}

export interface LiveStack {
  readonly name: string;
  readonly resources: readonly StackResourceEntry[];
  /** Entries the stack lists without a logical id or type (a resource that was never created). */
  readonly incomplete: number;
  /** The deployed template's text (JSON or YAML), when it could be read. */
  readonly template?: string;
  readonly calls: readonly CallRecord[];
}

export type StackOutcome =
  LiveStack | { readonly name: string; readonly failure: CallFailure; readonly calls: readonly CallRecord[] };

/** Resources in these states are gone or going: they are not part of the live stack. */
const GONE = new Set(['DELETE_COMPLETE', 'DELETE_IN_PROGRESS']);

export async function readStack(session: AwsSession, StackName: string): Promise<StackOutcome> {
  const client = await session.client<CloudFormationClient>('cloudformation');
  const described = await session.call(
    OPS.describeStacks,
    () => client.send(new DescribeStacksCommand({ StackName })),
    {
      subject: StackName,
    },
  );
  if (!described.ok) return { name: StackName, failure: described.failure, calls: [described.record] };
  const [listed, template] = await Promise.all([
    session.call(
      OPS.listStackResources,
      async () =>
        (await allPages(paginateListStackResources({ client }, { StackName }))).flatMap(
          (p) => p.StackResourceSummaries ?? [],
        ),
      { subject: StackName },
    ),
    session.call(
      OPS.getTemplate,
      () => client.send(new GetTemplateCommand({ StackName, TemplateStage: 'Original' })),
      {
        subject: StackName,
      },
    ),
  ]);
  const calls = [described.record, listed.record, template.record];
  if (!listed.ok) return { name: StackName, failure: listed.failure, calls };
  const summaries: StackResourceSummary[] = listed.value ?? [];
  const live = summaries.filter((s) => !GONE.has(s.ResourceStatus ?? ''));
  // A part of another resource (a security group rule, a route) may have no physical id of its own.
  const resources = live
    .filter((s) => s.LogicalResourceId && s.ResourceType)
    .map((s) => ({
      logicalId: s.LogicalResourceId!,
      type: s.ResourceType!,
      physicalId: s.PhysicalResourceId ?? '',
    }));
  return {
    name: StackName,
    resources,
    incomplete: live.length - resources.length,
    ...(template.ok && template.value?.TemplateBody ? { template: template.value.TemplateBody } : {}),
    calls,
  };
}
