/** One cdk-nag finding, as read from a validation report or produced by running the packs over a template. */
export interface NagViolation {
  /** The pack that produced it: `AwsSolutions` or `NIST.800.53.R5`. */
  readonly pack: string;
  /** The rule as cdk-nag names it, without a finding suffix: `AwsSolutions-EKS1`. */
  readonly ruleId: string;
  /** The finding inside the rule, for rules that report several (`Policy::arn:…` for IAM4), when any. */
  readonly detail?: string;
  readonly level: 'error' | 'warning';
  readonly description: string;
  /** Construct path of the violating resource (`Stack/Construct/Resource`). */
  readonly constructPath: string;
  /** Set when the finding was acknowledged, with the reason given. */
  readonly acknowledged?: string;
  /** True when the rule could not evaluate the resource (an intrinsic it cannot resolve). */
  readonly undetermined?: boolean;
}

/** Splits `AwsSolutions-IAM4[Policy::arn:…]` into the rule id and the finding. */
export function splitRuleName(name: string): { ruleId: string; detail?: string } {
  const m = /^([^[]+)\[(.*)\]$/.exec(name);
  return m ? { ruleId: m[1]!, detail: m[2]! } : { ruleId: name };
}
