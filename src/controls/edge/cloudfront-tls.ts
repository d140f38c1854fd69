/** FSBP CloudFront.3 and CloudFront.10: TLS 1.2+ to viewers, HTTPS with TLS 1.2 to custom origins. */
import type { Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** Viewer security policies with TLS 1.2 as the minimum. */
export const MODERN_VIEWER_POLICIES = [
  'TLSv1.2_2018',
  'TLSv1.2_2019',
  'TLSv1.2_2021',
  'TLSv1.2_2025',
  'TLSv1.3_2025',
];

export const control: Control = {
  id: 'VF-EDGE-007',
  area: 'edge',
  title: 'CloudFront distributions use TLS 1.2+ to viewers and HTTPS to their origins',
  severity: 'high',
  rationale:
    "CloudFront's defaults accept TLS 1.0 from viewers and plain HTTP, and a custom origin reached over HTTP or SSLv3/TLS 1.0 exposes every request between the edge and the load balancer.",
  remediation:
    'Use a custom certificate with MinimumProtocolVersion TLSv1.2_2021, ViewerProtocolPolicy redirect-to-https or https-only on every behaviour, and OriginProtocolPolicy https-only with OriginSSLProtocols [TLSv1.2] on custom origins.',
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-10',
  ],
  frameworks: {
    'aws-fsbp': ['CloudFront.3', 'CloudFront.10'],
    'nist-csf-2.0': ['PR.DS-02'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.7'],
  },
  appliesTo: ['AWS::CloudFront::Distribution'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::CloudFront::Distribution').map((d) => {
      const problems: string[] = [];
      const unknowns: string[] = [];
      const minimum = stringOf(prop(d, 'DistributionConfig.ViewerCertificate.MinimumProtocolVersion'));
      if (isUnknownValue(minimum)) unknowns.push(`MinimumProtocolVersion: ${minimum.reason}`);
      else if (!minimum || !MODERN_VIEWER_POLICIES.includes(minimum))
        problems.push(
          `viewer minimum protocol is ${minimum ?? 'the default (TLSv1 with the CloudFront certificate)'}`,
        );
      const extra = listOf(prop(d, 'DistributionConfig.CacheBehaviors'));
      const behaviours = [
        prop(d, 'DistributionConfig.DefaultCacheBehavior'),
        ...(Array.isArray(extra) ? extra : []),
      ];
      for (const b of behaviours) {
        if (isUnknownValue(b)) unknowns.push(`a cache behaviour: ${b.reason}`);
        if (!isObject(b)) continue;
        const policy = stringOf(b.ViewerProtocolPolicy);
        if (isUnknownValue(policy)) unknowns.push(`ViewerProtocolPolicy: ${policy.reason}`);
        else if (policy === 'allow-all' || policy === undefined)
          problems.push('a behaviour allows plain HTTP');
      }
      const origins = listOf(prop(d, 'DistributionConfig.Origins'));
      if (isUnknownValue(origins)) unknowns.push(`Origins: ${origins.reason}`);
      for (const o of Array.isArray(origins) ? origins : []) {
        if (isUnknownValue(o)) unknowns.push(`an origin: ${o.reason}`);
        else if (isObject(o) && isUnknownValue(o.CustomOriginConfig))
          unknowns.push(`CustomOriginConfig: ${o.CustomOriginConfig.reason}`);
        if (!isObject(o) || !isObject(o.CustomOriginConfig)) continue;
        const c = o.CustomOriginConfig;
        const protocol = stringOf(c.OriginProtocolPolicy);
        if (isUnknownValue(protocol)) unknowns.push(`OriginProtocolPolicy: ${protocol.reason}`);
        else if (protocol !== 'https-only')
          problems.push(`origin ${String(stringOf(o.Id))} is reached with ${protocol}`);
        const ssl = listOf(c.OriginSSLProtocols);
        if (isUnknownValue(ssl)) unknowns.push(`OriginSSLProtocols: ${ssl.reason}`);
        const weak = Array.isArray(ssl)
          ? ssl.filter((p) => p !== 'TLSv1.2')
          : ssl === undefined
            ? ['the default TLSv1/TLSv1.1']
            : [];
        if (weak.length) problems.push(`origin ${String(stringOf(o.Id))} accepts ${weak.join(', ')}`);
      }
      if (problems.length) return result(d, 'fail', problems.join('; '), 'DistributionConfig');
      if (unknowns.length) return result(d, 'unknown', unknowns.join('; '), 'DistributionConfig');
      return result(d, 'pass', 'TLS 1.2+ to viewers and HTTPS with TLS 1.2 to origins', 'DistributionConfig');
    });
  },
};
