/**
 * Weaviate as an Amazon VPC Lattice service (blueprint `exposure: lattice`).
 *
 * A service network with auth type AWS_IAM carries one service, also AWS_IAM, so every request is signed with
 * SigV4 and must be allowed by both auth policies (auth-policy.ts). The service's HTTPS listener (443, the edge's
 * ACM certificate on the custom domain, or Lattice's managed certificate on its generated name) forwards to two
 * target groups of type ALB: REST over HTTP/1.1 and gRPC (requests whose `content-type` starts with
 * `application/grpc`) over HTTP/2. Their one target is the internal ALB, whose own IP target groups the AWS Load
 * Balancer Controller keeps in sync with the Istio ingress gateway's pods (TargetGroupBinding), so the gateway
 * pods are the targets in the end, registered the way the ALB's always are. No other controller runs with
 * Lattice permissions.
 *
 * Lattice writes the service network's and the service's access logs to a log group encrypted with the logs
 * key. The service network is shared through AWS RAM with the consumers' accounts (and any organizations or OUs
 * the blueprint names); only organization members can accept unless external principals are allowed.
 */
import { ArnFormat, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as lattice from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import type { LatticeConsumer } from '../../blueprint/index.js';
import { consumerAccounts, serviceAuthPolicy, serviceNetworkAuthPolicy } from './auth-policy.js';

/** gRPC requests carry `application/grpc`, optionally with a suffix such as `+proto`. */
export const LATTICE_GRPC_CONTENT_TYPE_PREFIX = 'application/grpc';

export interface LatticeServiceProps {
  /** Prefix of names (the blueprint name). */
  readonly name: string;
  readonly vpc: ec2.IVpc;
  /** The internal ALB in front of the ingress gateway; its HTTPS listener must be on 443. */
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly consumers: readonly LatticeConsumer[];
  /**
   * The custom domain and its ACM certificate (same region).
   * @default - the domain name Lattice generates, with its managed certificate
   */
  readonly customDomain?: {
    readonly domainName: string;
    readonly certificateArn: string;
    /** Gets a CNAME to the service's generated name. @default - no record */
    readonly zone?: route53.IHostedZone;
  };
  /**
   * The security group of this VPC's association with the service network.
   * @default - this VPC is not associated
   */
  readonly associationSecurityGroup?: ec2.ISecurityGroup;
  /** Organizations or OUs to share the service network with, besides the consumers' accounts. @default [] */
  readonly shareWith?: readonly string[];
  /** Whether the RAM share may reach accounts outside the organization. @default false */
  readonly allowExternalPrincipals?: boolean;
  /** Encrypts the access log group. */
  readonly logsKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
}

export class LatticeService extends Construct {
  readonly serviceNetwork: lattice.CfnServiceNetwork;
  readonly service: lattice.CfnService;
  readonly listener: lattice.CfnListener;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LatticeServiceProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const resourceName = `${props.name}-weaviate`;
    this.serviceNetwork = new lattice.CfnServiceNetwork(this, 'ServiceNetwork', {
      name: resourceName,
      authType: 'AWS_IAM',
    });
    this.service = new lattice.CfnService(this, 'Service', {
      name: resourceName,
      authType: 'AWS_IAM',
      ...(props.customDomain
        ? {
            customDomainName: props.customDomain.domainName,
            certificateArn: props.customDomain.certificateArn,
          }
        : {}),
    });
    new lattice.CfnAuthPolicy(this, 'ServiceNetworkAuthPolicy', {
      resourceIdentifier: this.serviceNetwork.attrId,
      policy: serviceNetworkAuthPolicy(props.consumers, this.service.attrArn),
    });
    new lattice.CfnAuthPolicy(this, 'ServiceAuthPolicy', {
      resourceIdentifier: this.service.attrId,
      policy: serviceAuthPolicy(props.consumers, this.service.attrArn),
    });
    new lattice.CfnServiceNetworkServiceAssociation(this, 'ServiceAssociation', {
      serviceNetworkIdentifier: this.serviceNetwork.attrId,
      serviceIdentifier: this.service.attrId,
    });

    const rest = this.albTargetGroup('RestTargets', `${resourceName}-rest`, 'HTTP1', props);
    const grpc = this.albTargetGroup('GrpcTargets', `${resourceName}-grpc`, 'HTTP2', props);
    this.listener = new lattice.CfnListener(this, 'Https', {
      serviceIdentifier: this.service.attrId,
      name: 'https',
      protocol: 'HTTPS',
      port: 443,
      defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: rest.attrId, weight: 100 }] } },
    });
    new lattice.CfnRule(this, 'Grpc', {
      serviceIdentifier: this.service.attrId,
      listenerIdentifier: this.listener.attrId,
      name: 'grpc',
      priority: 1,
      match: {
        httpMatch: {
          headerMatches: [
            {
              name: 'content-type',
              caseSensitive: false,
              match: { prefix: LATTICE_GRPC_CONTENT_TYPE_PREFIX },
            },
          ],
        },
      },
      action: { forward: { targetGroups: [{ targetGroupIdentifier: grpc.attrId, weight: 100 }] } },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      encryptionKey: props.logsKey,
      retention: props.logRetention,
    });
    // Lattice takes the log group's ARN without the `:*` suffix CloudFormation's Arn attribute carries.
    const destinationArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.accessLogs.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    new lattice.CfnAccessLogSubscription(this, 'ServiceNetworkAccessLogs', {
      resourceIdentifier: this.serviceNetwork.attrId,
      destinationArn,
    });
    new lattice.CfnAccessLogSubscription(this, 'ServiceAccessLogs', {
      resourceIdentifier: this.service.attrId,
      destinationArn,
    });

    if (props.associationSecurityGroup)
      new lattice.CfnServiceNetworkVpcAssociation(this, 'VpcAssociation', {
        serviceNetworkIdentifier: this.serviceNetwork.attrId,
        vpcIdentifier: props.vpc.vpcId,
        securityGroupIds: [props.associationSecurityGroup.securityGroupId],
      });
    this.share(props, stack.account);

    if (props.customDomain?.zone)
      new route53.CnameRecord(this, 'Cname', {
        zone: props.customDomain.zone,
        recordName: props.customDomain.domainName,
        domainName: this.service.attrDnsEntryDomainName,
        ttl: Duration.minutes(5),
      });
    new CfnOutput(this, 'LatticeServiceDomain', {
      description: 'The domain name Lattice generated for the Weaviate service',
      value: this.service.attrDnsEntryDomainName,
    });
    new CfnOutput(this, 'LatticeServiceNetworkArn', {
      description: 'The service network consumers associate their VPCs with (shared through AWS RAM)',
      value: this.serviceNetwork.attrArn,
    });
  }

  private albTargetGroup(
    id: string,
    name: string,
    protocolVersion: 'HTTP1' | 'HTTP2',
    props: LatticeServiceProps,
  ): lattice.CfnTargetGroup {
    return new lattice.CfnTargetGroup(this, id, {
      name,
      type: 'ALB',
      config: { port: 443, protocol: 'HTTPS', protocolVersion, vpcIdentifier: props.vpc.vpcId },
      targets: [{ id: props.loadBalancer.loadBalancerArn, port: 443 }],
    });
  }

  /** Shares the service network with the consumers' other accounts and the organizations or OUs named. */
  private share(props: LatticeServiceProps, ownAccount: string): void {
    const principals = [
      ...consumerAccounts(props.consumers).filter((a) => a !== ownAccount),
      ...(props.shareWith ?? []),
    ];
    if (principals.length === 0) return;
    new ram.CfnResourceShare(this, 'Share', {
      name: `${props.name}-weaviate-lattice`,
      resourceArns: [this.serviceNetwork.attrArn],
      principals,
      allowExternalPrincipals: props.allowExternalPrincipals ?? false,
    });
  }
}
