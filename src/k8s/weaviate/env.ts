/**
 * Weaviate's configuration, entirely through its environment (weaviate.md §2–§8). Secrets only by reference;
 * every security-relevant switch is set explicitly, because several default to the unsafe value (anonymous
 * access turns itself on when no method is enabled, the pprof listener binds unless disabled).
 */
import type { IEnvVar } from 'kubernetes-models/v1';
import type { RenderContext } from '../context.js';
import { API_KEYS_SECRET, CLUSTER_AUTH_SECRET } from './secrets.js';

/** Variables the composed key and user lists are expanded from (Kubernetes `$(NAME)` references). */
export const CLIENT_KEYS_VARIABLE = 'VF_CLIENT_API_KEYS';
export const CLIENT_USERS_VARIABLE = 'VF_CLIENT_API_USERS';

/** Where Weaviate keeps its data (the persistent volume). */
export const DATA_PATH = '/var/lib/weaviate';
/** Raft voters: every replica up to five; larger clusters keep five voters (as the official chart does). */
export const MAX_RAFT_VOTERS = 5;

const value = (name: string, v: string | number | boolean): IEnvVar => ({ name, value: String(v) });
const fromSecret = (name: string, secret: string, key: string): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

export function raftVoters(ctx: RenderContext): string[] {
  const n = Math.min(ctx.bp.weaviate.replicas, MAX_RAFT_VOTERS);
  return Array.from({ length: n }, (_, i) => `${ctx.names.weaviate.statefulSet}-${i}`);
}

/**
 * GOMEMLIMIT at 80% of the memory limit, so Go's GC works harder before the kernel's OOM killer acts. The
 * blueprint schema admits only `<n>Mi` and `<n>Gi`.
 */
export function goMemLimit(memory: string): string {
  const mib = Number.parseInt(memory, 10) * (memory.endsWith('Gi') ? 1024 : 1);
  return `${Math.floor(mib * 0.8)}MiB`;
}

export function weaviateEnv(ctx: RenderContext): IEnvVar[] {
  const w = ctx.bp.weaviate;
  const { ports, authentication: authn, authorization: authz } = w;
  const names = ctx.names.weaviate;
  const voters = raftVoters(ctx);
  const env: IEnvVar[] = [
    // Raft and memberlist name nodes by hostname: the pod name, stable in a StatefulSet.
    { name: 'CLUSTER_HOSTNAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    value('CLUSTER_JOIN', `${names.headlessService}.${names.namespace}.svc.cluster.local.`),
    value('CLUSTER_GOSSIP_BIND_PORT', ports.gossip),
    value('CLUSTER_DATA_BIND_PORT', ports.data),
    fromSecret('CLUSTER_BASIC_AUTH_USERNAME', CLUSTER_AUTH_SECRET.name, CLUSTER_AUTH_SECRET.username),
    fromSecret('CLUSTER_BASIC_AUTH_PASSWORD', CLUSTER_AUTH_SECRET.name, CLUSTER_AUTH_SECRET.password),
    value('RAFT_PORT', ports.raft),
    value('RAFT_INTERNAL_RPC_PORT', ports.raftRpc),
    value('RAFT_JOIN', voters.join(',')),
    value('RAFT_BOOTSTRAP_EXPECT', voters.length),
    value('GRPC_PORT', ports.grpc),
    value('PERSISTENCE_DATA_PATH', DATA_PATH),
    value('QUERY_MAXIMUM_RESULTS', w.queryMaximumResults),
    value('REPLICATION_MINIMUM_FACTOR', w.replicationFactor),
    value('GOMEMLIMIT', goMemLimit(w.resources.memory)),

    // Authentication: anonymous access set explicitly (false unless the named weakening is on).
    value('AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED', authn.allowAnonymousAccess),
    // API keys stay on for the backup user even when clients authenticate with OIDC only.
    value('AUTHENTICATION_APIKEY_ENABLED', true),
    // The roster lists every user's allowed keys (the backup user's too, rotated like the others); Kubernetes
    // expands `$(NAME)` from the variables above it, so no key is in any manifest.
    fromSecret(CLIENT_KEYS_VARIABLE, API_KEYS_SECRET.name, API_KEYS_SECRET.keys),
    fromSecret(CLIENT_USERS_VARIABLE, API_KEYS_SECRET.name, API_KEYS_SECRET.users),
    value('AUTHENTICATION_APIKEY_ALLOWED_KEYS', `$(${CLIENT_KEYS_VARIABLE})`),
    value('AUTHENTICATION_APIKEY_USERS', `$(${CLIENT_USERS_VARIABLE})`),
  ];
  env.push(value('AUTHENTICATION_OIDC_ENABLED', authn.oidc.enabled));
  if (authn.oidc.enabled)
    env.push(
      value('AUTHENTICATION_OIDC_ISSUER', authn.oidc.issuer ?? ''),
      value('AUTHENTICATION_OIDC_CLIENT_ID', authn.oidc.clientId ?? ''),
      value('AUTHENTICATION_OIDC_USERNAME_CLAIM', authn.oidc.usernameClaim),
      value('AUTHENTICATION_OIDC_GROUPS_CLAIM', authn.oidc.groupsClaim),
      value('AUTHENTICATION_OIDC_SCOPES', authn.oidc.scopes.join(',')),
    );

  // Authorization: RBAC or the admin list, never both (Weaviate refuses to start with both).
  if (authz.mode === 'rbac') {
    env.push(value('AUTHORIZATION_RBAC_ENABLED', true));
    if (authz.rootUsers.length) env.push(value('AUTHORIZATION_RBAC_ROOT_USERS', authz.rootUsers.join(',')));
    if (authz.rootGroups.length)
      env.push(value('AUTHORIZATION_RBAC_ROOT_GROUPS', authz.rootGroups.join(',')));
    if (authz.readOnlyGroups.length)
      env.push(value('AUTHORIZATION_RBAC_READONLY_GROUPS', authz.readOnlyGroups.join(',')));
  } else {
    env.push(
      value('AUTHORIZATION_ADMINLIST_ENABLED', true),
      // The admin list has no role narrower than admin: there the backup user must be an admin to back up.
      value('AUTHORIZATION_ADMINLIST_USERS', [...authz.adminUsers, ctx.bp.backup.weaviateUser].join(',')),
    );
    if (authz.readOnlyUsers.length)
      env.push(value('AUTHORIZATION_ADMINLIST_READONLY_USERS', authz.readOnlyUsers.join(',')));
  }

  // Backups to the stack's bucket; credentials from EKS Pod Identity (no access keys anywhere: stale keys
  // in the environment would silently win over the role). The endpoint is S3's regional name, which the
  // interface endpoint's private DNS answers: the module's default (the global s3.amazonaws.com) would resolve
  // to public addresses that Weaviate's NetworkPolicy does not admit.
  env.push(
    value('ENABLE_MODULES', ['backup-s3', ...w.extraModules.filter((m) => m !== 'backup-s3')].join(',')),
    value('BACKUP_S3_BUCKET', ctx.aws.backupBucket),
    value('BACKUP_S3_PATH', ctx.bp.backup.prefix),
    value('BACKUP_S3_ENDPOINT', s3RegionalEndpoint(ctx.aws.region)),
    value('BACKUP_S3_USE_SSL', true),
    value('AWS_REGION', ctx.aws.region),

    // Observability on, debug surfaces off.
    value('PROMETHEUS_MONITORING_ENABLED', true),
    value('PROMETHEUS_MONITORING_PORT', ports.metrics),
    value('GO_PROFILING_DISABLE', true),
    value('DISABLE_TELEMETRY', true),
  );
  return env;
}

/** S3's regional service name, the one an S3 interface endpoint's private DNS answers. */
export function s3RegionalEndpoint(region: string): string {
  return `s3.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}
