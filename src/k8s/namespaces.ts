/**
 * Namespaces we create, each enforcing, auditing and warning on the `restricted` Pod Security profile pinned to
 * the cluster's version (an unpinned label follows the API server and can change meaning on upgrade).
 */
import { Namespace } from 'kubernetes-models/v1';
import { CERT_MANAGER, ingressGatewayServesTls } from '../flows/index.js';
import { PSS_LEVEL, pssVersion, type RenderContext } from './context.js';
import { logCollectionNamespace, logCollectionNamespaceOverrides } from './log-collection.js';
import { meshOffNamespaceMetadata } from './mesh-off.js';

/** The namespaces this project creates (and therefore closes with default-deny policies). */
export function ownedNamespaces(ctx: RenderContext): string[] {
  const { names, bp } = ctx;
  const list = [names.weaviate.namespace];
  if (bp.mesh.enabled) list.push(names.ingressGateway.namespace);
  if (bp.monitoring.enabled) list.push(names.prometheus.namespace);
  if (bp.exposure !== 'private') list.push(names.loadBalancerController.namespace);
  if (bp.backup.restoreDrill.enabled) list.push(names.scratchWeaviate.namespace);
  if (ingressGatewayServesTls(bp)) list.push(CERT_MANAGER.namespace);
  const logging = logCollectionNamespace(ctx);
  if (logging) list.push(logging);
  return [...new Set(list)];
}

/** Namespaces whose pods get sidecars and STRICT mTLS: Weaviate's, and the restore drill's scratch. */
export function meshedNamespaces(ctx: RenderContext): string[] {
  const { names, bp } = ctx;
  return [
    names.weaviate.namespace,
    ...(bp.backup.restoreDrill.enabled ? [names.scratchWeaviate.namespace] : []),
  ];
}

/** Namespace label that makes the AWS Load Balancer Controller inject target-health readiness gates. */
export const READINESS_GATE_LABEL = 'elbv2.k8s.aws/pod-readiness-gate-inject';

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
  return ownedNamespaces(ctx).map((name) => {
    const logging = logCollectionNamespaceOverrides(ctx, name);
    return new Namespace({
      metadata: {
        name,
        ...meshOffNamespaceMetadata(ctx, name),
        ...(logging.annotations ? { annotations: logging.annotations } : {}),
        labels: {
          ...ctx.commonLabels,
          ...podSecurityLabels(version),
          // Sidecars for Weaviate; the gateway's pods are injected through the gateway chart's own labels.
          ...(ctx.bp.mesh.enabled && meshedNamespaces(ctx).includes(name)
            ? { 'istio-injection': 'enabled' }
            : {}),
          // Gateway pods get a readiness gate tied to their ALB target health, so a rollout never takes
          // the last healthy target out of the load balancer.
          ...(ctx.bp.exposure !== 'private' && name === ctx.names.ingressGateway.namespace
            ? { [READINESS_GATE_LABEL]: 'enabled' }
            : {}),
          ...logging.labels,
        },
      },
    });
  });
}
