/**
 * The companion stack `vectorfort-<name>-edge`, in us-east-1 of the same account, for `exposure: cloudfront`
 * when the blueprint's region is another. CloudFront takes its certificate and its CLOUDFRONT-scope web ACL from
 * us-east-1 only, so they live here; the distribution stays in the main stack, which reads their ARNs through
 * CDK's cross-region references (with the app's feature flags, `Fn::GetStackOutput` on this stack's outputs: no
 * export writer or reader custom resources). CloudFormation does not stop this stack's deletion while the main
 * stack still reads it; delete the main stack first.
 *
 * It holds:
 * - CloudFront's certificate, DNS-validated in the blueprint's hosted zone, or the one the blueprint imports
 *   (`edge.cloudFrontCertificateArn`, a plain ARN: the main stack then reads no output for it);
 * - the CLOUDFRONT-scope web ACL (the same WebAcl construct as everywhere: managed groups, rate and size rules,
 *   custom rules, logging with Authorization redacted, the blocked-spike alarm);
 * - a customer-managed logs key for the web ACL's log group (the Keys construct, rotated, lockout-safe policy);
 * - the forwarding of the alarm's ALARM transitions to the main region's event bus (alarm-forwarding.ts).
 *
 * The flow spec metadata stays on the main stack: nothing here carries traffic between modelled components.
 */
import { Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct } from 'constructs';
import type { Blueprint } from '../../blueprint/index.js';
import { TAG_BLUEPRINT } from '../../contract/keys.js';
import { awsNames } from '../../flows/index.js';
import { ValidationError } from '../errors.js';
import { Keys } from '../keys.js';
import { acknowledgeNag } from '../nag.js';
import { AlarmForwarding } from './alarm-forwarding.js';
import { edgeCertificate, hostedZoneOf } from './certificate.js';
import { WebAcl, webAclPropsOf } from './web-acl.js';

/** The only region CloudFront takes certificates and web ACLs from. */
export const CLOUDFRONT_REGION = 'us-east-1';

/** Whether the blueprint needs the us-east-1 companion stack. */
export function needsEdgeStack(bp: Blueprint): boolean {
  return bp.exposure === 'cloudfront' && bp.environment.region !== CLOUDFRONT_REGION;
}

export interface VectorfortEdgeStackProps extends StackProps {
  readonly blueprint: Blueprint;
}

export class VectorfortEdgeStack extends Stack {
  readonly blueprint: Blueprint;
  readonly keys: Keys;
  /** CloudFront's certificate: DNS-validated here, or the one the blueprint imports (`cloudFrontCertificateArn`). */
  readonly certificate: acm.ICertificate;
  readonly webAcl: WebAcl;
  /** Forwards the web ACL's alarm to the main region; undefined when alerting is off. */
  readonly alarmForwarding?: AlarmForwarding;

  constructor(scope: Construct, id: string, props: VectorfortEdgeStackProps) {
    const bp = props.blueprint;
    super(scope, id, {
      ...props,
      env: { account: bp.environment.account, region: CLOUDFRONT_REGION },
      crossRegionReferences: true,
      description: `vectorfort: CloudFront certificate and web ACL in ${CLOUDFRONT_REGION} for ${bp.name} (${bp.environment.region})`,
    });
    if (!needsEdgeStack(bp))
      throw new ValidationError(
        'edge-stack-not-needed',
        `the edge stack is for exposure "cloudfront" outside ${CLOUDFRONT_REGION} (got exposure "${bp.exposure}" in ${bp.environment.region})`,
        this,
      );
    this.blueprint = bp;
    const edge = bp.edge;
    for (const [key, value] of Object.entries(bp.tags)) Tags.of(this).add(key, value);
    Tags.of(this).add(TAG_BLUEPRINT, bp.name);

    this.keys = new Keys(this, 'Keys', {
      aliases: awsNames(bp).keyAlias,
      rotationPeriod: Duration.days(bp.keys.rotationPeriodDays),
      pendingWindow: Duration.days(bp.keys.deletionWindowDays),
      administratorArns: bp.keys.administratorArns,
      purposes: ['logs'],
      descriptions: { logs: 'CloudWatch log group of the CloudFront web ACL (WAF logs)' },
    });

    const zone = hostedZoneOf(this, edge);
    // The rules `edge.domainName` and `edge.cloudFrontCertificateArn` leave an ARN, or a domain name and a zone.
    this.certificate = edgeCertificate(
      this,
      'CloudFrontCertificate',
      edge.cloudFrontCertificateArn
        ? { arn: edge.cloudFrontCertificateArn }
        : { domainName: edge.domainName!, zone: zone! },
    );
    this.webAcl = new WebAcl(this, 'CloudFrontWaf', webAclPropsOf(bp, 'CLOUDFRONT', this.keys.key('logs')));

    const alarm = this.webAcl.blockedSpikeAlarm;
    if (bp.detection.alerting.enabled) {
      this.alarmForwarding = new AlarmForwarding(this, 'AlarmForwarding', {
        alarms: [alarm],
        toRegion: bp.environment.region,
      });
      acknowledgeNag(
        alarm,
        'NIST.800.53.R5-CloudWatchAlarmAction',
        `An alarm action cannot publish to the alert topic in ${bp.environment.region}; the AlarmForwarding EventBridge rule sends its ALARM transitions to that region's default bus, where the main stack routes them to the alert topic.`,
      );
    } else {
      acknowledgeNag(
        alarm,
        'NIST.800.53.R5-CloudWatchAlarmAction',
        'Alerting is off in this blueprint, so there is no topic to notify; the alarm state stays visible in CloudWatch and Security Hub.',
      );
    }
  }
}
