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
import { CfnOutput, Stack, Tags, type Duration } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as shield from 'aws-cdk-lib/aws-shield';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { TAG_COMPONENT } from '../../contract/keys.js';
import type { RenderedChart } from '../../k8s/types.js';
import { acknowledgeControl } from '../acknowledge-control.js';
import { acknowledgeNag } from '../nag.js';
import { edgeCertificate } from './certificate.js';
import { CloudFrontEdge } from './cloudfront.js';
import { EdgeLoadBalancer, type EdgeLoadBalancerProps } from './load-balancer.js';
import { LoadBalancerController, type LoadBalancerControllerProps } from './load-balancer-controller.js';
import { WebAcl, type WebAclProps } from './web-acl.js';

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

/** A public hosted zone, by id and name. */
export interface HostedZoneReference {
  readonly hostedZoneId: string;
  readonly zoneName: string;
}

/** The ALB's certificate: imported by ARN, or issued for the domain name and DNS-validated in the hosted zone. */
export type EdgeCertificateProps =
  | {
      /** The ALB's certificate (in the stack's region). */
      readonly certificateArn: string;
      /** Gets the alias record. @default - no alias record */
      readonly hostedZone?: HostedZoneReference;
    }
  | {
      readonly certificateArn?: undefined;
      /** Validates the new certificate and gets the alias record. */
      readonly hostedZone: HostedZoneReference;
    };

/** How the load balancer registers the ingress gateway's pods. */
export interface IngressBindingProps {
  /** The AWS Load Balancer Controller, minus the target groups (the edge's own). */
  readonly controller: Omit<LoadBalancerControllerProps, 'targetGroups'>;
  /** The `edge` chart: the TargetGroupBinding applied once the controller and the gateway are in place. */
  readonly chart: RenderedChart;
  /** The ingress gateway's Helm release, the Service the binding points at. @default - none to wait for */
  readonly gateway?: Construct;
}

export interface EdgeBaseProps {
  /** Prefix of names (the blueprint name). */
  readonly name: string;
  /** `alb`: the ALB with a REGIONAL web ACL; `cloudfront`: CloudFront (CLOUDFRONT web ACL) in front of it. */
  readonly exposure: 'alb' | 'cloudfront';
  /** Where clients reach Weaviate. */
  readonly domainName: string;
  /** The load balancer, minus what the edge decides (certificate, origin header). */
  readonly loadBalancer: Omit<EdgeLoadBalancerProps, 'certificate' | 'requiredHeader'>;
  /** The web ACL to build here; its scope follows `exposure`. Unused with `usEast1`. */
  readonly webAcl: WebAclProps;
  /**
   * CloudFront's certificate and web ACL from the us-east-1 edge stack, for CloudFront in front of a stack in
   * another region. @default - built here: one certificate serves CloudFront and the ALB
   */
  readonly usEast1?: { readonly certificate: acm.ICertificate; readonly webAcl: WebAcl };
  /** Retention of CloudFront's access logs. */
  readonly cloudFrontLogRetention: Duration;
  /** Shield Advanced protection of the distribution or the ALB. @default false */
  readonly shieldAdvanced?: boolean;
  readonly ingressBinding: IngressBindingProps;
  /**
   * Whether the hosted zone gets an alias record for the domain name pointing at the ALB or CloudFront; false
   * when something else answers for the name (the Lattice service in front of an internal ALB).
   * @default true
   */
  readonly aliasRecord?: boolean;
}

export type EdgeProps = EdgeBaseProps & EdgeCertificateProps;

/** The front door for `exposure: alb | cloudfront` (the stack builds none for `private`). */
export class Edge extends Construct {
  readonly loadBalancer: EdgeLoadBalancer;
  /** The web ACL in front of Weaviate; in the us-east-1 edge stack for CloudFront outside us-east-1. */
  readonly webAcl: WebAcl;
  readonly cloudFront?: CloudFrontEdge;
  /** Registers the ingress gateway's pods in the load balancer's target group. */
  readonly loadBalancerController: LoadBalancerController;
  /** The ALB's certificate (imported or DNS-validated here). */
  readonly certificate: acm.ICertificate;
  /** The hosted zone of the domain name, when the blueprint names one. */
  readonly zone?: route53.IHostedZone;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const viaCloudFront = props.exposure === 'cloudfront';
    const zone =
      props.hostedZone && route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', props.hostedZone);
    const certificate = (this.certificate = edgeCertificate(
      this,
      'Certificate',
      props.certificateArn !== undefined
        ? { arn: props.certificateArn }
        : { domainName: props.domainName, zone: zone! },
    ));
    this.zone = zone;
    const originHeader = viaCloudFront ? this.originHeader(props.name) : undefined;

    this.loadBalancer = new EdgeLoadBalancer(this, 'Alb', {
      ...props.loadBalancer,
      certificate,
      requiredHeader: originHeader,
    });
    Tags.of(this.loadBalancer.loadBalancer).add(TAG_COMPONENT, 'alb');
    this.webAcl =
      props.usEast1?.webAcl ?? new WebAcl(this, viaCloudFront ? 'CloudFrontWaf' : 'Waf', props.webAcl);

    if (viaCloudFront)
      this.cloudFront = this.putCloudFrontInFront(
        props,
        props.usEast1?.certificate ?? certificate,
        originHeader!,
      );
    else
      new wafv2.CfnWebACLAssociation(this, 'WafAssociation', {
        resourceArn: this.loadBalancer.loadBalancer.loadBalancerArn,
        webAclArn: this.webAcl.webAcl.attrArn,
      });
    if (props.shieldAdvanced) this.protectWithShield(props.name);
    if (zone && props.aliasRecord !== false)
      new route53.ARecord(this, 'Alias', {
        zone,
        recordName: props.domainName,
        target: route53.RecordTarget.fromAlias(
          this.cloudFront
            ? new targets.CloudFrontTarget(this.cloudFront.distribution)
            : new targets.LoadBalancerTarget(this.loadBalancer.loadBalancer),
        ),
      });

    this.loadBalancerController = this.bindIngressGateway(props.ingressBinding);
    new CfnOutput(this, 'IngressTargetGroupArn', {
      description:
        'IP target group of the ingress gateway, filled by the AWS Load Balancer Controller (TargetGroupBinding in the edge chart)',
      value: this.loadBalancer.targetGroup.targetGroupArn,
    });
    new CfnOutput(this, 'Endpoint', {
      description: 'Where clients reach Weaviate',
      value: `https://${props.domainName}`,
    });
  }

  /** The secret header CloudFront adds and the ALB requires, generated in Secrets Manager. */
  private originHeader(name: string): { name: string; value: string } {
    const secret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: `vectorfort ${name}: value of the ${ORIGIN_VERIFY_HEADER} header CloudFront sends to the ALB`,
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
    return { name: ORIGIN_VERIFY_HEADER, value: secret.secretValue.unsafeUnwrap() };
  }

  private putCloudFrontInFront(
    props: EdgeProps,
    certificate: acm.ICertificate,
    originHeader: { name: string; value: string },
  ): CloudFrontEdge {
    const loadBalancer = this.loadBalancer.loadBalancer;
    const cloudFront = new CloudFrontEdge(this, 'CloudFront', {
      loadBalancer,
      domainName: props.domainName,
      certificate,
      webAclArn: this.webAcl.webAcl.attrArn,
      originHeader,
      serverAccessLogBucket: props.loadBalancer.accessLogBucket,
      logRetention: props.cloudFrontLogRetention,
    });
    acknowledgeNag(
      loadBalancer,
      'NIST.800.53.R5-ALBWAFEnabled',
      'CloudFront origin: the web ACL sits on the distribution (CLOUDFRONT scope); the ALB admits only the CloudFront origin-facing prefix list and requests carrying the secret origin header.',
    );
    acknowledgeNag(
      cloudFront.distribution,
      'AwsSolutions-CFR1',
      'Weaviate clients are not limited to named countries by the blueprint; the WAF rate and reputation rules apply instead.',
    );
    return cloudFront;
  }

  private protectWithShield(name: string): void {
    const distribution = this.cloudFront?.distribution;
    new shield.CfnProtection(this, 'ShieldProtection', {
      name: `${name}-${distribution ? 'cloudfront' : 'alb'}`,
      resourceArn: distribution
        ? Stack.of(this).formatArn({
            service: 'cloudfront',
            region: '',
            resource: 'distribution',
            resourceName: distribution.distributionId,
          })
        : this.loadBalancer.loadBalancer.loadBalancerArn,
    });
  }

  /**
   * Installs the AWS Load Balancer Controller once the namespaces, their policies and the node groups exist,
   * then applies the `edge` chart (the TargetGroupBinding) once both the controller (its CRD and webhook) and
   * the ingress gateway (the Service the binding points at) are in place.
   */
  private bindIngressGateway(binding: IngressBindingProps): LoadBalancerController {
    const { targetGroup, grpcTargetGroup } = this.loadBalancer;
    const controller = new LoadBalancerController(this, 'LoadBalancerController', {
      ...binding.controller,
      targetGroups: [targetGroup, grpcTargetGroup],
    });
    const manifest = binding.controller.cluster.addManifest(
      `Manifest-${binding.chart.name}`,
      ...binding.chart.objects,
    );
    manifest.node.addDependency(controller.chart);
    if (binding.gateway) manifest.node.addDependency(binding.gateway);
    // The target groups must exist before the controller resolves the bindings' names.
    manifest.node.addDependency(targetGroup, grpcTargetGroup);
    return controller;
  }
}
