/**
 * Detection and response (blueprint `detection`): CloudTrail, GuardDuty, AWS Config, Security Hub, Inspector, and the
 * routing of their events and of the stack's security alarms to the alert topics.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { AlertTopics } from '../alerting.js';
import type { ForwardedAlarms } from '../edge/alarm-forwarding.js';
import { acknowledgeControl } from '../acknowledge-control.js';
import { acknowledgeNag } from '../nag.js';
import { AuditBucket, type AuditBucketProps } from './audit-bucket.js';
import { ConfigRecording, configRulesFor } from './config-rules.js';
import { ThreatDetection, type ThreatDetectionProps } from './guardduty.js';
import { SecurityEventRouting } from './routing.js';
import { SecurityHubStandards } from './security-hub.js';
import { VulnerabilityScanning } from './inspector.js';
import { AuditTrail, TRAIL_ALARMS } from './trail.js';

export { AuditBucket, CONFIG_PREFIX } from './audit-bucket.js';
export { AuditTrail, TRAIL_ALARMS } from './trail.js';
export { ThreatDetection, GUARDDUTY_FEATURES } from './guardduty.js';
export { ConfigRecording, configRulesFor, type ConfigRuleSpec } from './config-rules.js';
export { SecurityHubStandards } from './security-hub.js';
export { SecurityEventRouting, EVENT_PATTERNS } from './routing.js';
export { VulnerabilityScanning, INSPECTOR_RESOURCE_TYPES } from './inspector.js';

export interface Detection {
  readonly auditBucket?: AuditBucket;
  readonly trail?: AuditTrail;
  readonly guardDuty?: ThreatDetection;
  readonly config?: ConfigRecording;
  readonly securityHub?: SecurityHubStandards;
  readonly routing?: SecurityEventRouting;
  readonly inspector?: VulnerabilityScanning;
}

export interface DetectionProps {
  /** Prefix of the trail, recorder and rule names (the blueprint name). */
  readonly name: string;
  /** Encrypts the audit bucket, the trail and its log group, and the Config deliveries. */
  readonly logsKey: kms.IKey;
  /** Receives the audit bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /** How long the audit archive and the trail's log group keep records, in days (a CloudWatch retention). */
  readonly retentionDays: number;
  /** Pin the audit bucket's object access to an S3 endpoint (see AuditBucketProps.pinnedTo). @default - not pinned */
  readonly auditBucketPinnedTo?: AuditBucketProps['pinnedTo'];
  /** A multi-region CloudTrail trail with its security alarms. @default - no trail */
  readonly cloudTrail?: {
    /** Buckets whose object-level operations are recorded (data events). */
    readonly dataEventBuckets: readonly s3.IBucket[];
  };
  /** GuardDuty with the EKS runtime agent. @default - no detector */
  readonly guardDuty?: ThreatDetectionProps;
  /** AWS Config recording and the architecture's managed rules. @default - no recorder */
  readonly config?: {
    /** TCP ports the internet may reach (VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS). */
    readonly authorizedTcpPorts: readonly number[];
    /** Add ALB_WAF_ENABLED (a regional web ACL on the ALB). */
    readonly albWaf: boolean;
  };
  /** Security Hub with the FSBP standard. @default false */
  readonly securityHub?: boolean;
  /** Amazon Inspector for ECR images and EC2 nodes. @default false */
  readonly inspector?: boolean;
  /** Where events and alarms go. @default - nowhere: the alarms are acknowledged as having no action */
  readonly alerting?: AlertTopics;
  /** Further alarms of this stack to route (the edge's web ACL alarms). @default [] */
  readonly alarms?: readonly cloudwatch.Alarm[];
  /** Alarms of another region whose ALARM transitions arrive on this region's bus. @default [] */
  readonly forwardedAlarms?: readonly ForwardedAlarms[];
}

/** Why unrouted findings are accepted: the blueprint turned alerting off by name. */
const UNROUTED_REASON =
  "Weakening detection.alerting.enabled: false, set in the blueprint: findings stay in the service's console and in Security Hub, and reach no one unless the organisation's own alerting routes them";

/** Builds the detection resources in `scope` (the stack: each keeps its own construct id there). */
export function addDetection(scope: Construct, props: DetectionProps): Detection {
  const { logsKey, retentionDays } = props;
  const auditBucket =
    props.cloudTrail || props.config
      ? new AuditBucket(scope, 'AuditLogs', {
          key: logsKey,
          serverAccessLogBucket: props.accessLogBucket,
          retention: Duration.days(retentionDays),
          pinnedTo: props.auditBucketPinnedTo,
        })
      : undefined;
  const trail =
    props.cloudTrail && auditBucket
      ? new AuditTrail(scope, 'CloudTrail', {
          name: props.name,
          key: logsKey,
          bucket: auditBucket.bucket,
          dataEventBuckets: props.cloudTrail.dataEventBuckets,
          logRetention: retentionDays as logs.RetentionDays,
        })
      : undefined;
  const guardDuty = props.guardDuty ? new ThreatDetection(scope, 'GuardDuty', props.guardDuty) : undefined;
  const config =
    props.config && auditBucket
      ? new ConfigRecording(scope, 'Config', {
          name: props.name,
          bucket: auditBucket.bucket,
          kmsKeyArn: logsKey.keyArn,
          rules: configRulesFor(props.config),
        })
      : undefined;
  const securityHub = props.securityHub ? new SecurityHubStandards(scope, 'SecurityHub') : undefined;
  const inspector = props.inspector ? new VulnerabilityScanning(scope, 'Inspector') : undefined;

  const alarms: { alarm: cloudwatch.Alarm; critical: boolean }[] = [];
  if (trail)
    for (const [name, alarm] of Object.entries(trail.alarms))
      alarms.push({ alarm, critical: TRAIL_ALARMS[name as keyof typeof TRAIL_ALARMS].critical });
  for (const alarm of props.alarms ?? []) alarms.push({ alarm, critical: false });

  let routing: SecurityEventRouting | undefined;
  if (props.alerting) {
    routing = new SecurityEventRouting(scope, 'SecurityEvents', {
      alerting: props.alerting,
      sources: {
        config: !!config,
        guardDuty: !!guardDuty,
        securityHub: !!securityHub,
        inspector: !!inspector,
      },
      alarms,
      forwardedAlarms: props.forwardedAlarms ?? [],
    });
  } else {
    for (const { alarm } of alarms)
      acknowledgeNag(
        alarm,
        'NIST.800.53.R5-CloudWatchAlarmAction',
        'Alerting is off in this blueprint, so there is no topic to notify; the alarm state stays visible in CloudWatch and Security Hub.',
      );
    for (const source of [guardDuty?.detector, config?.recorder, securityHub?.hub])
      if (source) acknowledgeControl(source, 'VF-DETECTION-004', UNROUTED_REASON);
  }
  return { auditBucket, trail, guardDuty, config, securityHub, routing, inspector };
}
