/**
 * A control is data (id, title, severity, rationale, remediation, references, framework mappings) plus a pure
 * check over the inventory. One control per file under controls/<area>/; controls/registry.ts lists them.
 */
import type { FlowSpec } from '../flows/index.js';
import type { Inventory } from '../inventory/model.js';
import type {
  AcknowledgementNote,
  FrameworkMappings,
  ResourceLocator,
  Severity,
  Status,
} from '../findings/index.js';

/** Stable, never reused: `VF-<AREA>-<NNN>`. Retired controls keep their id with `deprecated: true`. */
export type ControlId = `VF-${Uppercase<string>}-${number}`;

export const CONTROL_AREAS = [
  'eks', // cluster, node groups, add-ons
  'network', // VPC, subnets, routes, security groups, NACLs, endpoints
  'data', // S3, KMS, logs, secrets
  'k8s', // Kubernetes workloads, namespaces, NetworkPolicies, RBAC
  'pss', // Pod Security Standards (exact upstream semantics)
  'mesh', // Istio
  'weaviate', // Weaviate configuration
  'edge', // ALB, WAF, CloudFront
  'access', // VPN, admin roles, access entries
  'detection', // CloudTrail, GuardDuty, Config, alerting
  'reach', // reachability proofs
  'enclave', // enclaves: no inbound, no NAT, operator roles and grants
  'lattice', // VPC Lattice service networks, services, auth policies
] as const;
export type ControlArea = (typeof CONTROL_AREAS)[number];

/** The result of a check for one resource. */
export interface ControlResult {
  readonly status: Status;
  readonly resource: ResourceLocator;
  readonly message: string;
  /** AWS defaults or account settings the status depends on, stated (see `Finding.assumptions`). */
  readonly assumptions?: readonly string[];
  /**
   * An acknowledgement the input states for this result outside any resource's metadata (a flow spec's
   * `externalNetwork.acknowledged`); used when no resource acknowledgement applies.
   * @default - only resource acknowledgements apply
   */
  readonly acknowledged?: AcknowledgementNote;
}

/** What a check may read besides the inventory. */
export interface CheckContext {
  /** The intended flows, when the input carries them (our own output) or one was given. */
  readonly flowSpec?: FlowSpec;
  /** Date used for time-dependent checks (supported versions); fixed in tests. */
  readonly now: Date;
}

export interface Control {
  readonly id: ControlId;
  readonly area: ControlArea;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters, for a reviewer. */
  readonly rationale: string;
  /** What to change, concretely. */
  readonly remediation: string;
  /** Primary sources (AWS docs, CIS, upstream code). */
  readonly references: readonly string[];
  /** Framework requirement ids (see frameworks/); `k8s-pss` is `[level, upstreamCheckName]`. */
  readonly frameworks: FrameworkMappings;
  /** Resource types it evaluates (CloudFormation types or Kubernetes `Kind`s), for docs. */
  readonly appliesTo: readonly string[];
  /** First vectorfort version with this control. */
  readonly since: string;
  readonly deprecated?: boolean;
  /** Pure: same inventory and context, same results. Never throws for odd input: returns `unknown`. */
  check(inventory: Inventory, context: CheckContext): ControlResult[];
}

/**
 * What a fixture expects of one resource: its status alone, or its status with the message and the property path
 * of the result that decides it. A string message matches as a substring, a string path matches exactly.
 */
export type FixtureExpectation =
  | Status
  | {
      readonly status: Status;
      /** Text the deciding result's message contains, or a pattern it matches. @default - not asserted */
      readonly message?: string | RegExp;
      /**
       * The deciding result's `resource.path` (`Resources.Bucket.Properties.BucketEncryption…`), or a pattern.
       * @default - not asserted
       */
      readonly path?: string | RegExp;
    };

/**
 * A fixture: a small input and the exact status expected for named resources. Every control has at least one
 * `pass` and one `fail` fixture, including one where the attribute is omitted and the default applies.
 */
export interface ControlFixture {
  readonly name: string;
  /** CloudFormation templates, by stack name. */
  readonly templates?: Readonly<Record<string, Record<string, unknown>>>;
  /** Kubernetes manifest objects. */
  readonly manifests?: readonly Record<string, unknown>[];
  /** A flow spec, for controls that need one. */
  readonly flowSpec?: FlowSpec;
  /**
   * Account and region of stacks, by stack name, as a cloud assembly states them.
   * @default - none: bare templates, whose region is not stated
   */
  readonly environments?: Readonly<Record<string, { readonly account?: string; readonly region?: string }>>;
  /**
   * Expected outcome per resource id (`Stack/LogicalId` or `namespace/name`). Resources not listed are not
   * asserted.
   */
  readonly expect: Readonly<Record<string, FixtureExpectation>>;
}

export interface ControlFixtures {
  readonly pass: readonly ControlFixture[];
  readonly fail: readonly ControlFixture[];
  /**
   * Inputs the template leaves undetermined (a parameter without a value, an import from another stack, a
   * condition that cannot be evaluated), where the control must answer `unknown`, never pass or fail.
   * @default - none: the control is listed as exempt, with its reason, in the catalog's tests
   */
  readonly unknown?: readonly ControlFixture[];
}
