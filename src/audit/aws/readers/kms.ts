/** Customer-managed keys (state, rotation, key policy) and their aliases. */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  paginateListAliases,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import { allPages, defined, emptyOutput, parsePolicy, undetermined, type ReaderOutput } from '../live.js';

export async function readKeys(session: AwsSession, keyIds: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<KMSClient>('kms');
  await Promise.all(
    keyIds.map(async (KeyId) => {
      const described = await session.call(
        OPS.describeKey,
        () => client.send(new DescribeKeyCommand({ KeyId })),
        {
          subject: KeyId,
        },
      );
      if (!described.ok || !described.value?.KeyMetadata) {
        output.notRead.push({
          type: 'AWS::KMS::Key',
          physicalIds: [KeyId],
          reason: described.ok ? 'the key has no metadata' : described.failure.message,
          record: described.record,
        });
        return;
      }
      const key = described.value.KeyMetadata;
      const [rotation, policy] = await Promise.all([
        session.call(
          OPS.getKeyRotationStatus,
          () => client.send(new GetKeyRotationStatusCommand({ KeyId })),
          {
            subject: KeyId,
          },
        ),
        session.call(
          OPS.getKeyPolicy,
          // The API's default policy name, sent explicitly (some endpoints require it).
          () => client.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' })),
          { subject: KeyId },
        ),
      ]);
      const properties: Record<string, SymbolicValue> = defined({
        Description: key.Description,
        Enabled: key.Enabled,
        KeySpec: key.KeySpec,
        KeyUsage: key.KeyUsage,
        MultiRegion: key.MultiRegion,
        EnableKeyRotation: rotation.ok
          ? (rotation.value?.KeyRotationEnabled ?? false)
          : undetermined(rotation.failure),
        RotationPeriodInDays: rotation.ok ? rotation.value?.RotationPeriodInDays : undefined,
        KeyPolicy: policy.ok
          ? (parsePolicy(policy.value?.Policy) ?? undefined)
          : undetermined(policy.failure),
      });
      output.resources.push({
        type: 'AWS::KMS::Key',
        physicalId: KeyId,
        ...(key.Arn ? { arn: key.Arn } : {}),
        properties,
        calls: [described.record, rotation.record, policy.record],
      });
    }),
  );
  return output;
}

/** The account's aliases that point at a key (one paginated call); the stacks' aliases are among them. */
export async function readAliases(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (names.length === 0) return output;
  const client = await session.client<KMSClient>('kms');
  const listed = await session.call(OPS.listAliases, async () =>
    (await allPages(paginateListAliases({ client }, {}))).flatMap((p) => p.Aliases ?? []),
  );
  if (!listed.ok) {
    output.notRead.push({
      type: 'AWS::KMS::Alias',
      physicalIds: names,
      reason: listed.failure.message,
      record: listed.record,
    });
    return output;
  }
  const wanted = new Set(names);
  for (const alias of listed.value ?? [])
    if (alias.AliasName && wanted.has(alias.AliasName))
      output.resources.push({
        type: 'AWS::KMS::Alias',
        physicalId: alias.AliasName,
        properties: defined({ AliasName: alias.AliasName, TargetKeyId: alias.TargetKeyId }),
        calls: [listed.record],
      });
  return output;
}
