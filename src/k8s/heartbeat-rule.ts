/**
 * The dead-man's switch: an alert that always fires, so that its steady arrival on the heartbeat topic shows
 * Prometheus evaluating, Alertmanager sending and the SigV4 publish to SNS working. A CloudWatch alarm on the
 * topic pages when it stops (aws/alert-heartbeat.ts). Only with our monitoring stack and the alert topics: an
 * existing Prometheus usually ships its own, and without topics there is nowhere for it to arrive.
 */
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { HEARTBEAT_ALERT, HEARTBEAT_SEVERITY } from './alertmanager-config.js';
import type { RenderContext } from './context.js';

type RuleGroup = NonNullable<IPrometheusRule['spec']['groups']>[number];

export function heartbeatRules(ctx: RenderContext): RuleGroup[] {
  const { bp } = ctx;
  if (!bp.monitoring.stack.enabled || !bp.detection.alerting.enabled) return [];
  return [
    {
      name: 'alert-path.heartbeat',
      rules: [
        {
          alert: HEARTBEAT_ALERT,
          expr: 'vector(1)',
          labels: { severity: HEARTBEAT_SEVERITY },
          annotations: {
            summary: 'Always firing: proves Prometheus, Alertmanager and the publish to SNS work',
            description:
              'Routed to the heartbeat topic only; a CloudWatch alarm pages when it stops arriving there.',
            runbook: 'docs/observability.md#the-heartbeat-dead-mans-switch',
          },
        },
      ],
    },
  ];
}
