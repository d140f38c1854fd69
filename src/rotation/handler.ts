/**
 * The rotation function's entry point: configuration from the environment the stack sets (ROTATION_ENV), the
 * Secrets Manager client from the Lambda's role. A step that throws fails the rotation; Secrets Manager
 * retries it, and until a finishSecret succeeds the current keys stay as they are.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ROTATION_ENV } from './env.js';
import { Rotator, type RotationEvent } from './rotator.js';
import { SecretsManagerStore } from './secrets-manager-store.js';

export { ROTATION_ENV } from './env.js';

export class RotationConfigurationError extends Error {
  override readonly name = 'RotationConfigurationError';
}

/** Builds the rotator from the environment; fails closed on a missing or malformed variable. */
export function rotatorFromEnvironment(
  env: Readonly<Record<string, string | undefined>> = process.env,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): Rotator {
  const roster = env[ROTATION_ENV.rosterSecretArn]?.trim();
  if (!roster) throw new RotationConfigurationError(`${ROTATION_ENV.rosterSecretArn} is not set`);
  let users: unknown;
  try {
    users = JSON.parse(env[ROTATION_ENV.userSecretArns] ?? '');
  } catch {
    users = undefined;
  }
  if (!Array.isArray(users) || users.length === 0 || !users.every((u) => typeof u === 'string' && u))
    throw new RotationConfigurationError(`${ROTATION_ENV.userSecretArns} is not a JSON list of secret ARNs`);
  return new Rotator({
    store: new SecretsManagerStore(client),
    rosterSecretArn: roster,
    userSecretArns: users as string[],
    // One JSON line per event: no key value is ever logged, only secret ARNs, version ids and steps.
    log: (message, fields) => console.log(JSON.stringify({ message, ...fields })),
  });
}

let rotator: Rotator | undefined;

export async function handler(event: RotationEvent): Promise<void> {
  rotator ??= rotatorFromEnvironment();
  await rotator.handle(event);
}
