/**
 * The front door (blueprint `exposure`, `edge`). `private` (the default) builds nothing: no load balancer, no
 * distribution, nothing reachable from the internet. `alb` puts an ALB with a REGIONAL web ACL in front of the
 * ingress gateway; `cloudfront` puts CloudFront with a CLOUDFRONT-scope web ACL in front of that ALB, which then
 * admits only CloudFront.
 *
 * CloudFront's certificate and its web ACL must live in us-east-1. With the stack in us-east-1 they are built
 * here, and one certificate serves CloudFront and the ALB. In any other region they live in the us-east-1
 * companion stack (edge-stack.ts) and reach the distribution here through CDK's cross-region references, while
 * the ALB gets its own certificate in this region (DNS-validated here, or `edge.certificateArn`).
 */
import { CfnOutput, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as shield from 'aws-cdk-lib/aws-shield';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { COMPONENT_TAG } from '../../flows/index.js';
import { CHART_NAMES } from '../../k8s/index.js';
import { acknowledgeControl } from '../acknowledge-control.js';
import { acknowledgeNag } from '../nag.js';
import type { VectorfortStack } from '../stack.js';
import { edgeCertificate, hostedZoneOf } from './certificate.js';
import { CloudFrontEdge } from './cloudfront.js';
import { EdgeLoadBalancer } from './load-balancer.js';
import { LoadBalancerController } from './load-balancer-controller.js';
import { WebAcl, webAclPropsOf } from './web-acl.js';

export { ALB_TLS_POLICY, WEAVIATE_READINESS_PATH, EdgeLoadBalancer } from './load-balancer.js';
export { WebAcl, MANAGED_RULE_GROUPS, ANONYMOUS_IP_RULE_GROUP, REDACTED_HEADERS } from './web-acl.js';
export { CloudFrontEdge } from './cloudfront.js';
export {
  LoadBalancerController,
  LOAD_BALANCER_CONTROLLER_CHART,
  LOAD_BALANCER_CONTROLLER_DESCRIBE_ACTIONS,
} from './load-balancer-controller.js';
export { greaterThanRegex } from './content-length-regex.js';

/** Header CloudFront adds to origin requests; the ALB forwards only requests that carry the secret in it. */
export const ORIGIN_VERIFY_HEADER = 'x-vectorfort-origin-verify';

export interface Edge {
  readonly loadBalancer: EdgeLoadBalancer;
  /** The web ACL in front of Weaviate; in the us-east-1 edge stack for CloudFront outside us-east-1. */
  readonly webAcl: WebAcl;
  readonly cloudFront?: CloudFrontEdge;
  /** Registers the ingress gateway's pods in the load balancer's target group. */
  readonly loadBalancerController: LoadBalancerController;
}

/** Builds the edge for the stack's blueprint; undefined for `exposure: private`. */
export function addEdge(stack: VectorfortStack): Edge | undefined {
  const bp = stack.blueprint;
  if (bp.exposure === 'private') return undefined;
  return new EdgeResources(stack, 'Edge').edge;
}

class EdgeResources extends Construct {
  readonly edge: Edge;

  constructor(stack: VectorfortStack, id: string) {
    super(stack, id);
    const bp = stack.blueprint;
    const edge = bp.edge;
    const viaCloudFront = bp.exposure === 'cloudfront';
    if (!edge.domainName) throw new RangeError(`exposure "${bp.exposure}" needs edge.domainName`);
    const edgeStack = stack.edgeStack;
    if (edgeStack && edge.shieldAdvanced)
      throw new RangeError(
        `Shield Advanced for a distribution must be created in us-east-1; with the stack in ${Stack.of(this).region} the blueprint rejects it`,
      );
    const spec = stack.flowSpec;
    const zone = hostedZoneOf(this, edge);
    const certificate = edgeCertificate(this, 'Certificate', {
      arn: edge.certificateArn,
      arnField: 'certificateArn',
      domainName: edge.domainName,
      zone,
    });
    // Outside us-east-1 the certificate above is the ALB's; CloudFront's comes from the us-east-1 stack.
    const cloudFrontCertificate = edgeStack?.certificate ?? certificate;

    let originHeader: { name: string; value: string } | undefined;
    if (viaCloudFront) {
      const secret = new secretsmanager.Secret(this, 'OriginSecret', {
        description: `vectorfort ${bp.name}: value of the ${ORIGIN_VERIFY_HEADER} header CloudFront sends to the ALB`,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
      acknowledgeNag(
        secret,
        'AwsSolutions-SMG4',
        'The origin header value is written into the CloudFront distribution and the ALB listener rule at deploy time; rotating it means redeploying the stack (documented), so automatic rotation would break the origin.',
      );
      acknowledgeNag(
        secret,
        'NIST.800.53.R5-SecretsManagerRotationEnabled',
        'The origin header value is written into the CloudFront distribution and the ALB listener rule at deploy time; rotation is a redeploy (documented).',
      );
      acknowledgeNag(
        secret,
        'NIST.800.53.R5-SecretsManagerUsingKMSKey',
        'CloudFront and the listener rule keep the value in their own configuration; a customer-managed key on the secret would not narrow who can read it.',
      );
      acknowledgeControl(
        secret,
        'VF-DATA-012',
        'CloudFront and the ALB listener rule keep the header value in their own configuration; a customer-managed key on the secret would not narrow who can read it.',
      );
      acknowledgeControl(
        secret,
        'VF-DATA-013',
        'The origin header value is written into the CloudFront distribution and the ALB listener rule at deploy time; rotating it is a redeploy (documented), so automatic rotation would break the origin.',
      );
      originHeader = { name: ORIGIN_VERIFY_HEADER, value: secret.secretValue.unsafeUnwrap() };
    }

    const flows = spec.flows.filter((f) => f.to === 'alb');
    const loadBalancer = new EdgeLoadBalancer(this, 'Alb', {
      vpc: stack.network.vpc,
      subnets: stack.network.subnets(edge.scheme === 'internal' ? 'application' : 'public'),
      internetFacing: edge.scheme === 'internet-facing',
      securityGroup: stack.network.securityGroups.securityGroup('alb'),
      certificate,
      targetGroupName: stack.names.ingressTargetGroup,
      grpcTargetGroupName: stack.names.ingressGrpcTargetGroup,
      targetPort: stack.workloadNames.ingressGateway.httpPort,
      redirectHttp: flows.some((f) => f.port === 80),
      deletionProtection: edge.deletionProtection,
      accessLogBucket: stack.backup.accessLogBucket,
      requiredHeader: originHeader,
    });
    Tags.of(loadBalancer.loadBalancer).add(COMPONENT_TAG, 'alb');

    const webAcl =
      edgeStack?.webAcl ??
      new WebAcl(
        this,
        viaCloudFront ? 'CloudFrontWaf' : 'Waf',
        webAclPropsOf(bp, viaCloudFront ? 'CLOUDFRONT' : 'REGIONAL', stack.keys.key('logs')),
      );

    let cloudFront: CloudFrontEdge | undefined;
    if (viaCloudFront) {
      cloudFront = new CloudFrontEdge(this, 'CloudFront', {
        loadBalancer: loadBalancer.loadBalancer,
        domainName: edge.domainName,
        certificate: cloudFrontCertificate,
        webAclArn: webAcl.webAcl.attrArn,
        originHeader: originHeader!,
        serverAccessLogBucket: stack.backup.accessLogBucket,
        logRetention: Duration.days(bp.detection.cloudTrail.logRetentionDays),
      });
      acknowledgeNag(
        loadBalancer.loadBalancer,
        'NIST.800.53.R5-ALBWAFEnabled',
        'CloudFront origin: the web ACL sits on the distribution (CLOUDFRONT scope); the ALB admits only the CloudFront origin-facing prefix list and requests carrying the secret origin header.',
      );
      acknowledgeNag(
        cloudFront.distribution,
        'AwsSolutions-CFR1',
        'Weaviate clients are not limited to named countries by the blueprint; the WAF rate and reputation rules apply instead.',
      );
    } else {
      new wafv2.CfnWebACLAssociation(this, 'WafAssociation', {
        resourceArn: loadBalancer.loadBalancer.loadBalancerArn,
        webAclArn: webAcl.webAcl.attrArn,
      });
    }

    if (edge.shieldAdvanced)
      new shield.CfnProtection(this, 'ShieldProtection', {
        name: `${bp.name}-${viaCloudFront ? 'cloudfront' : 'alb'}`,
        resourceArn: cloudFront
          ? Stack.of(this).formatArn({
              service: 'cloudfront',
              region: '',
              resource: 'distribution',
              resourceName: cloudFront.distribution.distributionId,
            })
          : loadBalancer.loadBalancer.loadBalancerArn,
      });

    if (zone)
      new route53.ARecord(this, 'Alias', {
        zone,
        recordName: edge.domainName,
        target: route53.RecordTarget.fromAlias(
          cloudFront
            ? new targets.CloudFrontTarget(cloudFront.distribution)
            : new targets.LoadBalancerTarget(loadBalancer.loadBalancer),
        ),
      });

    const loadBalancerController = bindIngressGateway(stack, this, loadBalancer);
    new CfnOutput(this, 'IngressTargetGroupArn', {
      description:
        'IP target group of the ingress gateway, filled by the AWS Load Balancer Controller (TargetGroupBinding in the edge chart)',
      value: loadBalancer.targetGroup.targetGroupArn,
    });
    new CfnOutput(this, 'Endpoint', {
      description: 'Where clients reach Weaviate',
      value: `https://${edge.domainName}`,
    });
    this.edge = { loadBalancer, webAcl, cloudFront, loadBalancerController };
  }
}

/**
 * Installs the AWS Load Balancer Controller once the namespaces, their policies and the node groups exist, then
 * applies the `edge` chart (the TargetGroupBinding) once both the controller (its CRD and webhook) and the
 * ingress gateway (the Service the binding points at) are in place.
 */
function bindIngressGateway(
  stack: VectorfortStack,
  scope: Construct,
  loadBalancer: EdgeLoadBalancer,
): LoadBalancerController {
  const workload = stack.workload;
  const nodes = Object.values(stack.cluster.nodeGroups).map((g) => g.nodegroup);
  const namespaces = workload.manifests[CHART_NAMES.namespaces];
  const policies = workload.manifests[CHART_NAMES.networkPolicies];
  const controller = new LoadBalancerController(scope, 'LoadBalancerController', {
    stack,
    targetGroups: [loadBalancer.targetGroup, loadBalancer.grpcTargetGroup],
    after: [...nodes, ...[namespaces, policies].filter((m) => m !== undefined)],
  });
  const chart = workload.charts.find((c) => c.name === CHART_NAMES.edge);
  if (!chart)
    throw new RangeError('the edge chart is missing: the stack was given charts rendered without exposure');
  const binding = stack.cluster.cluster.addManifest(`Manifest-${chart.name}`, ...chart.objects);
  binding.node.addDependency(controller.chart);
  const gateway = workload.helmCharts.gateway;
  if (gateway) binding.node.addDependency(gateway);
  // The target groups must exist before the controller resolves the bindings' names.
  binding.node.addDependency(loadBalancer.targetGroup, loadBalancer.grpcTargetGroup);
  return controller;
}
