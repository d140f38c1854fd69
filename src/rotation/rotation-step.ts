/**
 * Secrets Manager's rotation protocol as every rotator of ours receives it: the four steps, the event, and the
 * check each step starts with (the token must be the secret's AWSPENDING version, or already AWSCURRENT after a
 * retry), so that a step of an abandoned rotation changes nothing.
 */
import { AWSCURRENT, AWSPENDING, type SecretDescription, type SecretsStore } from './secrets-store.js';

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
export const ROTATION_STEPS: readonly RotationStep[] = [
  'createSecret',
  'setSecret',
  'testSecret',
  'finishSecret',
];

export interface RotationEvent {
  readonly Step: string;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
}

/** The rotation cannot proceed (a wrong token, a secret not ours, a check that failed). */
export class RotationError extends Error {
  override readonly name = 'RotationError';
}

/** A step whose token has been checked against the secret's versions. */
export interface CheckedStep {
  readonly step: RotationStep;
  readonly secret: string;
  readonly token: string;
  readonly description: SecretDescription;
  /** The token's version is already AWSCURRENT: a retry after the step succeeded. */
  readonly alreadyCurrent: boolean;
}

/**
 * Checks `event` before any step runs: a known step, a secret `accept` takes (it throws for one that is not its
 * own), rotation enabled, and a token that is the AWSPENDING version (createSecret may also name a version it is
 * about to write) or already AWSCURRENT.
 */
export async function checkRotationStep(
  event: RotationEvent,
  store: SecretsStore,
  accept: (secret: string) => void,
): Promise<CheckedStep> {
  const step = event.Step as RotationStep;
  if (!ROTATION_STEPS.includes(step)) throw new RotationError(`unknown step ${JSON.stringify(event.Step)}`);
  const secret = event.SecretId;
  const token = event.ClientRequestToken;
  accept(secret);
  const description = await store.describe(secret);
  if (!description.rotationEnabled) throw new RotationError(`${secret} does not have rotation enabled`);
  // Secrets Manager labels the token's version AWSPENDING before createSecret; createSecret also accepts a
  // token with no version yet (it writes it).
  const stages = description.versions[token];
  if (!stages && step !== 'createSecret') throw new RotationError(`${secret} has no version ${token}`);
  if (stages?.includes(AWSCURRENT)) return { step, secret, token, description, alreadyCurrent: true };
  if (!stages?.includes(AWSPENDING) && step !== 'createSecret')
    throw new RotationError(`version ${token} of ${secret} is not AWSPENDING`);
  return { step, secret, token, description, alreadyCurrent: false };
}
