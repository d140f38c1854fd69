/**
 * Without the mesh (`mesh.enabled: false`, allowed only without exposure) the mesh controls fail on Weaviate
 * by construction. The blueprint named the weakening, so the objects carry it as an acknowledgement with the
 * reason, the way the AWS parts acknowledge theirs: the report shows what is given up and what still holds.
 */
import { acknowledgementAnnotation } from '../contract/acknowledgement.js';
import type { RenderContext } from './context.js';

const NO_IDENTITY =
  'Weakening mesh.enabled: false, set in the blueprint: Weaviate runs without a sidecar, so its connections carry no verified workload identity; NetworkPolicies and security groups alone decide who connects';

/** A metadata fragment: `annotations` only when there is an acknowledgement, so other objects stay as they were. */
type AnnotationsFragment = { annotations?: Record<string, string> };

/** The acknowledgements of a Weaviate StatefulSet (the database's or the drill's scratch copy) without the mesh. */
export function meshOffWorkloadAcknowledgements(ctx: RenderContext): Record<string, string> {
  return ctx.bp.mesh.enabled ? {} : { 'VF-MESH-001': NO_IDENTITY, 'VF-MESH-004': NO_IDENTITY };
}

/** The Weaviate StatefulSet's acknowledgements: no mutual TLS, no injection. */
export function meshOffWorkloadMetadata(ctx: RenderContext): AnnotationsFragment {
  if (ctx.bp.mesh.enabled) return {};
  return { annotations: acknowledgementAnnotation(meshOffWorkloadAcknowledgements(ctx)) };
}

/** The acknowledgements of Weaviate's namespaces (and the drill's): no AuthorizationPolicy to deny by default. */
export function meshOffNamespaceMetadata(ctx: RenderContext, namespace: string): AnnotationsFragment {
  const weaviateNamespaces = [ctx.names.weaviate.namespace, ctx.names.scratchWeaviate.namespace];
  if (ctx.bp.mesh.enabled || !weaviateNamespaces.includes(namespace)) return {};
  return { annotations: acknowledgementAnnotation({ 'VF-MESH-003': NO_IDENTITY }) };
}
