/** FSBP ELB.17: HTTPS/TLS listeners use a policy with TLS 1.2+ and forward-secret suites only. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isUnknownValue, numberOf, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/**
 * Policies that offer TLS 1.2 or later with ECDHE key exchange only (forward secrecy). The `Ext1`/`Ext2`
 * variants and the pre-2021 policies add RSA key exchange or TLS 1.0/1.1 and are not listed.
 */
export const FORWARD_SECRECY_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
];

/** `HTTPS listener App/Listener on port 443`, so a finding names the listener wherever it is shown. */
function describeListener(l: CfnResource, protocol: string): string {
  const port = numberOf(prop(l, 'Port'), 'Port');
  return `${protocol} listener ${l.key}${typeof port === 'number' ? ` on port ${port}` : ''}`;
}

export const control: Control = {
  id: 'VF-EDGE-001',
  area: 'edge',
  title: 'Load balancer HTTPS listeners use a TLS 1.2+ forward-secrecy policy',
  severity: 'high',
  rationale:
    'A listener without an explicit policy gets ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 and RSA key exchange: a recorded session can be decrypted later if the certificate key leaks. Forward-secret TLS 1.2/1.3 policies close both gaps.',
  remediation:
    'Set SslPolicy on every HTTPS/TLS listener to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (or another policy of the TLS13 / FS-1-2 families without Ext).',
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17',
  ],
  frameworks: {
    'aws-fsbp': ['ELB.17'],
    'nist-csf-2.0': ['PR.DS-02'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.7'],
  },
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const results: ControlResult[] = [];
    for (const l of resourcesOfType(inventory, 'AWS::ElasticLoadBalancingV2::Listener')) {
      const protocol = stringOf(prop(l, 'Protocol'), 'Protocol');
      if (isUnknownValue(protocol)) {
        results.push(result(l, 'unknown', `Protocol: ${protocol.reason}`, 'Protocol'));
        continue;
      }
      if (protocol !== 'HTTPS' && protocol !== 'TLS') continue;
      const listener = describeListener(l, protocol);
      const policy = stringOf(prop(l, 'SslPolicy'), 'SslPolicy');
      if (policy === undefined)
        results.push(
          result(
            l,
            'fail',
            `${listener} sets no SslPolicy, so it uses ELBSecurityPolicy-2016-08 (TLS 1.0, RSA key exchange)`,
            'SslPolicy',
          ),
        );
      else if (isUnknownValue(policy))
        results.push(result(l, 'unknown', `${listener}: SslPolicy ${policy.reason}`, 'SslPolicy'));
      else if (FORWARD_SECRECY_POLICIES.includes(policy))
        results.push(
          result(l, 'pass', `${listener} uses ${policy}: TLS 1.2+ with forward secrecy only`, 'SslPolicy'),
        );
      else
        results.push(
          result(
            l,
            'fail',
            `${listener} uses ${policy}, which allows TLS below 1.2 or suites without forward secrecy`,
            'SslPolicy',
          ),
        );
    }
    return results;
  },
};
