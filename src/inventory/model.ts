/**
 * The normalized inventory: every resource that was read, from CloudFormation templates (including those of a
 * CDK cloud assembly) and Kubernetes manifests, in one typed model. Controls and the reachability analyser
 * see only this model. It knows file formats and resource shapes, never vectorfort's constructs, so it reads
 * anyone's templates the same way it reads ours.
 */
import type { FlowSpec } from '../flows/types.js';
import type { SymbolicObject, SymbolicValue, Unknown } from './values.js';

/** Where something was read from. */
export interface SourceLocation {
  /** The input file as given (relative to the working directory when possible). */
  readonly file: string;
  /** Dotted path inside the file (`Resources.Cluster`, `documents.2`, `Resources.Chart.Properties.Manifest.0`). */
  readonly path: string;
  /** 1-based line in `file`, when the format carries positions (YAML and JSON inputs do). */
  readonly line?: number;
}

export type InputKind = 'cloud-assembly' | 'cloudformation' | 'kubernetes';

/** A file the inventory was built from. */
export interface InputSource {
  readonly path: string;
  readonly kind: InputKind;
}

/** A CloudFormation resource with its properties resolved symbolically. */
export interface CfnResource {
  readonly source: 'cloudformation';
  /** Unique key in the inventory: `Stack/LogicalId` (nested stacks: `Parent/NestedLogicalId/LogicalId`). */
  readonly key: string;
  readonly stack: string;
  readonly logicalId: string;
  /** CloudFormation type, e.g. `AWS::EKS::Cluster`; custom resources keep their `Custom::…` type. */
  readonly type: string;
  /** Properties with intrinsics resolved where the template determines them. */
  readonly properties: SymbolicObject;
  /** The resource as written in the template. */
  readonly raw: unknown;
  /** `Resources.<LogicalId>` in the template file. */
  readonly location: SourceLocation;
  /** The CDK construct path (`aws:cdk:path` metadata), when present. */
  readonly cdkPath?: string;
  /** The resource's `Condition`, evaluated: true when unconditional; Unknown when it cannot be evaluated. */
  readonly condition: true | Unknown;
  /** Tags as key → value (values resolved); empty when the resource has none. */
  readonly tags: Readonly<Record<string, SymbolicValue>>;
  readonly dependsOn: readonly string[];
}

/** A Kubernetes object read from a manifest file or embedded in a template's custom resource. */
export interface K8sObject {
  readonly source: 'kubernetes';
  /** Unique key: `apiVersion/kind/namespace/name` (namespace omitted for cluster-scoped kinds). */
  readonly key: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** The namespace; `default` for namespaced kinds that do not set one, undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The object as written; values embedded in a template may contain symbolic values. */
  readonly object: { readonly [key: string]: SymbolicValue | unknown };
  readonly location: SourceLocation;
  /** The inventory key of the CloudFormation resource this object was embedded in. */
  readonly embeddedIn?: string;
}

/** A Helm release declared in a template (charts are not rendered offline; their values are kept). */
export interface HelmRelease {
  readonly source: 'helm';
  readonly key: string;
  readonly chart: SymbolicValue;
  readonly repository: SymbolicValue;
  readonly version: SymbolicValue;
  readonly namespace: SymbolicValue;
  readonly release: SymbolicValue;
  readonly values: SymbolicValue;
  readonly location: SourceLocation;
  readonly embeddedIn: string;
}

/**
 * A pod template extracted from a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, ReplicationController).
 */
export interface PodTemplate {
  /** The object that declares it. */
  readonly owner: K8sObject;
  readonly namespace: string;
  /** Dotted path from the object root to the pod spec: `spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`. */
  readonly specPath: string;
  /** Labels of the pod (from the template metadata, or the Pod's own). */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod spec as written. */
  readonly spec: { readonly [key: string]: unknown };
}

/**
 * Why part of the input was not modelled, so that nothing checked it:
 * - `not-read`: a file (or a nested stack's template) was not read at all;
 * - `transform`: a transform or macro rewrites the template at deploy time and was not expanded;
 * - `kind`: a Kubernetes kind we do not model runs containers (it carries a pod template or containers);
 * - `malformed`: a part does not have the shape its type requires (a pod spec that is a list);
 * - `undetermined`: a part is decided only at deploy time (a loop over a collection the input does not state).
 */
export type InputGap = 'not-read' | 'transform' | 'kind' | 'malformed' | 'undetermined';

/** A problem met while reading an input that did not stop the run (the affected parts are unknown). */
export interface InventoryDiagnostic {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  readonly location?: SourceLocation;
  /**
   * Set when a file met in a directory could not be read at all (empty, permission denied): nothing in it was
   * checked, which the report must show rather than pass over.
   * @default false
   */
  readonly notRead?: boolean;
  /**
   * Set when the problem leaves part of the input unchecked: the report shows it as an `unknown` finding, so a
   * run never passes on what it did not see. Diagnostics without it only explain (a condition that is false).
   * @default - none: the diagnostic explains, nothing was left unchecked
   */
  readonly gap?: InputGap;
  /**
   * What was not checked, when it is one resource or object rather than the file.
   * @default - the file of `location`
   */
  readonly subject?: { readonly type: string; readonly id: string };
}

/** Two definitions of the same thing in one input: deploying both means one silently replaces the other. */
export interface Redeclaration<T> {
  readonly first: T;
  readonly again: T;
}

/** The account and region a stack deploys to, as far as the input states them. */
export interface StackEnvironment {
  readonly account?: string;
  readonly region?: string;
}

/** A stack as the input names it, for finding two templates of the same deployed stack. */
export interface StackIdentity {
  /** The name the stack is deployed under. */
  readonly deployedName: string;
  readonly environment?: StackEnvironment;
  /** The template file. */
  readonly file: string;
}

/** A parameter value supplied for the run, as applied to one stack. */
export interface SuppliedParameter {
  /** Inventory stack name. */
  readonly stack: string;
  readonly parameter: string;
  /** The value; `****` for a `NoEcho` parameter. */
  readonly value: string;
  /**
   * Set when the parameter is declared `NoEcho` and its value is therefore not recorded.
   * @default false
   */
  readonly noEcho?: boolean;
}

export interface Inventory {
  readonly inputs: readonly InputSource[];
  readonly cfn: readonly CfnResource[];
  readonly k8s: readonly K8sObject[];
  readonly helm: readonly HelmRelease[];
  readonly pods: readonly PodTemplate[];
  readonly diagnostics: readonly InventoryDiagnostic[];
  /** Per stack: template-level metadata (the `Metadata` section, resolved), e.g. a flow spec the generator embedded. */
  readonly stackMetadata: Readonly<Record<string, SymbolicValue>>;
  /**
   * The flow spec a stack of the input carries in its Metadata (our own output), checked while reading.
   * @default - none: other tools' templates carry no intended flows
   */
  readonly flowSpec?: FlowSpec;
  /**
   * Kubernetes objects declared more than once (the same group, kind, namespace and name), each later
   * declaration paired with the first. Every declaration is in `k8s` and evaluated, except a copy that a
   * template embeds identically to a manifest file (our own output carries both): VF-K8S-013 proves those equal.
   * @default - none
   */
  readonly redeclared?: readonly Redeclaration<K8sObject>[];
  /**
   * Top-level stacks of the input deployed under the same name in environments that may be the same.
   * @default - none
   */
  readonly redeclaredStacks?: readonly Redeclaration<StackIdentity>[];
  /**
   * Per stack (inventory name): the account and region the input states it deploys to. A cloud assembly states
   * them; a bare template does not, and its stack is absent here.
   * @default - none: no stack's environment is stated
   */
  readonly stackEnvironments?: Readonly<Record<string, StackEnvironment>>;
  /**
   * Parameter values supplied for the run (`--parameters`): the file and what it gave each stack.
   * @default - none: parameters the templates do not fix are chosen at deploy time (unknown)
   */
  readonly parameters?: { readonly file: string; readonly values: readonly SuppliedParameter[] };
}
