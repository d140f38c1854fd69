/**
 * Deterministic AWS names derived from the blueprint, so the Kubernetes manifests (written as plain YAML for
 * GitOps, without CloudFormation tokens) can name the same keys, bucket and secrets the stack creates.
 */
import { replicaRegionOf, type Blueprint } from '../blueprint/index.js';

export const KEY_PURPOSES = ['eks-secrets', 'ebs', 'backup', 'logs', 'alerting'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export interface AwsNames {
  /** `alias/<name>/<purpose>` for each customer-managed key. */
  readonly keyAlias: Readonly<Record<KeyPurpose, string>>;
  /** Alias ARNs (EBS CreateVolume and the EBS CSI driver accept them as `kmsKeyId`). */
  readonly keyAliasArn: Readonly<Record<KeyPurpose, string>>;
  /** The EKS cluster name (Pod Identity trust policies and charts name it). */
  readonly clusterName: string;
  /** The backup bucket: the blueprint's name, or `<name>-backups-<account>-<region>`. */
  readonly backupBucket: string;
  /** Secrets Manager secret holding Weaviate's API keys (JSON: `{ keys, users }`). */
  readonly apiKeysSecret: string;
  /** Secrets Manager secret holding the intra-cluster basic-auth credentials. */
  readonly clusterAuthSecret: string;
  /** Secrets Manager secret holding the backup user's own API key (JSON: `{ key }`). */
  readonly backupApiKeySecret: string;
  /**
   * The ALB's target group for the ingress gateway. Named, so the TargetGroupBinding in the GitOps manifests can
   * name it without a CloudFormation token (at most 32 characters: the blueprint name has at most 24).
   */
  readonly ingressTargetGroup: string;
  /** The ALB's gRPC target group (same gateway pods, HTTP/2). */
  readonly ingressGrpcTargetGroup: string;
  /**
   * The replica bucket of the backups (`<name>-replica-<account>-<replica region>`); undefined when the blueprint
   * keeps the backups in one region.
   */
  readonly backupReplicaBucket: string | undefined;
  /**
   * The replica key's alias (`alias/<name>/backup-replica`), apart from the backup key's: a deployment of the
   * same blueprint name in the replica region (the disaster-recovery runbook) creates `alias/<name>/backup` there.
   */
  readonly backupReplicaKeyAlias: string;
  /**
   * The role S3 replicates the backups with (named, so the replica key's policy can admit it before it exists).
   * IAM names are global: the source region in the name lets a deployment of the same blueprint name in another
   * region replicate too while the first one still holds its role.
   */
  readonly backupReplicationRole: string;
  readonly region: string;
  readonly account: string;
}

export function awsNames(bp: Blueprint): AwsNames {
  const { account, region } = bp.environment;
  const replica = replicaRegionOf(bp);
  const keyAlias = Object.fromEntries(KEY_PURPOSES.map((p) => [p, `alias/${bp.name}/${p}`])) as Record<
    KeyPurpose,
    string
  >;
  const keyAliasArn = Object.fromEntries(
    KEY_PURPOSES.map((p) => [p, `arn:aws:kms:${region}:${account}:${keyAlias[p]}`]),
  ) as Record<KeyPurpose, string>;
  return {
    keyAlias,
    keyAliasArn,
    clusterName: bp.name,
    backupBucket: bp.backup.bucketName ?? `${bp.name}-backups-${account}-${region}`,
    apiKeysSecret: `${bp.name}/weaviate/api-keys`,
    clusterAuthSecret: `${bp.name}/weaviate/cluster-auth`,
    backupApiKeySecret: `${bp.name}/weaviate/backup-api-key`,
    // Named anew when they moved to HTTPS on the TLS listener: CloudFormation cannot replace a named target group
    // in place, and a new port or protocol means a replacement.
    ingressTargetGroup: `${bp.name}-https`,
    ingressGrpcTargetGroup: `${bp.name}-grpcs`,
    backupReplicaBucket: replica && `${bp.name}-replica-${account}-${replica}`,
    backupReplicaKeyAlias: `alias/${bp.name}/backup-replica`,
    // At most 11 + 24 + 13 + 14 = 62 characters (IAM allows 64).
    backupReplicationRole: `vectorfort-${bp.name}-replication-${region}`,
    region,
    account,
  };
}
