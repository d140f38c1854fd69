/**
 * Reading the validation report CDK writes when cdk-nag runs as a validation plugin during synthesis
 * (`cdk.out/validation-report.json`): violations and, separately, acknowledged violations with their reason.
 */
import { dirname } from 'node:path';
import { InputError } from '../../errors.js';
import { readInputAgain } from '../../inventory/index.js';
import { isRuleError, splitRuleName, type NagViolation } from './violations.js';

/** The array, or nothing when the report has something else there. */
function listOf<T>(v: readonly T[] | undefined): readonly T[] {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'object' && x !== null) : [];
}

/** Plugin names of cdk-nag's packs as they appear in validation reports. */
const NAG_PACK_NAMES = [
  'AwsSolutions',
  'NIST.800.53.R5',
  'NIST.800.53.R4',
  'HIPAA.Security',
  'PCI.DSS.321',
  'Serverless',
];

interface ReportViolation {
  readonly ruleName?: unknown;
  readonly description?: unknown;
  readonly severity?: unknown;
  readonly violatingConstructs?: readonly { readonly constructPath?: unknown }[];
  readonly reason?: unknown;
}

interface ReportJson {
  readonly pluginReports?: readonly {
    readonly pluginName?: unknown;
    readonly violations?: readonly ReportViolation[];
    readonly suppressedViolations?: readonly ReportViolation[];
  }[];
}

function toViolations(pack: string, v: ReportViolation, acknowledged: string | undefined): NagViolation[] {
  if (typeof v.ruleName !== 'string') return [];
  const { ruleId, detail } = splitRuleName(v.ruleName);
  const description = typeof v.description === 'string' ? v.description : '';
  const constructs = Array.isArray(v.violatingConstructs) ? v.violatingConstructs : [];
  return constructs.map((c) => ({
    pack,
    ruleId,
    ...(detail !== undefined ? { detail } : {}),
    level: v.severity === 'error' ? 'error' : 'warning',
    description,
    constructPath: typeof c?.constructPath === 'string' ? c.constructPath : '(unknown construct)',
    ...(acknowledged !== undefined ? { acknowledged } : {}),
    ...(isRuleError(description) ? { undetermined: true } : {}),
  }));
}

/**
 * Violations of the cdk-nag packs in a validation report; other plugins' reports (CDK's own CloudFormation
 * validator writes one too) are ignored. `packsRan` is false when no cdk-nag pack reported at all. The report
 * is part of the input, so it is read under the same rules and limits as the templates beside it.
 */
export async function readValidationReport(
  file: string,
): Promise<{ packsRan: boolean; violations: NagViolation[] }> {
  let report: ReportJson;
  try {
    report = (await readInputAgain(dirname(file), file)).values[0] as ReportJson;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`expected the JSON validation report CDK writes: ${error.message}`, file);
  }
  const out: NagViolation[] = [];
  let packsRan = false;
  for (const plugin of listOf(report?.pluginReports)) {
    const pack = typeof plugin.pluginName === 'string' ? plugin.pluginName : '';
    if (!NAG_PACK_NAMES.includes(pack)) continue;
    packsRan = true;
    for (const v of listOf(plugin.violations)) out.push(...toViolations(pack, v, undefined));
    for (const v of listOf(plugin.suppressedViolations))
      out.push(
        ...toViolations(pack, v, typeof v.reason === 'string' ? v.reason : 'acknowledged without a reason'),
      );
  }
  return { packsRan, violations: out };
}
