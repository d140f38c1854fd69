/**
 * CloudFront in front of the ALB (`exposure: cloudfront`).
 *
 * The ALB stays internet-facing (CloudFront needs a public origin) but admits only CloudFront: its security
 * group allows the `com.amazonaws.global.cloudfront.origin-facing` prefix list (a flow in the spec), and its
 * HTTPS listener forwards only requests carrying a secret origin header that CloudFront adds; everything else
 * gets 403. The secret is generated in Secrets Manager and reaches both sides as a CloudFormation dynamic
 * reference, never as a template literal.
 *
 * Viewers: TLS 1.2 minimum (`TLSv1.2_2021`), HTTP redirected to HTTPS, no caching (Weaviate answers are
 * per-request), every viewer header forwarded including Host, so CloudFront validates the origin certificate
 * against the public domain name the ALB's certificate is issued for. Origin connections: HTTPS only, TLS 1.2.
 * Access logs go to a dedicated bucket (CloudFront's standard logging needs ACLs, which the other buckets turn off).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgeControl } from '../acknowledge-control.js';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.js';

export interface CloudFrontEdgeProps {
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly domainName: string;
  /** Certificate for the domain name, in us-east-1. */
  readonly certificate: acm.ICertificate;
  /** ARN of the CLOUDFRONT-scope web ACL. */
  readonly webAclArn: string;
  /** The origin header CloudFront adds and the ALB requires. */
  readonly originHeader: { readonly name: string; readonly value: string };
  /** Bucket receiving the log bucket's own server access logs. */
  readonly serverAccessLogBucket: s3.IBucket;
  /** @default Duration.days(365) */
  readonly logRetention?: Duration;
}

export class CloudFrontEdge extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: CloudFrontEdgeProps) {
    super(scope, id);
    this.logBucket = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with an ACL grant; the bucket owner still owns every object.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.serverAccessLogBucket,
      serverAccessLogsPrefix: 'cloudfront-logs/',
      lifecycleRules: [
        {
          id: 'expire-cloudfront-logs',
          expiration: props.logRetention ?? Duration.days(365),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeControl(
      this.logBucket,
      'VF-DATA-001',
      'CloudFront standard logs are delivered by the log delivery account through an ACL grant; the bucket uses SSE-S3 so delivery needs no grant on a customer-managed key, and it holds request metadata only (no Weaviate data).',
    );

    acknowledgeNag(
      this.logBucket,
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'CloudFront standard logging writes through the log delivery account with ACL grants; SSE-S3 avoids giving that account use of a customer-managed key.',
    );
    acknowledgeNag(
      this.logBucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'CDN access logs are audit copies of requests, not backups: they expire after the audit retention, and replicating them to the backup replica region is a follow-up.',
    );
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `vectorfort: ${props.domainName}`,
      domainNames: [props.domainName],
      certificate: props.certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: new origins.LoadBalancerV2Origin(props.loadBalancer, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          customHeaders: { [props.originHeader.name]: props.originHeader.value },
          readTimeout: Duration.seconds(60),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Weaviate's clients query and import over gRPC; the ALB routes it to its gRPC target group.
        enableGrpc: true,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
      },
    });
  }
}
