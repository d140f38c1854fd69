/** The environment the rotation function reads; the stack sets it (aws/api-key-rotation.ts). */
export const ROTATION_ENV = {
  /** ARN of the roster secret Weaviate reads (`{"keys", "users"}`). */
  rosterSecretArn: 'VF_ROSTER_SECRET_ARN',
  /** JSON list of the ARNs of every user's key secret, in roster order. */
  userSecretArns: 'VF_USER_SECRET_ARNS',
  /** JSON list of the users those secrets belong to, in the same order. */
  userNames: 'VF_USER_NAMES',
  /** The EKS cluster's name (the token's `x-k8s-aws-id`). */
  clusterName: 'VF_CLUSTER_NAME',
  /** `https://…` of the cluster's API server. */
  clusterEndpoint: 'VF_CLUSTER_ENDPOINT',
  /** The cluster's CA certificate, base64 of the PEM (as EKS reports it). */
  clusterCertificateAuthority: 'VF_CLUSTER_CA',
  /** Weaviate's namespace, StatefulSet and synced roster Secret. */
  weaviateNamespace: 'VF_WEAVIATE_NAMESPACE',
  weaviateStatefulSet: 'VF_WEAVIATE_STATEFULSET',
  rosterKubernetesSecret: 'VF_ROSTER_K8S_SECRET',
  /** ARN of Weaviate's cluster password secret (`{"username", "password"}`); unset: the function rotates none. */
  clusterAuthSecretArn: 'VF_CLUSTER_AUTH_SECRET_ARN',
  /** The synced Kubernetes Secret the pods read the cluster password from. */
  clusterAuthKubernetesSecret: 'VF_CLUSTER_AUTH_K8S_SECRET',
  /** The maintenance window (JSON, maintenance-window.ts) in which the cluster password may rotate. */
  clusterAuthWindow: 'VF_CLUSTER_AUTH_WINDOW',
  /** JSON list of the Weaviate pods' names, which the function deletes together to restart them. */
  weaviatePods: 'VF_WEAVIATE_PODS',
} as const;

/** The keys of the synced roster Secret (the names the SecretProviderClass gives them). */
export const ROSTER_SECRET_KEYS = { keys: 'allowed-keys', users: 'users' } as const;

/** The keys of the synced cluster password Secret. */
export const CLUSTER_AUTH_SECRET_KEYS = { username: 'username', password: 'password' } as const;
