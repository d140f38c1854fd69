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

/** The Weaviate StatefulSet's acknowledgements: no mutual TLS, no injection. */
export function meshOffWorkloadMetadata(ctx: RenderContext): AnnotationsFragment {
  if (ctx.bp.mesh.enabled) return {};
  return {
    annotations: acknowledgementAnnotation({ 'VF-MESH-001': NO_IDENTITY, 'VF-MESH-004': NO_IDENTITY }),
  };
}

/** The acknowledgements of Weaviate's namespace: no AuthorizationPolicy to deny by default. */
export function meshOffNamespaceMetadata(ctx: RenderContext, namespace: string): AnnotationsFragment {
  if (ctx.bp.mesh.enabled || namespace !== ctx.names.weaviate.namespace) return {};
  return { annotations: acknowledgementAnnotation({ 'VF-MESH-003': NO_IDENTITY }) };
}
