/**
 * The report contract (ARCHITECTURE.md, "Contracts other parts rely on"). Reporters, the CLI and the JSON
 * Schema in docs/report.schema.json all follow these types; change them together.
 */

/** Outcome of one control on one resource. `unknown` is never counted as a pass. */
export type Status = 'pass' | 'fail' | 'unknown' | 'not-applicable';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Framework keys used in reports. */
export const FRAMEWORK_KEYS = [
  'nist-csf-2.0',
  'iso-27001-2022',
  'soc2',
  'cis-eks-1.8',
  'aws-fsbp',
  'k8s-pss',
] as const;
export type FrameworkKey = (typeof FRAMEWORK_KEYS)[number];

/**
 * Framework requirement ids per framework. For `k8s-pss` the value is the level (`baseline` or `restricted`)
 * followed by the upstream pod-security-admission check name, e.g. `['restricted', 'runAsNonRoot']`.
 */
export type FrameworkMappings = Partial<Record<FrameworkKey, readonly string[]>>;

/** Where a finding points. */
export interface ResourceLocator {
  /** CloudFormation type (`AWS::EKS::Cluster`) or Kubernetes `apiVersion/kind` (`apps/v1/StatefulSet`). */
  readonly type: string;
  /** `Stack/LogicalId` for CloudFormation, `namespace/name` (or `name` when cluster-scoped) for Kubernetes. */
  readonly id: string;
  /** The input file, relative to the working directory when possible. */
  readonly file?: string;
  /** Dotted path inside the file to the attribute the finding is about, e.g. `Resources.Cluster.Properties.Logging`. */
  readonly path?: string;
  /** 1-based line of `path` in `file`, when the input format carries positions. */
  readonly line?: number;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: Status;
  readonly resource: ResourceLocator;
  readonly message: string;
  readonly remediation?: string;
  readonly frameworks: FrameworkMappings;
  /** Set when the finding was acknowledged (suppressed) with a reason; it then does not fail the run. */
  readonly acknowledged?: { readonly reason: string };
  /** The tool that produced it when it is not a vectorfort control (e.g. `cdk-nag`). */
  readonly origin?: string;
}

export type FlowVerdict = 'allowed' | 'denied' | 'unknown';

/** One hop of a witness path: the element crossed and the rule that admits the packet there. */
export interface PathHop {
  readonly node: string;
  readonly rule: string;
}

/** A blocking element for a denied flow. */
export interface BlockingRule {
  readonly node: string;
  readonly rule: string;
}

export interface FlowResult {
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  readonly expected: FlowVerdict;
  readonly verdict: FlowVerdict;
  /** Why the flow is checked: an intended flow of the spec, or a named denial class. */
  readonly reason?: string;
  readonly path?: readonly PathHop[];
  readonly blockedBy?: readonly BlockingRule[];
}

export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
  readonly notApplicable: number;
}

export interface Report {
  readonly tool: { readonly name: 'vectorfort'; readonly version: string };
  readonly summary: Summary;
  readonly findings: readonly Finding[];
  readonly flows: readonly FlowResult[];
  /** Inputs that were read, with their detected kind. */
  readonly inputs?: readonly { readonly path: string; readonly kind: string }[];
  /** Controls evaluated (ids), so a reader can tell "no finding" from "not checked". */
  readonly controlsEvaluated?: readonly string[];
  /** Components of the flow spec (for the flows matrix and the diagram), when the input carried one. */
  readonly components?: readonly {
    readonly id: string;
    readonly tier: string;
    readonly description: string;
  }[];
}

/** Counts statuses; acknowledged failures are counted as fails in the summary but do not fail the run. */
export function summarize(findings: readonly Finding[]): Summary {
  let pass = 0;
  let fail = 0;
  let unknown = 0;
  let notApplicable = 0;
  for (const f of findings) {
    if (f.status === 'pass') pass++;
    else if (f.status === 'fail') fail++;
    else if (f.status === 'unknown') unknown++;
    else notApplicable++;
  }
  return { pass, fail, unknown, notApplicable };
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** True when `severity` is at or above `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** Failing findings that should fail the run: status fail, not acknowledged, at or above the threshold. */
export function failingFindings(findings: readonly Finding[], threshold: Severity = 'info'): Finding[] {
  return findings.filter((f) => f.status === 'fail' && !f.acknowledged && atLeast(f.severity, threshold));
}
