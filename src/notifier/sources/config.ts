/**
 * AWS Config compliance changes delivered by EventBridge (`detail-type: Config Rules Compliance Change`). The
 * fingerprint includes when Config recorded the evaluation: rule and resource names are predictable, so
 * without it a forged change could have the real one that follows collapsed as a duplicate.
 */
import { z } from 'zod';
import type { EventField, SecurityEvent } from '../events.js';
import { configRuleUrl } from './console.js';
import { clip, validate } from './validate.js';

const evaluationSchema = z.looseObject({
  complianceType: z.string().min(1),
  annotation: z.string().optional(),
  resultRecordedTime: z.string().optional(),
});

const detailSchema = z.looseObject({
  configRuleName: z.string().min(1),
  awsAccountId: z.string().min(1),
  awsRegion: z.string().min(1),
  resourceType: z.string().min(1),
  resourceId: z.string().min(1),
  newEvaluationResult: evaluationSchema,
  oldEvaluationResult: evaluationSchema.optional(),
  notificationCreationTime: z.string().optional(),
});

export function parseConfigComplianceChange(detail: unknown, time: string): SecurityEvent {
  const d = validate(detailSchema, detail, 'Config compliance change');
  const now = d.newEvaluationResult.complianceType;
  const before = d.oldEvaluationResult?.complianceType;
  const resolved = now === 'COMPLIANT';
  const fields: EventField[] = [
    { name: 'Rule', value: d.configRuleName },
    { name: 'Compliance', value: before ? `${before} → ${now}` : now },
  ];
  if (d.newEvaluationResult.annotation)
    fields.push({ name: 'Annotation', value: clip(d.newEvaluationResult.annotation, 500) });
  return {
    kind: 'config',
    // Config reports drift from what the architecture promises: worth a look in working hours, not a page.
    // A rule that must page is routed to the critical topic by its EventBridge rule.
    tier: 'warning',
    title: resolved
      ? `${d.resourceType} ${d.resourceId} complies with ${d.configRuleName} again`
      : `${d.resourceType} ${d.resourceId} is ${now} with ${d.configRuleName}`,
    severity: now,
    account: d.awsAccountId,
    region: d.awsRegion,
    resource: `${d.resourceType} ${d.resourceId}`,
    consoleUrl: configRuleUrl(d.awsRegion, d.configRuleName),
    fields,
    time: d.notificationCreationTime ?? time,
    fingerprint: [
      'config',
      d.awsAccountId,
      d.awsRegion,
      d.configRuleName,
      d.resourceType,
      d.resourceId,
      now,
      d.newEvaluationResult.resultRecordedTime ?? d.notificationCreationTime ?? time,
    ].join(':'),
    resolved,
  };
}
