/**
 * The binding between the ALB's target group (created by the stack) and the Istio ingress gateway: the AWS Load
 * Balancer Controller watches the gateway Service's endpoints and registers each pod IP as a target, and
 * deregisters it (after the ALB's deregistration delay) when the pod goes away. The targets are the gateway's TLS
 * listener (`INGRESS_GATEWAY_TLS.port`). Without it the target group
 * stays empty and the load balancer answers 503.
 *
 * The binding names the target group by name, not ARN: the ARN exists only at deploy time, and these manifests
 * are plain YAML for GitOps as well. `networking` is left out on purpose: the controller then changes no security
 * group (the flow spec owns every rule), so its IAM role needs no security-group write access.
 *
 * kubernetes-models has no model for `elbv2.k8s.aws`, so the object is typed here.
 */
import { INGRESS_GATEWAY_TLS } from '../flows/index.js';
import type { RenderContext } from './context.js';

export const TARGET_GROUP_BINDING_NAME = 'ingress-gateway';
export const GRPC_TARGET_GROUP_BINDING_NAME = 'ingress-gateway-grpc';

export interface TargetGroupBinding {
  readonly apiVersion: 'elbv2.k8s.aws/v1beta1';
  readonly kind: 'TargetGroupBinding';
  readonly metadata: { name: string; namespace: string; labels: Record<string, string> };
  readonly spec: {
    targetGroupName: string;
    targetType: 'ip' | 'instance';
    serviceRef: { name: string; port: number | string };
  };
}

/**
 * A binding of the ingress gateway's Service (the gateway chart's release name) to one of the ALB's target groups:
 * REST and gRPC have one each, with the same pods as targets.
 */
export function targetGroupBinding(
  ctx: RenderContext,
  name: string,
  targetGroupName: string,
): TargetGroupBinding {
  const gateway = ctx.names.ingressGateway;
  return {
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'TargetGroupBinding',
    metadata: {
      name,
      namespace: gateway.namespace,
      labels: { ...ctx.commonLabels },
    },
    spec: {
      targetGroupName,
      targetType: 'ip',
      serviceRef: { name: gateway.serviceAccount, port: INGRESS_GATEWAY_TLS.port },
    },
  };
}

export function edgeObjects(ctx: RenderContext): TargetGroupBinding[] {
  if (ctx.bp.exposure === 'private') return [];
  return [
    targetGroupBinding(ctx, TARGET_GROUP_BINDING_NAME, ctx.aws.ingressTargetGroup),
    targetGroupBinding(ctx, GRPC_TARGET_GROUP_BINDING_NAME, ctx.aws.ingressGrpcTargetGroup),
  ];
}
