/** One control's outcome on one resource, and where it points. */
import type { AcknowledgementNote } from './acknowledgement-note.js';
import type { FrameworkMappings } from './frameworks.js';
import type { Severity } from './severity.js';

/** Outcome of one control on one resource. `unknown` is never counted as a pass. */
export type Status = 'pass' | 'fail' | 'unknown' | 'not-applicable';

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
  /**
   * Set when the finding was acknowledged with a reason: a failure then does not fail the run, and an unknown
   * result (still unknown, never a pass) no longer keeps it from passing.
   */
  readonly acknowledged?: AcknowledgementNote;
  /**
   * Set when an acknowledgement would apply but has expired: the finding fails again, and this shows which
   * exception lapsed.
   */
  readonly lapsedAcknowledgement?: AcknowledgementNote;
  /** The tool that produced it when it is not a vectorfort control (e.g. `cdk-nag`). */
  readonly origin?: string;
  /**
   * AWS defaults or account settings the verdict depends on but the input does not state (S3 Block Public
   * Access on new buckets, EBS encryption by default), so a reviewer can tell what was assumed.
   */
  readonly assumptions?: readonly string[];
  /**
   * For another tool's finding: the vectorfort controls that check the same requirement on the same resource.
   * It is ranked after them in the report, which reads ours first.
   */
  readonly duplicateOf?: readonly string[];
}
