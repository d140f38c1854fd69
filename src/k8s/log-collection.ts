/**
 * The log collector's namespace. Fluent Bit reads the nodes' log files through hostPath volumes, which every
 * Pod Security level but `privileged` forbids, so this namespace alone enforces `privileged`; it still audits
 * and warns at `restricted`, so each pod's remaining deviations are logged by the API server. The exception is
 * acknowledged on the namespace with what still holds: the values run Fluent Bit without host networking,
 * privilege escalation or any capability, on a read-only root file system, reading the log directories
 * read-only (k8s values in aws/log-collection.ts).
 */
import { acknowledgementAnnotation } from '../contract/acknowledgement.js';
import { logCollectionNames } from '../flows/index.js';
import type { RenderContext } from './context.js';

const PRIVILEGED_REASON =
  "Fluent Bit reads the nodes' container and journal logs through read-only hostPath volumes (and keeps its read positions in one writable host directory), which only the privileged Pod Security level admits; it runs without host network or PID, privilege escalation or capabilities, on a read-only root file system, and this namespace holds nothing else (default-deny NetworkPolicies, its own service account)";

/** The collector's namespace, when the blueprint collects logs. */
export function logCollectionNamespace(ctx: RenderContext): string | undefined {
  return ctx.bp.logs.collection.enabled ? logCollectionNames(ctx.bp).namespace : undefined;
}

/** Labels and annotations replacing the restricted profile on the collector's namespace. */
export function logCollectionNamespaceOverrides(
  ctx: RenderContext,
  name: string,
): { labels: Record<string, string>; annotations?: Record<string, string> } {
  if (name !== logCollectionNamespace(ctx)) return { labels: {} };
  return {
    labels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
    annotations: acknowledgementAnnotation({ 'VF-K8S-012': PRIVILEGED_REASON }),
  };
}
