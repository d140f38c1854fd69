/**
 * The Application Load Balancer in front of the Istio ingress gateway.
 *
 * HTTPS only, with a TLS policy that offers TLS 1.3 and 1.2 with forward-secret AES-GCM suites only
 * (`ELBSecurityPolicy-TLS13-1-2-Res-2021-06`); port 80 (only when the flow spec admits it) answers with a
 * permanent redirect to HTTPS. Invalid header fields are dropped and HTTP desync mitigation is `strictest`.
 * Access logs go to the stack's log bucket, which uses SSE-S3 because ELB log delivery supports no other
 * encryption. Targets are the ingress gateway pods by IP, over HTTPS to the gateway's TLS listener (its
 * certificate comes from the cluster's own CA; the load balancer does not validate target certificates, so the
 * hop is encrypted against anything reading VPC traffic, not authenticated). The health check asks Weaviate's readiness endpoint
 * through the gateway, so an ALB target is healthy only when the gateway can reach a ready Weaviate. The AWS Load
 * Balancer Controller registers the gateway's pods (load-balancer-controller.ts and the `edge` chart).
 *
 * gRPC (the protocol Weaviate's v4 clients use for queries and batch imports) needs a target group of its own: a
 * target group with the default protocol version speaks HTTP/1.1 to its targets, which gRPC cannot use. Requests
 * whose `content-type` is `application/grpc…` go to a GRPC target group on the same gateway pods (HTTP/2 over TLS
 * to the gateway), health-checked with the standard gRPC health service, which Weaviate implements.
 *
 * Listeners are created with `open: false`: the load balancer's security group comes from the flow spec
 * (`alb` component), nothing here adds an ingress rule.
 */
import { Duration } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.js';

/** The TLS policy of the HTTPS listener: TLS 1.3 and 1.2, forward secrecy, AES-GCM only. */
export const ALB_TLS_POLICY = elbv2.SslPolicy.TLS13_RES;
/** Weaviate's readiness endpoint (200 once the node has joined the cluster and loaded its shards). */
export const WEAVIATE_READINESS_PATH = '/v1/.well-known/ready';
/** The standard gRPC health service, which Weaviate implements (SERVING, no authentication). */
export const GRPC_HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';
/** gRPC requests carry `application/grpc`, optionally with a suffix such as `+proto`. */
export const GRPC_CONTENT_TYPE_PATTERN = 'application/grpc*';

export interface EdgeLoadBalancerProps {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly internetFacing: boolean;
  /** The `alb` security group generated from the flow spec. */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly certificate: acm.ICertificate;
  /**
   * Name of the target group (the TargetGroupBinding in the GitOps manifests names it). A named target group
   * cannot be replaced in place: changing its port or target type means a new name.
   */
  readonly targetGroupName: string;
  /** Name of the gRPC target group (HTTP/2 to the same gateway pods). */
  readonly grpcTargetGroupName: string;
  /** Port of the ingress gateway's TLS listener (IP targets, HTTPS). */
  readonly targetPort: number;
  /** Whether the flow spec admits plain HTTP (port 80) for the redirect. */
  readonly redirectHttp: boolean;
  /** @default true */
  readonly deletionProtection?: boolean;
  readonly accessLogBucket: s3.IBucket;
  /** @default 'alb' */
  readonly accessLogPrefix?: string;
  /**
   * When set, the HTTPS listener forwards only requests that carry this header with this value (the CloudFront
   * origin secret) and answers 403 to everything else.
   * @default - every request is forwarded
   */
  readonly requiredHeader?: { readonly name: string; readonly value: string };
}

export class EdgeLoadBalancer extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly httpsListener: elbv2.ApplicationListener;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** gRPC requests (protocol version GRPC), same targets. */
  readonly grpcTargetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: EdgeLoadBalancerProps) {
    super(scope, id);
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      internetFacing: props.internetFacing,
      securityGroup: props.securityGroup,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.STRICTEST,
      deletionProtection: props.deletionProtection ?? true,
      http2Enabled: true,
    });
    this.loadBalancer.logAccessLogs(props.accessLogBucket, props.accessLogPrefix ?? 'alb');
    if (props.deletionProtection === false)
      acknowledgeNag(
        this.loadBalancer,
        'NIST.800.53.R5-ELBDeletionProtectionEnabled',
        "Deletion protection is off by the blueprint's choice (edge.deletionProtection; the development preset turns it off so the stack can be torn down).",
      );

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'IngressGateway', {
      targetGroupName: props.targetGroupName,
      vpc: props.vpc,
      targetType: elbv2.TargetType.IP,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      port: props.targetPort,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: WEAVIATE_READINESS_PATH,
        port: 'traffic-port',
        protocol: elbv2.Protocol.HTTPS,
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });

    this.grpcTargetGroup = new elbv2.ApplicationTargetGroup(this, 'IngressGatewayGrpc', {
      targetGroupName: props.grpcTargetGroupName,
      vpc: props.vpc,
      targetType: elbv2.TargetType.IP,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      protocolVersion: elbv2.ApplicationProtocolVersion.GRPC,
      port: props.targetPort,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: GRPC_HEALTH_CHECK_PATH,
        port: 'traffic-port',
        protocol: elbv2.Protocol.HTTPS,
        healthyGrpcCodes: '0',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });

    const header = props.requiredHeader;
    const grpcCondition = elbv2.ListenerCondition.httpHeader('content-type', [GRPC_CONTENT_TYPE_PATTERN]);
    const originCondition = header ? [elbv2.ListenerCondition.httpHeader(header.name, [header.value])] : [];
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [props.certificate],
      sslPolicy: ALB_TLS_POLICY,
      open: false,
      defaultAction: header
        ? elbv2.ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'Forbidden' })
        : elbv2.ListenerAction.forward([this.targetGroup]),
    });
    new elbv2.ApplicationListenerRule(this, 'Grpc', {
      listener: this.httpsListener,
      priority: 1,
      conditions: [...originCondition, grpcCondition],
      action: elbv2.ListenerAction.forward([this.grpcTargetGroup]),
    });
    if (header)
      new elbv2.ApplicationListenerRule(this, 'FromCloudFront', {
        listener: this.httpsListener,
        priority: 2,
        conditions: originCondition,
        action: elbv2.ListenerAction.forward([this.targetGroup]),
      });
    if (props.redirectHttp) {
      const redirect = this.loadBalancer.addListener('HttpRedirect', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      acknowledgeNag(
        redirect,
        'NIST.800.53.R5-ELBv2ACMCertificateRequired',
        'Plain-HTTP listener whose only action is a permanent redirect to HTTPS; it forwards nothing to a target, so there is nothing to encrypt.',
      );
    }
    // CDK tags listeners and listener rules (newer resource schemas allow it), but the schemas cfn-lint and
    // several partitions validate against do not; their tags carry nothing a reviewer needs.
    for (const child of this.node.findAll())
      if (child instanceof elbv2.CfnListener || child instanceof elbv2.CfnListenerRule)
        child.addPropertyDeletionOverride('Tags');
  }
}
