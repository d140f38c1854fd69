/**
 * Which kinds are cluster-scoped. Built-in kinds are listed (from the Kubernetes API reference and the common
 * add-ons); custom kinds take their scope from a CustomResourceDefinition in the same input when there is one.
 */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterPolicy',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterSecretStore',
  'ClusterTrustBundle',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'EC2NodeClass',
  'FlowSchema',
  'GatewayClass',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'NodePool',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Scope of a kind: `kinds` holds custom kinds declared by CRDs of the input (kind → cluster-scoped?). */
export function isClusterScoped(kind: string, customKinds: ReadonlyMap<string, boolean>): boolean {
  return customKinds.get(kind) ?? CLUSTER_SCOPED.has(kind);
}

/** Custom kinds declared by the input's CustomResourceDefinitions, with their scope. */
export function customKindScopes(objects: readonly Record<string, unknown>[]): Map<string, boolean> {
  const scopes = new Map<string, boolean>();
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition') continue;
    const spec = object.spec as { names?: { kind?: unknown }; scope?: unknown } | undefined;
    const kind = spec?.names?.kind;
    if (typeof kind === 'string' && (spec?.scope === 'Cluster' || spec?.scope === 'Namespaced'))
      scopes.set(kind, spec.scope === 'Cluster');
  }
  return scopes;
}
