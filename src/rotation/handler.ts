/**
 * The rotation function's entry point: configuration from the environment the stack sets (ROTATION_ENV), the
 * Secrets Manager client and the cluster token from the Lambda's role. A step that throws fails the rotation;
 * until a finishSecret succeeds the current keys stay as they are.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ClusterAuthRotator } from './cluster-auth-rotator.js';
import { eksToken } from './eks-token.js';
import { CLUSTER_AUTH_SECRET_KEYS, ROSTER_SECRET_KEYS, ROTATION_ENV } from './env.js';
import { KubeClusterAuthRollout } from './kube-cluster-auth-rollout.js';
import { KubeRollout } from './kube-rollout.js';
import { InvalidMaintenanceWindowError, parseMaintenanceWindow } from './maintenance-window.js';
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

/**
 * Builds the cluster password's rotator from the environment; undefined when the stack gave the function no
 * cluster password secret. Fails closed on a malformed variable.
 */
export function clusterAuthRotatorFromEnvironment(
  env: Env = process.env,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): ClusterAuthRotator | undefined {
  const secretArn = env[ROTATION_ENV.clusterAuthSecretArn]?.trim();
  if (!secretArn) return undefined;
  let window;
  try {
    window = parseMaintenanceWindow(JSON.parse(env[ROTATION_ENV.clusterAuthWindow] ?? ''));
  } catch (error) {
    const why = error instanceof InvalidMaintenanceWindowError ? error.message : 'not JSON';
    throw new RotationConfigurationError(
      `${ROTATION_ENV.clusterAuthWindow} is not a maintenance window: ${why}`,
    );
  }
  const clusterName = required(env, ROTATION_ENV.clusterName);
  const region = required(env, 'AWS_REGION');
  const ca = env[ROTATION_ENV.clusterCertificateAuthority]?.trim();
  return new ClusterAuthRotator({
    store: new SecretsManagerStore(client),
    secretArn,
    window,
    rollout: new KubeClusterAuthRollout({
      endpoint: required(env, ROTATION_ENV.clusterEndpoint),
      ca: ca ? Buffer.from(ca, 'base64').toString('utf8') : undefined,
      token: async () => eksToken({ clusterName, region, credentials: await client.config.credentials() }),
      namespace: required(env, ROTATION_ENV.weaviateNamespace),
      statefulSet: required(env, ROTATION_ENV.weaviateStatefulSet),
      secret: { name: required(env, ROTATION_ENV.clusterAuthKubernetesSecret), ...CLUSTER_AUTH_SECRET_KEYS },
      pods: stringList(env, ROTATION_ENV.weaviatePods),
    }),
    // Only ARNs, versions, steps, pod names and timings are logged, never a password.
    log: (message, fields) => console.log(JSON.stringify({ message, ...fields })),
  });
}

let rotator: Rotator | undefined;
let clusterAuth: ClusterAuthRotator | undefined | null;

export async function handler(event: RotationEvent): Promise<void> {
  if (clusterAuth === undefined) clusterAuth = clusterAuthRotatorFromEnvironment() ?? null;
  if (clusterAuth?.handles(event.SecretId)) return clusterAuth.handle(event);
  rotator ??= rotatorFromEnvironment();
  await rotator.handle(event);
}
