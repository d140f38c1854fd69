/**
 * Weaviate's API keys and intra-cluster credentials come from AWS Secrets Manager through the Secrets Store CSI
 * driver (AWS provider, authenticated with the pod's EKS Pod Identity). The driver mounts them read-only and
 * syncs them into Kubernetes Secrets that the container reads with `secretKeyRef`, so no key ever appears in a
 * manifest. kubernetes-models has no model for `secrets-store.csi.x-k8s.io`, so the object is typed here.
 */
import { stringify } from 'yaml';
import type { RenderContext } from '../context.js';

export const SECRET_PROVIDER_CLASS = 'weaviate-secrets';
/** Kubernetes Secret synced from the API-keys secret. */
export const API_KEYS_SECRET = { name: 'weaviate-api-keys', keys: 'allowed-keys', users: 'users' } as const;
/** Kubernetes Secret synced from the cluster basic-auth secret. */
export const CLUSTER_AUTH_SECRET = {
  name: 'weaviate-cluster-auth',
  username: 'username',
  password: 'password',
} as const;
/**
 * Kubernetes Secret synced from the backup user's own secret: the backup and drill jobs read its current key
 * (the CSI driver keeps it in sync while Weaviate's pods mount the volume). Weaviate accepts it through the
 * roster, where the rotation lists the backup user's keys with every other user's.
 */
export const BACKUP_API_KEY_SECRET = { name: 'weaviate-backup-api-key', key: 'api-key' } as const;
/** Where the CSI volume is mounted (read-only). */
export const SECRETS_MOUNT_PATH = '/mnt/secrets-store';

export interface SecretProviderClass {
  readonly apiVersion: 'secrets-store.csi.x-k8s.io/v1';
  readonly kind: 'SecretProviderClass';
  readonly metadata: { name: string; namespace: string; labels: Record<string, string> };
  readonly spec: {
    provider: 'aws';
    parameters: Record<string, string>;
    secretObjects: {
      secretName: string;
      type: 'Opaque';
      labels?: Record<string, string>;
      data: { objectName: string; key: string }[];
    }[];
  };
}

/**
 * JSON fields of the Secrets Manager secrets. The API-keys secret holds `keys` and `users` as comma-separated
 * strings (the format Weaviate reads from its environment); the cluster secret `username` and `password`.
 */
export const SECRET_FIELDS = {
  apiKeys: { keys: 'keys', users: 'users' },
  clusterAuth: { username: 'username', password: 'password' },
  backupApiKey: { key: 'key' },
} as const;

export function secretProviderClass(ctx: RenderContext): SecretProviderClass {
  const alias = {
    keys: 'api-keys',
    users: 'api-users',
    username: 'cluster-username',
    password: 'cluster-password',
    backupKey: 'backup-api-key',
  };
  // The jobs read the backup user's key even when clients use OIDC only (see env.ts).
  const backupKey = true;
  // The roster is always there: it lists the backup user's keys even when clients use OIDC only.
  const objects = [
    {
      objectName: ctx.aws.apiKeysSecret,
      objectType: 'secretsmanager',
      jmesPath: [
        { path: SECRET_FIELDS.apiKeys.keys, objectAlias: alias.keys },
        { path: SECRET_FIELDS.apiKeys.users, objectAlias: alias.users },
      ],
    },
    {
      objectName: ctx.aws.clusterAuthSecret,
      objectType: 'secretsmanager',
      jmesPath: [
        { path: SECRET_FIELDS.clusterAuth.username, objectAlias: alias.username },
        { path: SECRET_FIELDS.clusterAuth.password, objectAlias: alias.password },
      ],
    },
    ...(backupKey
      ? [
          {
            objectName: ctx.aws.backupApiKeySecret,
            objectType: 'secretsmanager',
            jmesPath: [{ path: SECRET_FIELDS.backupApiKey.key, objectAlias: alias.backupKey }],
          },
        ]
      : []),
  ];
  const labels = { ...ctx.commonLabels, ...ctx.names.weaviate.labels };
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: SECRET_PROVIDER_CLASS, namespace: ctx.names.weaviate.namespace, labels },
    spec: {
      provider: 'aws',
      parameters: {
        region: ctx.aws.region,
        // The provider fetches with the mounting pod's EKS Pod Identity role, not the node's.
        usePodIdentity: 'true',
        objects: stringify(objects),
      },
      secretObjects: [
        {
          secretName: API_KEYS_SECRET.name,
          type: 'Opaque' as const,
          labels,
          data: [
            { objectName: alias.keys, key: API_KEYS_SECRET.keys },
            { objectName: alias.users, key: API_KEYS_SECRET.users },
          ],
        },
        {
          secretName: CLUSTER_AUTH_SECRET.name,
          type: 'Opaque',
          labels,
          data: [
            { objectName: alias.username, key: CLUSTER_AUTH_SECRET.username },
            { objectName: alias.password, key: CLUSTER_AUTH_SECRET.password },
          ],
        },
        ...(backupKey
          ? [
              {
                secretName: BACKUP_API_KEY_SECRET.name,
                type: 'Opaque' as const,
                labels,
                data: [{ objectName: alias.backupKey, key: BACKUP_API_KEY_SECRET.key }],
              },
            ]
          : []),
      ],
    },
  };
}
