/**
 * The rotation function's entry point: configuration from the environment the stack sets (ROTATION_ENV), the
 * Secrets Manager client and the cluster token from the Lambda's role. A step that throws fails the rotation;
 * until a finishSecret succeeds the current keys stay as they are.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { eksToken } from './eks-token.js';
import { ROSTER_SECRET_KEYS, ROTATION_ENV } from './env.js';
import { KubeRollout } from './kube-rollout.js';
import { Rotator, type RotationEvent } from './rotator.js';
import { SecretsManagerStore } from './secrets-manager-store.js';

export { ROTATION_ENV } from './env.js';

export class RotationConfigurationError extends Error {
  override readonly name = 'RotationConfigurationError';
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const v = env[name]?.trim();
  if (!v) throw new RotationConfigurationError(`${name} is not set`);
  return v;
}

function stringList(env: Env, name: string): string[] {
  let list: unknown;
  try {
    list = JSON.parse(env[name] ?? '');
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && u))
    throw new RotationConfigurationError(`${name} is not a JSON list of non-empty strings`);
  return list as string[];
}

/** Builds the rotator from the environment; fails closed on a missing or malformed variable. */
export function rotatorFromEnvironment(
  env: Env = process.env,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): Rotator {
  const roster = required(env, ROTATION_ENV.rosterSecretArn);
  const users = stringList(env, ROTATION_ENV.userSecretArns);
  const names = stringList(env, ROTATION_ENV.userNames);
  if (names.length !== users.length)
    throw new RotationConfigurationError(
      `${ROTATION_ENV.userNames} must name one user per secret of ${ROTATION_ENV.userSecretArns}`,
    );
  const clusterName = required(env, ROTATION_ENV.clusterName);
  const region = required(env, 'AWS_REGION');
  const ca = env[ROTATION_ENV.clusterCertificateAuthority]?.trim();
  const rollout = new KubeRollout({
    endpoint: required(env, ROTATION_ENV.clusterEndpoint),
    ca: ca ? Buffer.from(ca, 'base64').toString('utf8') : undefined,
    token: async () => eksToken({ clusterName, region, credentials: await client.config.credentials() }),
    namespace: required(env, ROTATION_ENV.weaviateNamespace),
    statefulSet: required(env, ROTATION_ENV.weaviateStatefulSet),
    secret: { name: required(env, ROTATION_ENV.rosterKubernetesSecret), ...ROSTER_SECRET_KEYS },
  });
  return new Rotator({
    store: new SecretsManagerStore(client),
    rosterSecretArn: roster,
    userSecretArns: users,
    userNames: names,
    rollout,
    // One JSON line per event: no key value is ever logged, only secret ARNs, version ids, steps and states.
    log: (message, fields) => console.log(JSON.stringify({ message, ...fields })),
  });
}

let rotator: Rotator | undefined;

export async function handler(event: RotationEvent): Promise<void> {
  rotator ??= rotatorFromEnvironment();
  await rotator.handle(event);
}
