/** The SecretsStore port over the AWS SDK's Secrets Manager client. */
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { AWSPENDING, type SecretDescription, type SecretsStore } from './secrets-store.js';

export class SecretsManagerStore implements SecretsStore {
  constructor(private readonly client: SecretsManagerClient) {}

  async describe(secretId: string): Promise<SecretDescription> {
    const d = await this.client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return { rotationEnabled: d.RotationEnabled === true, versions: d.VersionIdsToStages ?? {} };
  }

  async value(secretId: string, select: { versionId?: string; stage: string }): Promise<string | undefined> {
    try {
      const v = await this.client.send(
        new GetSecretValueCommand({
          SecretId: secretId,
          VersionId: select.versionId,
          VersionStage: select.stage,
        }),
      );
      return v.SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async putPending(secretId: string, versionId: string, value: string): Promise<void> {
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: versionId,
        SecretString: value,
        VersionStages: [AWSPENDING],
      }),
    );
  }

  async putCurrent(secretId: string, value: string): Promise<void> {
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: randomUUID(),
        SecretString: value,
      }),
    );
  }

  async moveStage(
    secretId: string,
    stage: string,
    move: { toVersionId?: string; fromVersionId?: string },
  ): Promise<void> {
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: stage,
        MoveToVersionId: move.toVersionId,
        RemoveFromVersionId: move.fromVersionId,
      }),
    );
  }

  async randomKey(): Promise<string> {
    const r = await this.client.send(
      new GetRandomPasswordCommand({
        PasswordLength: 48,
        ExcludePunctuation: true,
        IncludeSpace: false,
        RequireEachIncludedType: true,
      }),
    );
    if (!r.RandomPassword) throw new Error('Secrets Manager returned no random password');
    return r.RandomPassword;
  }
}
