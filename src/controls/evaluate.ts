/**
 * Runs controls over an inventory and turns their results into findings, applying acknowledgements (and
 * reporting those that cannot be applied). A check that throws is a bug in the control, not in the input: its
 * resources become one `unknown` finding so a run never passes silently and never crashes.
 */
import type { Inventory } from '../inventory/model.js';
import type { Finding } from '../findings/index.js';
import { acknowledgementIndex } from './acknowledge.js';
import type { CheckContext, Control } from './types.js';

export function evaluateControls(
  inventory: Inventory,
  controls: readonly Control[],
  context: CheckContext,
): Finding[] {
  const acks = acknowledgementIndex(inventory);
  const findings: Finding[] = [...acks.problems];
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
      // An unknown can be acknowledged too: a reviewed statement that the fact lies outside the inputs (an
      // organisation's trail, for one). It stays unknown, never a pass.
      const reason =
        r.status === 'fail' || r.status === 'unknown' ? acks.reasonFor(r.resource, control.id) : undefined;
      findings.push({
        ruleId: control.id,
        title: control.title,
        severity: control.severity,
        status: r.status,
        resource: r.resource,
        message: r.message,
        remediation: r.status === 'fail' || r.status === 'unknown' ? control.remediation : undefined,
        frameworks: control.frameworks,
        ...(r.assumptions?.length ? { assumptions: r.assumptions } : {}),
        ...(reason !== undefined ? { acknowledged: { reason } } : {}),
      });
    }
  }
  return findings;
}
