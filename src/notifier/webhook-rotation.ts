/**
 * Rotation of the chat and paging webhook URLs through Secrets Manager's rotation protocol. A webhook URL is
 * issued by the chat or paging service, so no code of ours can make a new one; what the rotation does is make
 * sure a new URL is put in place on schedule, and only once it is proven to work:
 *
 * - the operator creates a new URL at the service and stages it as the secret's AWSPENDING version
 *   (docs/alerting.md has the command);
 * - createSecret finds the staged version (Secrets Manager resumes a rotation with the pending version's id; a
 *   rotation started with a fresh token adopts the staged value). Nothing staged when the rotation is due: the
 *   step fails, and the log line it writes raises the secret's alarm, which names the secret and the command;
 * - setSecret has nothing to do (the service already issued the URL);
 * - testSecret posts a test notification to the staged URL from the notifier itself, through the network path
 *   and egress that deliver alerts, and needs a 2xx answer;
 * - finishSecret makes it AWSCURRENT (the old URL becomes AWSPREVIOUS); the notifier's containers read it
 *   within their cache time (five minutes), so the old URL is revoked at the service only after that.
 *
 * Every failure is logged as `webhook rotation failed` with the webhook (`chat` or `paging`) and the reason,
 * never the URL, and fails the step, so the current URL stays in use.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Logger } from './log.js';
import { WEBHOOK_ROTATION_FAILED } from './rotation-log.js';
import { parseWebhookSecret } from './secrets.js';
import { postJson, type PostDependencies, type RetryPolicy } from './webhook.js';

const AWSCURRENT = 'AWSCURRENT';
const AWSPENDING = 'AWSPENDING';

/** The event Secrets Manager invokes a rotation function with. */
export interface SecretsManagerRotationEvent {
  readonly Step: string;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
}

export function isRotationEvent(event: unknown): event is SecretsManagerRotationEvent {
  const e = event as Partial<SecretsManagerRotationEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.Step === 'string' &&
    typeof e.SecretId === 'string' &&
    typeof e.ClientRequestToken === 'string'
  );
}

export { WEBHOOK_ROTATION_FAILED } from './rotation-log.js';

export class WebhookRotationError extends Error {
  override readonly name = 'WebhookRotationError';
}

export type WebhookPurpose = 'chat' | 'paging';

export interface WebhookRotationOptions {
  readonly client: SecretsManagerClient;
  readonly logger: Logger;
  /** The names of the two secrets (as the notifier's environment gives them). */
  readonly secrets: { readonly chat: string; readonly paging?: string };
  readonly retry?: RetryPolicy;
  readonly http?: PostDependencies;
}

export class WebhookRotation {
  constructor(private readonly options: WebhookRotationOptions) {}

  async handle(event: SecretsManagerRotationEvent): Promise<void> {
    let purpose: WebhookPurpose | undefined;
    let name = event.SecretId;
    try {
      const d = await this.options.client.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
      name = d.Name ?? name;
      purpose = this.purposeOf(name);
      if (d.RotationEnabled !== true)
        throw new WebhookRotationError(`${name} does not have rotation enabled`);
      const versions = d.VersionIdsToStages ?? {};
      const stages = versions[event.ClientRequestToken] ?? [];
      if (stages.includes(AWSCURRENT)) {
        this.options.logger.info('webhook version already current', { webhook: purpose, step: event.Step });
        return;
      }
      if (event.Step !== 'createSecret' && !stages.includes(AWSPENDING))
        throw new WebhookRotationError(`version ${event.ClientRequestToken} of ${name} is not AWSPENDING`);
      this.options.logger.info('webhook rotation step', { webhook: purpose, step: event.Step });
      switch (event.Step) {
        case 'createSecret':
          return await this.create(event, name, purpose, versions);
        case 'setSecret':
          return;
        case 'testSecret':
          return await this.test(event, name, purpose);
        case 'finishSecret':
          return await this.finish(event, name, purpose, versions);
        default:
          throw new WebhookRotationError(`unknown step ${JSON.stringify(event.Step)}`);
      }
    } catch (error) {
      this.options.logger.error(WEBHOOK_ROTATION_FAILED, {
        webhook: purpose ?? 'unknown',
        secret: name,
        step: event.Step,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error',
      });
      throw error;
    }
  }

  private purposeOf(name: string): WebhookPurpose {
    if (name === this.options.secrets.chat) return 'chat';
    if (name === this.options.secrets.paging) return 'paging';
    throw new WebhookRotationError(`${name} is not one of the notifier's webhook secrets`);
  }

  /** Finds the URL the operator staged; adopts it into this rotation's version when it was staged apart. */
  private async create(
    event: SecretsManagerRotationEvent,
    name: string,
    purpose: WebhookPurpose,
    versions: Record<string, string[]>,
  ): Promise<void> {
    const token = event.ClientRequestToken;
    if ((versions[token] ?? []).includes(AWSPENDING)) return;
    const staged = Object.entries(versions).find(
      ([id, stages]) => id !== token && stages.includes(AWSPENDING) && !stages.includes(AWSCURRENT),
    )?.[0];
    if (staged === undefined)
      throw new WebhookRotationError(
        `the ${purpose} webhook URL is due for rotation and no new URL is staged for ${name}: create a new URL at the ${purpose} service, then run ` +
          `aws secretsmanager put-secret-value --secret-id ${name} --secret-string '{"url":"https://…"}' --version-stages AWSPENDING ` +
          `and aws secretsmanager rotate-secret --secret-id ${name}; the current URL stays in use until then`,
      );
    const value = await this.options.client.send(
      new GetSecretValueCommand({ SecretId: event.SecretId, VersionId: staged }),
    );
    await this.options.client.send(
      new PutSecretValueCommand({
        SecretId: event.SecretId,
        ClientRequestToken: token,
        SecretString: value.SecretString,
        VersionStages: [AWSPENDING],
      }),
    );
    this.options.logger.info('staged webhook URL adopted', { webhook: purpose, stagedVersion: staged });
  }

  /** Posts a test notification to the staged URL; a 2xx answer is the proof. */
  private async test(
    event: SecretsManagerRotationEvent,
    name: string,
    purpose: WebhookPurpose,
  ): Promise<void> {
    const read = async (select: { VersionId?: string; VersionStage: string }) =>
      (await this.options.client.send(new GetSecretValueCommand({ SecretId: event.SecretId, ...select })))
        .SecretString ?? '';
    const pending = parseWebhookSecret(
      await read({ VersionId: event.ClientRequestToken, VersionStage: AWSPENDING }),
    );
    if (pending === undefined) throw new WebhookRotationError(`the staged version of ${name} holds no URL`);
    this.options.logger.addSecret(pending);
    let current: string | undefined;
    try {
      current = parseWebhookSecret(await read({ VersionStage: AWSCURRENT }));
    } catch {
      current = undefined; // an unusable current value is what the rotation replaces
    }
    if (current === pending)
      throw new WebhookRotationError(`the staged URL of ${name} is the current one: stage the new URL`);
    const outcome = await postJson(
      pending,
      testMessage(purpose, name),
      this.options.retry,
      this.options.http,
      (attempt, delayMs, reason) =>
        this.options.logger.warn('webhook test retry', { webhook: purpose, attempt, delayMs, reason }),
    );
    if (!outcome.ok)
      throw new WebhookRotationError(
        `the staged ${purpose} webhook URL did not accept a test notification (${outcome.reason} after ${outcome.attempts} attempt(s)); the current URL stays in use`,
      );
    this.options.logger.info('webhook test delivered', { webhook: purpose, status: outcome.status });
  }

  private async finish(
    event: SecretsManagerRotationEvent,
    name: string,
    purpose: WebhookPurpose,
    versions: Record<string, string[]>,
  ): Promise<void> {
    const current = Object.entries(versions).find(([, stages]) => stages.includes(AWSCURRENT))?.[0];
    await this.options.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: event.SecretId,
        VersionStage: AWSCURRENT,
        MoveToVersionId: event.ClientRequestToken,
        RemoveFromVersionId: current,
      }),
    );
    await this.options.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: event.SecretId,
        VersionStage: AWSPENDING,
        RemoveFromVersionId: event.ClientRequestToken,
      }),
    );
    this.options.logger.info('webhook rotated', { webhook: purpose, secret: name });
  }
}

/** The test notification: Slack incoming-webhook JSON, like every message the notifier posts. */
export function testMessage(purpose: WebhookPurpose, secretName: string) {
  const text = `vectorfort: test notification. The new ${purpose} webhook URL of ${secretName} is being checked before it replaces the current one; nothing needs to be done.`;
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }],
    unfurl_links: false,
    unfurl_media: false,
  };
}
