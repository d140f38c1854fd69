/**
 * The sets of layers that enforce a flow, by the kind of traffic. The order inside each set is kept as written
 * in the spec.
 */
import type { Layer } from './types.js';

/** Between AWS resources and node groups: security groups and network ACLs. */
export const NETWORK_LAYERS = ['security-group', 'network-acl'] as const satisfies readonly Layer[];

/** From or to pods: their NetworkPolicies, and the node's security group and the tier's ACL underneath. */
export const POD_LAYERS = ['network-policy', ...NETWORK_LAYERS] as const satisfies readonly Layer[];

/** Between meshed pods: the pod layers and the mesh's AuthorizationPolicies. */
export const ALL_LAYERS = [...POD_LAYERS, 'mesh'] as const satisfies readonly Layer[];

/** From a load balancer to pods (IP targets): the AWS network first, then the pods' NetworkPolicies. */
export const NETWORK_TO_POD_LAYERS = [
  ...NETWORK_LAYERS,
  'network-policy',
] as const satisfies readonly Layer[];

/**
 * From pods to a service on their own node (the Pod Identity agent): the traffic never leaves the node, so
 * only NetworkPolicy sees it.
 */
export const ON_NODE_LAYERS = ['network-policy'] as const satisfies readonly Layer[];

/** Pod-to-pod layers: with the mesh on, its policies enforce the flow too. */
export function podLayers(meshEnabled: boolean): readonly Layer[] {
  return meshEnabled ? ALL_LAYERS : POD_LAYERS;
}
