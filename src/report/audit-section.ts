/**
 * The part of the report only `vectorfort audit` writes: where the live facts came from (every API call with
 * its service, operation, region, time and request id), what each resource was read from, what could not be
 * read, and what drifted from the baseline.
 */

export interface AuditCall {
  readonly service: string;
  readonly operation: string;
  readonly region: string;
  readonly time: string;
  readonly durationMs: number;
  readonly requestId?: string;
  readonly subject?: string;
  readonly outcome: string;
  readonly error?: string;
}

export interface AuditDrift {
  /** `property` changed, `missing` (in the baseline, gone live), `unmanaged` (live, in no stack). */
  readonly kind: 'property' | 'missing' | 'unmanaged';
  readonly type: string;
  /** `Stack/LogicalId`, `live/<physical id>`, or `namespace/name` for Kubernetes objects. */
  readonly id: string;
  readonly physicalId?: string;
  /** The property path, for a changed property. */
  readonly property?: string;
  /** The baseline's value (JSON), absent for an unmanaged resource. */
  readonly expected?: unknown;
  /** The live value (JSON), absent for a missing resource. */
  readonly actual?: unknown;
  /** Why the live value is not known (its call was denied or failed): the property may or may not differ. */
  readonly undetermined?: string;
}

export interface AuditSection {
  readonly region: string;
  readonly account?: string;
  readonly stacks: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The cluster read: an API server URL or a dump directory. */
  readonly cluster?: string;
  /** The baseline drift was computed against: the input given, or the deployed templates. */
  readonly baseline: string;
  readonly calls: readonly AuditCall[];
  /** Each live resource with its physical id and the calls its facts came from (indexes into `calls`). */
  readonly resources: readonly {
    readonly id: string;
    readonly type: string;
    readonly physicalId: string;
    readonly origin: string;
    readonly calls: readonly number[];
  }[];
  /** Account services without a CloudFormation type (Inspector), as the API stated them. */
  readonly services: readonly { readonly service: string; readonly state: string }[];
  readonly drift: readonly AuditDrift[];
}
