/**
 * Amazon Inspector findings delivered by EventBridge (`detail-type: Inspector2 Finding`): a vulnerable package
 * in an ECR image or on a node. Critical findings page; high ones go to chat (the routing sends nothing lower).
 *
 * Inspector updates a finding in place while it stays open: one finding is one event per severity, so a finding
 * raised to critical is a new event. The finding ARN is Inspector's (random), so a forged message cannot claim
 * it before the real finding exists.
 */
import { z } from 'zod';
import type { EventField, SecurityEvent } from '../events.js';
import { clip, validate } from './validate.js';

const findingSchema = z.looseObject({
  findingArn: z.string().min(1),
  awsAccountId: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  severity: z.string().min(1),
  status: z.string().optional(),
  type: z.string().optional(),
  inspectorScore: z.number().optional(),
  updatedAt: z.string().optional(),
  resources: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        type: z.string().optional(),
        region: z.string().optional(),
      }),
    )
    .optional(),
  packageVulnerabilityDetails: z
    .looseObject({
      vulnerabilityId: z.string().optional(),
      vulnerablePackages: z
        .array(z.looseObject({ name: z.string().optional(), fixedInVersion: z.string().optional() }))
        .optional(),
    })
    .optional(),
});

export function parseInspectorFinding(detail: unknown, region: string, time: string): SecurityEvent {
  const f = validate(findingSchema, detail, 'Inspector finding');
  const severity = f.severity.toUpperCase();
  const resource = f.resources?.[0];
  const fields: EventField[] = [];
  const vulnerability = f.packageVulnerabilityDetails;
  if (vulnerability?.vulnerabilityId)
    fields.push({ name: 'Vulnerability', value: vulnerability.vulnerabilityId });
  const pkg = vulnerability?.vulnerablePackages?.[0];
  if (pkg?.name)
    fields.push({
      name: 'Package',
      value: clip(`${pkg.name}${pkg.fixedInVersion ? ` (fixed in ${pkg.fixedInVersion})` : ''}`, 200),
    });
  if (resource?.type) fields.push({ name: 'Resource type', value: resource.type });
  if (f.inspectorScore !== undefined)
    fields.push({ name: 'Inspector score', value: String(f.inspectorScore) });
  return {
    kind: 'inspector',
    tier: severity === 'CRITICAL' ? 'critical' : 'warning',
    title: clip(f.title, 200),
    ...(f.description ? { description: clip(f.description, 1000) } : {}),
    severity,
    account: f.awsAccountId,
    region: resource?.region ?? region,
    resource: clip(resource?.id ?? f.findingArn, 300),
    fields,
    time: f.updatedAt ?? time,
    fingerprint: `inspector:${f.findingArn}:${severity}`,
    resolved: f.status === 'CLOSED',
  };
}
