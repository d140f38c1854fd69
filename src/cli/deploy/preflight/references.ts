/**
 * What a blueprint refers to that must exist before the stacks are created: ACM certificates (each in the
 * region that uses it), the Route 53 hosted zone, and the alerting webhook secrets when the blueprint says they
 * exist already. Derived from the blueprint alone, so the list is testable without AWS.
 */
import type { Blueprint } from '../../../blueprint/index.js';

/** CloudFront takes certificates from this region only. */
const CLOUDFRONT_REGION = 'us-east-1';

export type Reference =
  | {
      readonly kind: 'certificate';
      readonly arn: string;
      /** The region the resource using it lives in: the certificate must be there. */
      readonly region: string;
      /** The blueprint field naming it. */
      readonly field: string;
    }
  | { readonly kind: 'hosted-zone'; readonly id: string; readonly name?: string; readonly field: string }
  | { readonly kind: 'secret'; readonly name: string; readonly region: string; readonly field: string };

export function referencesOf(bp: Blueprint): Reference[] {
  const region = bp.environment.region;
  const refs: Reference[] = [];
  const vpn = bp.adminAccess.clientVpn;
  if (vpn.enabled) {
    refs.push({
      kind: 'certificate',
      arn: vpn.serverCertificateArn,
      region,
      field: 'adminAccess.clientVpn.serverCertificateArn',
    });
    refs.push({
      kind: 'certificate',
      arn: vpn.clientRootCertificateArn,
      region,
      field: 'adminAccess.clientVpn.clientRootCertificateArn',
    });
  }
  if (bp.exposure !== 'private') {
    const edge = bp.edge;
    if (edge.certificateArn !== undefined)
      refs.push({ kind: 'certificate', arn: edge.certificateArn, region, field: 'edge.certificateArn' });
    if (bp.exposure === 'cloudfront' && edge.cloudFrontCertificateArn !== undefined)
      refs.push({
        kind: 'certificate',
        arn: edge.cloudFrontCertificateArn,
        region: CLOUDFRONT_REGION,
        field: 'edge.cloudFrontCertificateArn',
      });
    if (edge.hostedZoneId !== undefined)
      refs.push({
        kind: 'hosted-zone',
        id: edge.hostedZoneId,
        ...(edge.hostedZoneName === undefined ? {} : { name: edge.hostedZoneName }),
        field: 'edge.hostedZoneId',
      });
  }
  const alerting = bp.detection.alerting;
  if (alerting.enabled && !alerting.createSecrets) {
    refs.push({
      kind: 'secret',
      name: alerting.chatWebhookSecretName ?? `${bp.name}/alerts/chat-webhook`,
      region,
      field: 'detection.alerting.chatWebhookSecretName',
    });
    refs.push({
      kind: 'secret',
      name: alerting.pagingWebhookSecretName ?? `${bp.name}/alerts/paging-webhook`,
      region,
      field: 'detection.alerting.pagingWebhookSecretName',
    });
  }
  return refs;
}

/** The region in an ARN (`arn:partition:service:region:account:…`). */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}
