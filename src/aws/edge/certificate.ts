/**
 * The edge's certificates as the blueprint describes them: an imported ACM certificate, or a new one for
 * `edge.domainName`, DNS-validated in the blueprint's hosted zone. The main stack (the ALB's certificate, and
 * CloudFront's in us-east-1) and the us-east-1 edge stack (CloudFront's elsewhere) read the blueprint the same way.
 */
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { Blueprint } from '../../blueprint/index.js';

/** The blueprint's hosted zone, when it names one (id and name). */
export function hostedZoneOf(scope: Construct, edge: Blueprint['edge']): route53.IHostedZone | undefined {
  if (!edge.hostedZoneId || !edge.hostedZoneName) return undefined;
  return route53.HostedZone.fromHostedZoneAttributes(scope, 'Zone', {
    hostedZoneId: edge.hostedZoneId,
    zoneName: edge.hostedZoneName.replace(/\.$/, ''),
  });
}

export interface EdgeCertificateSource {
  /** The imported certificate's ARN, when the blueprint gives one. */
  readonly arn: string | undefined;
  /** The blueprint field that ARN comes from, for the error when neither source is given. */
  readonly arnField: string;
  readonly domainName: string | undefined;
  readonly zone: route53.IHostedZone | undefined;
}

/** The imported certificate, or a new DNS-validated one; a blueprint with neither is an error. */
export function edgeCertificate(
  scope: Construct,
  id: string,
  source: EdgeCertificateSource,
): acm.ICertificate {
  if (source.arn) return acm.Certificate.fromCertificateArn(scope, id, source.arn);
  if (!source.zone || !source.domainName)
    throw new RangeError(
      `edge needs ${source.arnField}, or domainName, hostedZoneId and hostedZoneName for a DNS-validated certificate`,
    );
  return new acm.Certificate(scope, id, {
    domainName: source.domainName,
    validation: acm.CertificateValidation.fromDns(source.zone),
  });
}
