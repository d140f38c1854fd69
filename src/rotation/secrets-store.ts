/** What the rotation needs from Secrets Manager, as a port (the AWS adapter is secrets-manager-store.ts). */

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPENDING = 'AWSPENDING';
export const AWSPREVIOUS = 'AWSPREVIOUS';

export interface SecretDescription {
  readonly rotationEnabled: boolean;
  /** Staging labels by version id. */
  readonly versions: Readonly<Record<string, readonly string[]>>;
}

export interface SecretsStore {
  describe(secretId: string): Promise<SecretDescription>;
  /** The value of a version (by id and stage) or of a stage; undefined when no such version exists. */
  value(
    secretId: string,
    select: { readonly versionId?: string; readonly stage: string },
  ): Promise<string | undefined>;
  /** Writes `value` as version `versionId` labelled AWSPENDING (idempotent for the same id and value). */
  putPending(secretId: string, versionId: string, value: string): Promise<void>;
  /** Writes `value` as a new AWSCURRENT version (the previous one becomes AWSPREVIOUS). */
  putCurrent(secretId: string, value: string): Promise<void>;
  /** Moves `stage` to `toVersionId` (from `fromVersionId`), or removes it from `fromVersionId` alone. */
  moveStage(
    secretId: string,
    stage: string,
    move: { readonly toVersionId?: string; readonly fromVersionId?: string },
  ): Promise<void>;
  /** A fresh random key: 48 letters and digits. */
  randomKey(): Promise<string>;
}

/** The version currently labelled `stage`, if any. */
export function versionWithStage(d: SecretDescription, stage: string): string | undefined {
  return Object.entries(d.versions).find(([, stages]) => stages.includes(stage))?.[0];
}
