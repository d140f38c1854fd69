/**
 * Detection and response (blueprint `detection`): CloudTrail, GuardDuty, AWS Config, Security Hub, and the
 * routing of their events and of the stack's security alarms to the alert topics.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Alerting } from '../alerting.js';
import { forwardedAlarmPattern } from '../edge/alarm-forwarding.js';
import { WebAcl } from '../edge/web-acl.js';
import { acknowledgeNag } from '../nag.js';
import type { VectorfortStack } from '../stack.js';
import { AuditBucket } from './audit-bucket.js';
import { ConfigRecording, configRulesFor } from './config-rules.js';
import { ThreatDetection } from './guardduty.js';
import { SecurityEventRouting } from './routing.js';
import { SecurityHubStandards } from './security-hub.js';
import { AuditTrail, TRAIL_ALARMS } from './trail.js';

export { AuditBucket, CONFIG_PREFIX } from './audit-bucket.js';
export { AuditTrail, TRAIL_ALARMS } from './trail.js';
export { ThreatDetection, GUARDDUTY_FEATURES } from './guardduty.js';
export { ConfigRecording, configRulesFor, type ConfigRuleSpec } from './config-rules.js';
export { SecurityHubStandards } from './security-hub.js';
export { SecurityEventRouting, EVENT_PATTERNS } from './routing.js';

export interface Detection {
  readonly auditBucket?: AuditBucket;
  readonly trail?: AuditTrail;
  readonly guardDuty?: ThreatDetection;
  readonly config?: ConfigRecording;
  readonly securityHub?: SecurityHubStandards;
  readonly routing?: SecurityEventRouting;
}

export function addDetection(stack: VectorfortStack, alerting: Alerting | undefined): Detection {
  const bp = stack.blueprint;
  const d = bp.detection;
  const logsKey = stack.keys.key('logs');
  const retentionDays = d.cloudTrail.logRetentionDays;
  const auditBucket =
    d.cloudTrail.enabled || d.config.enabled
      ? new AuditBucket(stack, 'AuditLogs', {
          key: logsKey,
          serverAccessLogBucket: stack.backup.accessLogBucket,
          retention: Duration.days(retentionDays),
        })
      : undefined;
  const trail =
    d.cloudTrail.enabled && auditBucket
      ? new AuditTrail(stack, 'CloudTrail', {
          name: bp.name,
          key: logsKey,
          bucket: auditBucket.bucket,
          dataEventBuckets: [stack.backup.bucket],
          logRetention: retentionDays as logs.RetentionDays,
        })
      : undefined;
  const guardDuty = d.guardDuty.enabled
    ? new ThreatDetection(stack, 'GuardDuty', {
        vpc: stack.network.vpc,
        endpointSubnets: stack.network.subnets('endpoints'),
        endpointSecurityGroup: stack.network.securityGroups.securityGroup('aws-endpoints'),
        clusterName: stack.cluster.clusterName,
        agentAfter: Object.values(stack.cluster.nodeGroups).map((g) => g.nodegroup),
      })
    : undefined;
  const internetPorts = [
    ...new Set(
      stack.flowSpec.flows.filter((f) => f.from === 'internet' && f.to !== 'internet').map((f) => f.port),
    ),
  ].sort((a, b) => a - b);
  const config =
    d.config.enabled && auditBucket
      ? new ConfigRecording(stack, 'Config', {
          name: bp.name,
          bucket: auditBucket.bucket,
          kmsKeyArn: logsKey.keyArn,
          rules: configRulesFor({ albWaf: bp.exposure === 'alb', authorizedTcpPorts: internetPorts }),
        })
      : undefined;
  const securityHub = d.securityHub.enabled ? new SecurityHubStandards(stack, 'SecurityHub') : undefined;

  const alarms: { alarm: cloudwatch.Alarm; critical: boolean }[] = [];
  if (trail)
    for (const [name, alarm] of Object.entries(trail.alarms))
      alarms.push({ alarm, critical: TRAIL_ALARMS[name as keyof typeof TRAIL_ALARMS].critical });
  for (const acl of stack.node.findAll().filter((c): c is WebAcl => c instanceof WebAcl))
    alarms.push({ alarm: acl.blockedSpikeAlarm, critical: false });

  let routing: SecurityEventRouting | undefined;
  if (alerting) {
    routing = new SecurityEventRouting(stack, 'SecurityEvents', {
      alerting,
      sources: { config: !!config, guardDuty: !!guardDuty, securityHub: !!securityHub },
      alarms,
      forwardedAlarms: stack.edgeStack?.alarmForwarding
        ? [
            {
              name: 'EdgeAlarms',
              pattern: forwardedAlarmPattern(stack, stack.edgeStack.stackName, stack.edgeStack.region),
              critical: false,
            },
          ]
        : [],
    });
  } else {
    for (const { alarm } of alarms)
      acknowledgeNag(
        alarm,
        'NIST.800.53.R5-CloudWatchAlarmAction',
        'Alerting is off in this blueprint, so there is no topic to notify; the alarm state stays visible in CloudWatch and Security Hub.',
      );
  }
  return { auditBucket, trail, guardDuty, config, securityHub, routing };
}
