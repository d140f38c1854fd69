/**
 * IAM roles (trust policy, permissions boundary, session length, inline and attached managed policies),
 * the stacks' customer-managed policies (their default version's document) and `AWS::IAM::Policy`
 * resources, which are inline policies of roles: read as parts of each role.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import {
  allPages,
  defined,
  emptyOutput,
  parsePolicy,
  tagList,
  undetermined,
  type LiveResource,
  type ReaderOutput,
} from '../live.js';
import { merge, readEach } from './each.js';

export const IAM_TYPES = ['AWS::IAM::Role', 'AWS::IAM::ManagedPolicy'] as const;
export const IAM_PART_TYPES = ['AWS::IAM::Policy'] as const;

/** IAM returns documents URL-encoded. */
function documentOf(text: string | undefined): SymbolicValue | undefined {
  if (text === undefined) return undefined;
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not encoded.
  }
  return parsePolicy(decoded);
}

export async function readIam(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  const roles = ids('AWS::IAM::Role');
  const policies = ids('AWS::IAM::ManagedPolicy');
  if (roles.length === 0 && policies.length === 0) return emptyOutput();
  const client = await session.client<IAMClient>('iam');
  return merge(
    await Promise.all([readRoles(session, client, roles), readManagedPolicies(session, client, policies)]),
  );
}

function readRoles(session: AwsSession, client: IAMClient, names: readonly string[]): Promise<ReaderOutput> {
  return readEach('AWS::IAM::Role', names, async (RoleName) => {
    const got = await session.call(OPS.getRole, () => client.send(new GetRoleCommand({ RoleName })), {
      subject: RoleName,
      absent: ['NoSuchEntity', 'NoSuchEntityException'],
    });
    if (!got.ok) return { failed: got };
    const role = got.value?.Role;
    if (!role) return undefined;
    const [inline, attached] = await Promise.all([
      session.call(
        OPS.listRolePolicies,
        async () =>
          (await allPages(paginateListRolePolicies({ client }, { RoleName }))).flatMap(
            (p) => p.PolicyNames ?? [],
          ),
        { subject: RoleName },
      ),
      session.call(
        OPS.listAttachedRolePolicies,
        async () =>
          (await allPages(paginateListAttachedRolePolicies({ client }, { RoleName }))).flatMap(
            (p) => p.AttachedPolicies ?? [],
          ),
        { subject: RoleName },
      ),
    ]);
    const documents = inline.ok
      ? await Promise.all(
          (inline.value ?? []).map(async (PolicyName) => ({
            PolicyName,
            got: await session.call(
              OPS.getRolePolicy,
              () => client.send(new GetRolePolicyCommand({ RoleName, PolicyName })),
              { subject: `${RoleName}/${PolicyName}` },
            ),
          })),
        )
      : [];
    const out: LiveResource[] = [
      {
        type: 'AWS::IAM::Role',
        physicalId: RoleName,
        ...(role.Arn ? { arn: role.Arn } : {}),
        properties: defined({
          RoleName: role.RoleName,
          Path: role.Path,
          AssumeRolePolicyDocument: documentOf(role.AssumeRolePolicyDocument),
          MaxSessionDuration: role.MaxSessionDuration,
          PermissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
          ManagedPolicyArns: attached.ok
            ? (attached.value ?? [])
                .map((p) => p.PolicyArn!)
                .filter(Boolean)
                .sort()
            : undetermined(attached.failure),
          // Inline policies are stated with their role, as a template may write them; a template's
          // AWS::IAM::Policy resources are compared with the same documents.
          Policies: inline.ok
            ? documents.map(({ PolicyName, got: d }) => ({
                PolicyName,
                PolicyDocument: d.ok ? (documentOf(d.value?.PolicyDocument) ?? {}) : undetermined(d.failure),
              }))
            : undetermined(inline.failure),
          Tags: tagList(role.Tags),
        }),
        calls: [got.record, inline.record, attached.record, ...documents.map((d) => d.got.record)],
      },
    ];
    return out;
  });
}

function readManagedPolicies(
  session: AwsSession,
  client: IAMClient,
  arns: readonly string[],
): Promise<ReaderOutput> {
  return readEach('AWS::IAM::ManagedPolicy', arns, async (PolicyArn) => {
    const got = await session.call(OPS.getPolicy, () => client.send(new GetPolicyCommand({ PolicyArn })), {
      subject: PolicyArn,
      absent: ['NoSuchEntity', 'NoSuchEntityException'],
    });
    if (!got.ok) return { failed: got };
    const policy = got.value?.Policy;
    if (!policy?.DefaultVersionId) return undefined;
    const version = await session.call(
      OPS.getPolicyVersion,
      () => client.send(new GetPolicyVersionCommand({ PolicyArn, VersionId: policy.DefaultVersionId })),
      { subject: PolicyArn },
    );
    return [
      {
        type: 'AWS::IAM::ManagedPolicy',
        physicalId: PolicyArn,
        properties: defined({
          ManagedPolicyName: policy.PolicyName,
          Path: policy.Path,
          Description: policy.Description,
          PolicyDocument: version.ok
            ? documentOf(version.value?.PolicyVersion?.Document)
            : undetermined(version.failure),
        }),
        calls: [got.record, version.record],
      },
    ];
  });
}
