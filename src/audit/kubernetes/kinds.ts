/**
 * The Kubernetes kinds the audit reads (what the controls and the prover check; never Secrets), and how a live
 * object is cleaned into the shape a manifest has: server-written fields dropped, and objects another object
 * owns (a Deployment's ReplicaSets and Pods) left to their owner, which the controls check.
 */
export interface AuditedKind {
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * A custom resource's plural name, by which it is listed through the custom objects API: the library's
   * generic list reads a kind it does not model with an object's metadata, which has no continue token, so
   * every page after the first would be lost without a word.
   * @default - a built-in kind, listed through the generic list
   */
  readonly plural?: string;
}

export const AUDITED_KINDS: readonly AuditedKind[] = [
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'batch/v1', kind: 'CronJob' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', plural: 'peerauthentications' },
  { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', plural: 'authorizationpolicies' },
  { apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'TargetGroupBinding', plural: 'targetgroupbindings' },
  // Whether the ingress gateway ends TLS for the load balancer (VF-REACH-011) is read from its Gateway servers.
  { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', plural: 'gateways' },
];

const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object as a manifest would state it, or undefined when its owner stands for it. */
export function asManifest(
  item: unknown,
  apiVersion?: string,
  kind?: string,
): Record<string, unknown> | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const object = { ...(item as Record<string, unknown>) };
  // A list answer's items carry no apiVersion or kind: they are the list's.
  if (object.apiVersion === undefined && apiVersion) object.apiVersion = apiVersion;
  if (object.kind === undefined && kind) object.kind = kind;
  delete object.status;
  const metadata = object.metadata;
  if (typeof metadata === 'object' && metadata !== null) {
    const m = { ...(metadata as Record<string, unknown>) };
    const owners = m.ownerReferences;
    if (
      Array.isArray(owners) &&
      owners.length > 0 &&
      ['Pod', 'ReplicaSet', 'Job'].includes(String(object.kind))
    )
      return undefined;
    for (const key of SERVER_METADATA) delete m[key];
    if (typeof m.annotations === 'object' && m.annotations !== null) {
      const annotations = { ...(m.annotations as Record<string, unknown>) };
      delete annotations[LAST_APPLIED];
      m.annotations = annotations;
    }
    object.metadata = m;
  }
  return object;
}

/** The objects of a `kubectl get -o json` answer: a `List` (or `…List`) of items, or one object. */
export function objectsOf(value: unknown): Record<string, unknown>[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.items) && typeof v.kind === 'string' && v.kind.endsWith('List')) {
    const itemKind = v.kind === 'List' ? undefined : v.kind.slice(0, -'List'.length);
    return v.items
      .map((item) => asManifest(item, typeof v.apiVersion === 'string' ? v.apiVersion : undefined, itemKind))
      .filter((o): o is Record<string, unknown> => o !== undefined);
  }
  const one = asManifest(v);
  return one ? [one] : [];
}
