/**
 * The report document (ARCHITECTURE.md, "Contracts other parts rely on"): the findings vocabulary assembled
 * for the reporters. Reporters, the CLI and the JSON Schema in docs/report.schema.json all follow it; change
 * them together.
 */
import type { CostEstimate } from '../cost/types.js';
import type { AcknowledgementRecord, Finding, FlowResult, Summary, Verdict } from '../findings/index.js';
import type { Provenance } from './provenance.js';

export type * from './provenance.js';
import type { AuditSection } from './audit-section.js';

export interface Report {
  readonly tool: { readonly name: 'vectorfort'; readonly version: string };
  readonly summary: Summary;
  /** Decided once by the CLI; every reporter shows it as is. */
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly flows: readonly FlowResult[];
  /** Inputs that were read, with their detected kind. */
  readonly inputs?: readonly { readonly path: string; readonly kind: string }[];
  /**
   * Parameter values supplied for the run (`--parameters`): what was assumed about the deployment, per stack.
   * `NoEcho` values are recorded as `****`.
   */
  readonly parameters?: {
    readonly file: string;
    readonly values: readonly {
      readonly stack: string;
      readonly parameter: string;
      readonly value: string;
      readonly noEcho?: boolean;
    }[];
  };
  /** Controls evaluated (ids), so a reader can tell "no finding" from "not checked". */
  readonly controlsEvaluated?: readonly string[];
  /** Components of the flow spec (for the flows matrix and the diagram), when the input carried one. */
  readonly components?: readonly {
    readonly id: string;
    readonly tier: string;
    readonly description: string;
  }[];
  /**
   * The monthly cost estimate of the input, per environment and per control, when the run knows where each stack
   * is deployed (synth) and a price table prices that region.
   * @default - none
   */
  readonly cost?: CostEstimate;
  /**
   * Every acknowledgement the input carries, with its status at the run's time: active, expiring (within 30
   * days), lapsed (the finding fails again) or stale (it excuses nothing any more).
   */
  readonly acknowledgements?: readonly AcknowledgementRecord[];
  /** What the report was made from, by which version, when, and from which commit and CI run. */
  readonly provenance?: Provenance;
  /** Written by `vectorfort audit`: where the live facts came from, and the drift from the baseline. */
  readonly audit?: AuditSection;
}
