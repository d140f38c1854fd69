/** GuardDuty findings delivered by EventBridge (`detail-type: GuardDuty Finding`). */
import { z } from 'zod';
import type { EventField, SecurityEvent } from '../events.js';
import { guardDutyFindingUrl } from './console.js';
import { validate } from './validate.js';

const findingSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  severity: z.number().min(0).max(10),
  accountId: z.string().min(1),
  region: z.string().min(1),
  arn: z.string().optional(),
  updatedAt: z.string().optional(),
  resource: z
    .looseObject({
      resourceType: z.string().optional(),
      instanceDetails: z.looseObject({ instanceId: z.string().optional() }).optional(),
      eksClusterDetails: z.looseObject({ name: z.string().optional() }).optional(),
      kubernetesDetails: z
        .looseObject({
          kubernetesWorkloadDetails: z
            .looseObject({ name: z.string().optional(), namespace: z.string().optional() })
            .optional(),
        })
        .optional(),
      s3BucketDetails: z.array(z.looseObject({ name: z.string().optional() })).optional(),
      accessKeyDetails: z
        .looseObject({ userName: z.string().optional(), accessKeyId: z.string().optional() })
        .optional(),
    })
    .optional(),
  service: z
    .looseObject({
      count: z.number().optional(),
      eventFirstSeen: z.string().optional(),
      eventLastSeen: z.string().optional(),
      action: z.looseObject({ actionType: z.string().optional() }).optional(),
    })
    .optional(),
});

/** GuardDuty's own bands: low below 4, medium below 7, high below 9, critical from 9. */
export function guardDutySeverityBand(severity: number): 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' {
  if (severity >= 9) return 'CRITICAL';
  if (severity >= 7) return 'HIGH';
  if (severity >= 4) return 'MEDIUM';
  return 'LOW';
}

export function parseGuardDutyFinding(detail: unknown, time: string): SecurityEvent {
  const f = validate(findingSchema, detail, 'GuardDuty finding');
  const band = guardDutySeverityBand(f.severity);
  const fields: EventField[] = [{ name: 'Finding type', value: f.type }];
  if (f.service?.action?.actionType) fields.push({ name: 'Action', value: f.service.action.actionType });
  if (f.service?.count !== undefined) fields.push({ name: 'Count', value: String(f.service.count) });
  if (f.service?.eventFirstSeen) fields.push({ name: 'First seen', value: f.service.eventFirstSeen });
  if (f.service?.eventLastSeen) fields.push({ name: 'Last seen', value: f.service.eventLastSeen });
  return {
    kind: 'guardduty',
    tier: band === 'HIGH' || band === 'CRITICAL' ? 'critical' : 'warning',
    title: f.title,
    description: f.description,
    severity: `${band} (${f.severity.toFixed(1)})`,
    account: f.accountId,
    region: f.region,
    resource: describeResource(f.resource),
    consoleUrl: guardDutyFindingUrl(f.region, f.id),
    fields,
    time: f.updatedAt ?? time,
    // GuardDuty updates a finding in place (same id, higher count) while the activity goes on: one finding is
    // one event, however often it is updated within the window. GuardDuty assigns the id (random), so a forged
    // message cannot claim it before the real finding exists.
    fingerprint: `guardduty:${f.accountId}:${f.region}:${f.id}`,
    resolved: false,
  };
}

function describeResource(r: z.output<typeof findingSchema>['resource']): string {
  if (!r) return 'unknown resource';
  const type = r.resourceType ?? 'Resource';
  const workload = r.kubernetesDetails?.kubernetesWorkloadDetails;
  if (workload?.name)
    return `${type} ${workload.namespace ? `${workload.namespace}/` : ''}${workload.name}${r.eksClusterDetails?.name ? ` in cluster ${r.eksClusterDetails.name}` : ''}`;
  if (r.eksClusterDetails?.name) return `${type} ${r.eksClusterDetails.name}`;
  if (r.instanceDetails?.instanceId) return `${type} ${r.instanceDetails.instanceId}`;
  const bucket = r.s3BucketDetails?.find((b) => b.name)?.name;
  if (bucket) return `${type} ${bucket}`;
  if (r.accessKeyDetails?.userName) return `${type} of ${r.accessKeyDetails.userName}`;
  return type;
}
