/**
 * Namespaces we create, each enforcing, auditing and warning on the `restricted` Pod Security profile pinned to
 * the cluster's version (an unpinned label follows the API server and can change meaning on upgrade).
 */
import { Namespace } from 'kubernetes-models/v1';
import { PSS_LEVEL, pssVersion, type RenderContext } from './context.js';

/** The namespaces this project creates (and therefore closes with default-deny policies). */
export function ownedNamespaces(ctx: RenderContext): string[] {
  const { names, bp } = ctx;
  const list = [names.weaviate.namespace];
  if (bp.mesh.enabled) list.push(names.ingressGateway.namespace);
  if (bp.monitoring.enabled) list.push(names.prometheus.namespace);
  return [...new Set(list)];
}

export function podSecurityLabels(version: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = PSS_LEVEL;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}

export function namespaces(ctx: RenderContext): Namespace[] {
  const version = pssVersion(ctx.bp);
  return ownedNamespaces(ctx).map(
    (name) =>
      new Namespace({
        metadata: {
          name,
          labels: {
            ...ctx.commonLabels,
            ...podSecurityLabels(version),
            // Sidecars for Weaviate; the gateway's pods are injected through the gateway chart's own labels.
            ...(ctx.bp.mesh.enabled && name === ctx.names.weaviate.namespace
              ? { 'istio-injection': 'enabled' }
              : {}),
          },
        },
      }),
  );
}
