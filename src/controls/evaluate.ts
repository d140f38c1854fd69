/**
 * Runs controls over an inventory and turns their results into findings, applying acknowledgements. A check
 * that throws is a bug in the control, not in the input: its resources become one `unknown` finding so a run
 * never passes silently and never crashes.
 */
import type { CfnResource, Inventory, K8sObject } from '../inventory/model.js';
import { isPlainObject } from '../inventory/values.js';
import type { Finding } from '../findings/index.js';
import { CFN_ACK_METADATA_KEY, K8S_ACK_ANNOTATION, MIN_ACK_REASON_LENGTH } from './acknowledge.js';
import type { CheckContext, Control } from './types.js';

export function evaluateControls(
  inventory: Inventory,
  controls: readonly Control[],
  context: CheckContext,
): Finding[] {
  const acks = acknowledgements(inventory);
  const findings: Finding[] = [];
  for (const control of controls) {
    if (control.deprecated) continue;
    let results;
    try {
      results = control.check(inventory, context);
    } catch (error) {
      results = [
        {
          status: 'unknown' as const,
          resource: { type: 'vectorfort/Control', id: control.id },
          message: `the check could not evaluate this input: ${error instanceof Error ? error.message : String(error)}`,
        },
      ];
    }
    for (const r of results) {
      const reason = acks.get(r.resource.id)?.[control.id];
      findings.push({
        ruleId: control.id,
        title: control.title,
        severity: control.severity,
        status: r.status,
        resource: r.resource,
        message: r.message,
        remediation: r.status === 'fail' || r.status === 'unknown' ? control.remediation : undefined,
        frameworks: control.frameworks,
        ...(reason !== undefined && r.status === 'fail' ? { acknowledged: { reason } } : {}),
      });
    }
  }
  return findings;
}

/** Acknowledgements by resource id (`Stack/LogicalId`, `namespace/name` or `name`), then control id. */
export function acknowledgements(inventory: Inventory): Map<string, Record<string, string>> {
  const acks = new Map<string, Record<string, string>>();
  for (const r of inventory.cfn) {
    const found = cfnAcks(r);
    if (found) acks.set(r.key, found);
  }
  for (const o of inventory.k8s) {
    const found = k8sAcks(o);
    if (found) acks.set(o.namespace ? `${o.namespace}/${o.name}` : o.name, found);
  }
  return acks;
}

function validReasons(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [id, reason] of Object.entries(value))
    if (
      /^VF-[A-Z][A-Z0-9]*-\d+$/.test(id) &&
      typeof reason === 'string' &&
      reason.trim().length >= MIN_ACK_REASON_LENGTH
    )
      out[id] = reason.trim();
  return Object.keys(out).length > 0 ? out : undefined;
}

function cfnAcks(r: CfnResource): Record<string, string> | undefined {
  const raw = r.raw as { Metadata?: Record<string, unknown> } | undefined;
  const meta = raw?.Metadata?.[CFN_ACK_METADATA_KEY];
  return isPlainObject(meta) ? validReasons(meta.acknowledge) : undefined;
}

function k8sAcks(o: K8sObject): Record<string, string> | undefined {
  const text = o.annotations[K8S_ACK_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    return validReasons(JSON.parse(text));
  } catch {
    return undefined;
  }
}
