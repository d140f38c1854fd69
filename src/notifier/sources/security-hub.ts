/**
 * Security Hub findings delivered by EventBridge (`detail-type: Security Hub Findings - Imported`), in ASFF.
 *
 * Each finding of an event stands alone: one that fails the schema is rejected with its index and reason, and
 * the others are still delivered. The fingerprint is the product ARN and finding id (Security Hub only imports
 * a finding under a product ARN its importer is entitled to) and the finding's state.
 */
import { z } from 'zod';
import { MalformedEventError, type EventField, type SecurityEvent } from '../events.js';
import { securityHubFindingUrl, trustedRemediationUrl } from './console.js';
import { clip, validate } from './validate.js';

const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

const findingSchema = z.looseObject({
  Id: z.string().min(1),
  ProductArn: z.string().optional(),
  AwsAccountId: z.string().min(1),
  Region: z.string().min(1).optional(),
  Title: z.string().min(1),
  Description: z.string().optional(),
  GeneratorId: z.string().optional(),
  ProductName: z.string().optional(),
  UpdatedAt: z.string().optional(),
  Severity: z.looseObject({ Label: z.enum(SEVERITY_LABELS) }),
  Resources: z
    .array(z.looseObject({ Type: z.string(), Id: z.string() }))
    .min(1)
    .optional(),
  Compliance: z.looseObject({ Status: z.string().optional() }).optional(),
  Workflow: z.looseObject({ Status: z.string().optional() }).optional(),
  RecordState: z.string().optional(),
  ProductFields: z.record(z.string(), z.unknown()).optional(),
  Remediation: z
    .looseObject({ Recommendation: z.looseObject({ Url: z.string().optional() }).optional() })
    .optional(),
});

const detailSchema = z.looseObject({ findings: z.array(z.unknown()).min(1) });

export interface ParsedFindings {
  readonly events: SecurityEvent[];
  /** Why each rejected finding was rejected (its index and the first offending path). */
  readonly rejected: string[];
}

/** One event per finding: EventBridge may batch several findings into one event. */
export function parseSecurityHubFindings(detail: unknown, region: string, time: string): ParsedFindings {
  const { findings } = validate(detailSchema, detail, 'Security Hub event');
  const events: SecurityEvent[] = [];
  const rejected: string[] = [];
  findings.forEach((raw, i) => {
    try {
      events.push(parseFinding(raw, i, region, time));
    } catch (error) {
      if (!(error instanceof MalformedEventError)) throw error;
      rejected.push(error.reason);
    }
  });
  // Nothing usable at all: the event as a whole is malformed.
  if (events.length === 0) throw new MalformedEventError(rejected.join('; '));
  return { events, rejected };
}

function parseFinding(raw: unknown, index: number, eventRegion: string, time: string): SecurityEvent {
  const f = validate(findingSchema, raw, `Security Hub finding ${index}`);
  const region = f.Region ?? eventRegion;
  const label = f.Severity.Label;
  const fields: EventField[] = [];
  const product = f.ProductName ?? stringField(f.ProductFields, 'aws/securityhub/ProductName');
  if (product) fields.push({ name: 'Product', value: product });
  const control = stringField(f.ProductFields, 'ControlId') ?? f.GeneratorId;
  if (control) fields.push({ name: 'Control', value: clip(control, 200) });
  if (f.Compliance?.Status) fields.push({ name: 'Compliance', value: f.Compliance.Status });
  if (f.Workflow?.Status) fields.push({ name: 'Workflow', value: f.Workflow.Status });
  const remediation = f.Remediation?.Recommendation?.Url;
  const remediationUrl = trustedRemediationUrl(remediation);
  // Another host is shown as (neutralised) text, never as a link.
  if (remediation && !remediationUrl) fields.push({ name: 'Remediation', value: clip(remediation, 200) });
  const resolved =
    f.Compliance?.Status === 'PASSED' || f.RecordState === 'ARCHIVED' || f.Workflow?.Status === 'RESOLVED';
  const resource = f.Resources?.[0];
  return {
    kind: 'security-hub',
    tier: label === 'CRITICAL' || label === 'HIGH' ? 'critical' : 'warning',
    title: f.Title,
    description: f.Description,
    severity: label,
    account: f.AwsAccountId,
    region,
    resource: resource ? `${resource.Type} ${resource.Id}` : 'unknown resource',
    consoleUrl: securityHubFindingUrl(region, f.Id),
    remediationUrl,
    fields,
    time: f.UpdatedAt ?? time,
    // Security Hub re-imports a finding on every update; a change of severity or status is news, a re-import
    // with the same state is not.
    fingerprint: [
      'security-hub',
      f.ProductArn ?? '',
      f.Id,
      label,
      f.Compliance?.Status ?? '',
      f.Workflow?.Status ?? '',
      f.RecordState ?? '',
    ].join(':'),
    resolved,
  };
}

function stringField(fields: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = fields?.[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
