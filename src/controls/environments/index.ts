/** The cross-environment controls, and their evaluation into findings. */
import type { Finding } from '../../findings/index.js';
import { control as overlappingCidrs } from './overlapping-cidrs.js';
import { control as productionReferences } from './production-references.js';
import { control as sharedAccount } from './shared-account.js';
import type { EnvironmentControl, EnvironmentUnderCheck } from './types.js';
import { control as weakerProduction } from './weaker-production.js';

export type { EnvironmentControl, EnvironmentUnderCheck } from './types.js';

export const ENVIRONMENT_CONTROLS: readonly EnvironmentControl[] = [
  overlappingCidrs,
  sharedAccount,
  productionReferences,
  weakerProduction,
];

/** Runs the cross-environment controls; a check that throws gives one `unknown` finding, never a crash. */
export function evaluateEnvironmentControls(
  environments: readonly EnvironmentUnderCheck[],
  controls: readonly EnvironmentControl[] = ENVIRONMENT_CONTROLS,
): Finding[] {
  return controls.flatMap((control) => {
    let results;
    try {
      results = control.check(environments);
    } catch (error) {
      results = [
        {
          status: 'unknown' as const,
          resource: { type: 'vectorfort/Control', id: control.id },
          message: `the check could not evaluate these environments: ${error instanceof Error ? error.message : String(error)}`,
        },
      ];
    }
    return results.map((r): Finding => ({
      ruleId: control.id,
      title: control.title,
      severity: control.severity,
      status: r.status,
      resource: r.resource,
      message: r.message,
      remediation: r.status === 'fail' || r.status === 'unknown' ? control.remediation : undefined,
      frameworks: control.frameworks,
      ...(r.assumptions?.length ? { assumptions: r.assumptions } : {}),
    }));
  });
}
