/**
 * The edge's certificates as the blueprint describes them: an imported ACM certificate, or a new one for
 * `edge.domainName`, DNS-validated in the blueprint's hosted zone. The main stack (the ALB's certificate, and
 * CloudFront's in us-east-1) and the us-east-1 edge stack (CloudFront's elsewhere) read the blueprint the same way.
 * The blueprint rules (`edge.certificateArn`, `edge.cloudFrontCertificateArn`) guarantee one of the two sources.
 */
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { Blueprint } from '../../blueprint/index.js';

/** The blueprint's hosted zone, when it names one (id and name). */
export function hostedZoneAttributesOf(edge: Blueprint['edge']): route53.HostedZoneAttributes | undefined {
  if (!edge.hostedZoneId || !edge.hostedZoneName) return undefined;
  return { hostedZoneId: edge.hostedZoneId, zoneName: edge.hostedZoneName.replace(/\.$/, '') };
}

/** The blueprint's hosted zone, imported into `scope`, when it names one. */
export function hostedZoneOf(scope: Construct, edge: Blueprint['edge']): route53.IHostedZone | undefined {
  const attributes = hostedZoneAttributesOf(edge);
  return attributes && route53.HostedZone.fromHostedZoneAttributes(scope, 'Zone', attributes);
}

/** An imported certificate, or a new one for a domain name, DNS-validated in its hosted zone. */
export type EdgeCertificateSource =
  { readonly arn: string } | { readonly domainName: string; readonly zone: route53.IHostedZone };

export function edgeCertificate(
  scope: Construct,
  id: string,
  source: EdgeCertificateSource,
): acm.ICertificate {
  if ('arn' in source) return acm.Certificate.fromCertificateArn(scope, id, source.arn);
  return new acm.Certificate(scope, id, {
    domainName: source.domainName,
    validation: acm.CertificateValidation.fromDns(source.zone),
  });
}
