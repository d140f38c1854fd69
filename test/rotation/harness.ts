/**
 * Drives the rotator the way Secrets Manager does (one token per rotation, the four steps in order, a failed
 * step retried with the same token) against moto_server's Secrets Manager, with the Kubernetes API stand-in and
 * its Weaviate pods (kube-stand-in.ts). While a step waits for the cluster, the cluster moves: each of the
 * function's sleeps is one CSI poll and one move of the StatefulSet controller, on a virtual clock.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { eksToken } from '../../src/rotation/eks-token.js';
import { ROSTER_SECRET_KEYS } from '../../src/rotation/env.js';
import { KubeRollout } from '../../src/rotation/kube-rollout.js';
import type { WeaviateRollout } from '../../src/rotation/rollout.js';
import { Rotator, ROTATION_STEPS, type RotationStep } from '../../src/rotation/rotator.js';
import { SecretsManagerStore } from '../../src/rotation/secrets-manager-store.js';
import type { SecretsStore } from '../../src/rotation/secrets-store.js';
import { motoClientConfig } from '../notifier/moto.js';
import { CLUSTER_NAME, KubeStandIn, NAMESPACE, ROSTER_K8S_SECRET, STATEFUL_SET } from './kube-stand-in.js';

export interface Deployment {
  readonly client: SecretsManagerClient;
  readonly roster: string;
  readonly users: Readonly<Record<string, string>>;
  /** The cluster: the Kubernetes API stand-in and its Weaviate pods. */
  readonly cluster: KubeStandIn;
  /** The function's view of the cluster (through the stand-in's HTTP API). */
  readonly rollout: WeaviateRollout;
  /** Virtual milliseconds the function spent waiting. */
  readonly waited: { ms: number };
  rotator(options?: { store?: SecretsStore; rollout?: WeaviateRollout; waitMs?: number }): Rotator;
}

/** The rollout port as the function builds it, against the stand-in. */
export function kubeRollout(cluster: KubeStandIn): KubeRollout {
  return new KubeRollout({
    endpoint: cluster.endpoint,
    token: () =>
      eksToken({
        clusterName: CLUSTER_NAME,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      }),
    namespace: NAMESPACE,
    statefulSet: STATEFUL_SET,
    secret: { name: ROSTER_K8S_SECRET, ...ROSTER_SECRET_KEYS },
  });
}

let counter = 0;

/**
 * What the stack creates: one key secret per user holding `{"user", "key"}` (CloudFormation generates the key)
 * and the roster secret without keys yet, each with rotation enabled (moto's own rotation of an unchanged
 * value stands in for CloudFormation's RotationSchedule; the rotations under test are driven here).
 */
export async function deploy(
  endpoint: string,
  userNames: readonly string[],
  clusters: KubeStandIn[] = [],
): Promise<Deployment> {
  const client = new SecretsManagerClient(motoClientConfig(endpoint));
  const prefix = `deploy${++counter}-${randomUUID().slice(0, 8)}`;
  const create = async (name: string, value: object) => {
    const s = await client.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify(value) }));
    await client.send(
      new RotateSecretCommand({
        SecretId: s.ARN,
        RotationRules: { AutomaticallyAfterDays: 30 },
        RotateImmediately: false,
      }),
    );
    return s.ARN!;
  };
  const users: Record<string, string> = {};
  for (const u of userNames)
    users[u] = await create(`${prefix}/weaviate/api-keys/${u}`, { user: u, key: generatedKey() });
  const roster = await create(`${prefix}/weaviate/api-keys`, {
    pending: 'the first rotation of every key writes the roster',
  });
  const arns = userNames.map((u) => users[u]!);
  const cluster = new KubeStandIn(client, roster);
  await cluster.listen();
  clusters.push(cluster);
  const rollout = kubeRollout(cluster);
  const waited = { ms: 0 };
  return {
    client,
    roster,
    users,
    cluster,
    rollout,
    waited,
    rotator: (options = {}) =>
      new Rotator({
        store: options.store ?? new SecretsManagerStore(client),
        rosterSecretArn: roster,
        userSecretArns: arns,
        userNames,
        rollout: options.rollout ?? rollout,
        rolloutWaitMs: options.waitMs ?? 720_000,
        rolloutPollMs: 15_000,
        now: () => waited.ms,
        sleep: async (ms) => {
          waited.ms += ms;
          await cluster.syncSecret();
          cluster.step();
        },
      }),
  };
}

/** A key like the one CloudFormation's GenerateSecretString makes (48 characters, no punctuation). */
export function generatedKey(): string {
  return randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '').slice(0, 16);
}

/** Runs `steps` of one rotation (all four by default) with `token`, after each calling `between`. */
export async function rotate(
  rotator: Rotator,
  secretId: string,
  options: {
    token?: string;
    steps?: readonly RotationStep[];
    between?: (step: RotationStep) => Promise<void> | void;
  } = {},
): Promise<string> {
  const token = options.token ?? randomUUID();
  for (const step of options.steps ?? ROTATION_STEPS) {
    await rotator.handle({ Step: step, SecretId: secretId, ClientRequestToken: token });
    await options.between?.(step);
  }
  return token;
}

/** The client's view: the `key` field of a stage of its secret (what docs/api-key-rotation.md tells it to read). */
export async function clientKey(
  client: SecretsManagerClient,
  secretId: string,
  stage: 'AWSCURRENT' | 'AWSPREVIOUS',
): Promise<string | undefined> {
  try {
    const v = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
    return (JSON.parse(v.SecretString ?? '{}') as { key?: string }).key;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

export async function stagesOf(client: SecretsManagerClient, secretId: string) {
  const d = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  return d.VersionIdsToStages ?? {};
}
