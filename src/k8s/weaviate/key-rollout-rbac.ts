/**
 * What the rotation function may do in the cluster: read the synced roster and cluster password Secrets and the
 * Weaviate StatefulSet, patch the StatefulSet (the pod-template annotations that restart it), and delete
 * Weaviate's pods (the cluster password's rotation restarts them together). Each rule names its objects. The
 * function's IAM role maps to API_KEY_ROLLOUT_GROUP through an access entry with no access policy
 * (aws/api-key-rotation.ts), so this Role is all it holds.
 */
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import type { RenderContext } from '../context.js';
import { API_KEYS_SECRET, CLUSTER_AUTH_SECRET } from './secrets.js';

/** The Kubernetes group of the rotation function's access entry. */
export const API_KEY_ROLLOUT_GROUP = 'vectorfort:api-key-rollout';
/** Name of the Role and its RoleBinding. */
export const API_KEY_ROLLOUT_ROLE = 'api-key-rollout';

export function keyRolloutRbac(ctx: RenderContext): [Role, RoleBinding] {
  const n = ctx.names.weaviate;
  const labels = { ...ctx.commonLabels, ...n.labels };
  return [
    new Role({
      metadata: { name: API_KEY_ROLLOUT_ROLE, namespace: n.namespace, labels },
      rules: [
        {
          apiGroups: [''],
          resources: ['secrets'],
          resourceNames: [API_KEYS_SECRET.name, CLUSTER_AUTH_SECRET.name],
          verbs: ['get'],
        },
        {
          apiGroups: ['apps'],
          resources: ['statefulsets'],
          resourceNames: [n.statefulSet],
          verbs: ['get', 'patch'],
        },
        {
          apiGroups: [''],
          resources: ['pods'],
          resourceNames: weaviatePodNames(n.statefulSet, ctx.bp.weaviate.replicas),
          verbs: ['delete'],
        },
      ],
    }),
    new RoleBinding({
      metadata: { name: API_KEY_ROLLOUT_ROLE, namespace: n.namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: API_KEY_ROLLOUT_ROLE },
      subjects: [{ kind: 'Group', name: API_KEY_ROLLOUT_GROUP, apiGroup: 'rbac.authorization.k8s.io' }],
    }),
  ];
}

/** The StatefulSet's pods by name (`<statefulSet>-0` …): the ones the rotation may delete. */
export function weaviatePodNames(statefulSet: string, replicas: number): string[] {
  return Array.from({ length: replicas }, (_, i) => `${statefulSet}-${i}`);
}
