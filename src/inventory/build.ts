/**
 * Assembles the inventory from templates (with their deployment context) and manifest objects. Shared by the
 * in-memory entry point and the file loader; tolerant of odd shapes (they become diagnostics), because the
 * loader has already rejected bad input with an InputError before this runs. The one exception is an embedded
 * flow spec: the proofs rest on it, so a malformed one is an InputError here.
 */
import { readStack } from './cloudformation/resources.js';
import { StackSet } from './cloudformation/stack-set.js';
import type { StackInput } from './cloudformation/stack-context.js';
import type {
  CfnResource,
  HelmRelease,
  InputGap,
  InputSource,
  Inventory,
  InventoryDiagnostic,
  K8sObject,
  PodTemplate,
  Redeclaration,
  StackEnvironment,
  StackIdentity,
} from './model.js';
import {
  expandLists,
  joinPath,
  manifestProblem,
  toK8sObject,
  type ManifestInput,
} from './kubernetes/objects.js';
import { containersPath } from './kubernetes/containers.js';
import { identityOf, isIdenticalDeploymentCopy } from './kubernetes/identity.js';
import { isWorkloadKind, podSpecPath, podSpecProblem, podTemplateOf } from './kubernetes/pods.js';
import { customKindScopes } from './kubernetes/scope.js';
import { embeddedFlowSpec, type StackMetadata } from './flow-spec.js';
import type { SymbolicValue } from './values.js';
import { setOwn } from './own.js';
import { applyParameterOverrides } from './parameters/apply.js';
import type { ParameterOverride } from './parameters/overrides.js';

export interface BuildInputs {
  readonly stacks: readonly StackInput[];
  readonly manifests: readonly ManifestInput[];
  readonly inputs: readonly InputSource[];
  readonly diagnostics?: readonly InventoryDiagnostic[];
  /**
   * Parameter values supplied for the run, still to be matched to the stacks.
   * @default - none
   */
  readonly parameters?: { readonly file: string; readonly overrides: readonly ParameterOverride[] };
}

export function buildInventory(inputs: BuildInputs): Inventory {
  const diagnostics: InventoryDiagnostic[] = [...(inputs.diagnostics ?? [])];
  const applied = inputs.parameters
    ? applyParameterOverrides(inputs.stacks, inputs.parameters.overrides, inputs.parameters.file)
    : { stacks: inputs.stacks, supplied: [] };
  const set = new StackSet(
    applied.stacks.map((stack) => {
      const template: unknown = stack.template;
      if (typeof template === 'object' && template !== null && !Array.isArray(template)) return stack;
      diagnostics.push({
        severity: 'warning',
        message: 'expected a template (a mapping with Resources); the stack is skipped',
        location: { file: stack.file, path: '' },
        gap: 'malformed',
      });
      return { ...stack, template: {} };
    }),
  );
  const cfn: CfnResource[] = [];
  const helm: HelmRelease[] = [];
  const manifests: ManifestInput[] = [...inputs.manifests];
  const stackMetadata: Record<string, SymbolicValue> = {};
  const withMetadata: StackMetadata[] = [];
  for (const stack of set.stacks.values()) {
    const contents = readStack(stack, diagnostics);
    cfn.push(...contents.resources);
    helm.push(...contents.helm);
    manifests.push(...contents.manifests);
    if (contents.metadata === undefined) continue;
    setOwn(stackMetadata, stack.name, contents.metadata);
    withMetadata.push({ stack: stack.input, metadata: contents.metadata });
  }
  const flowSpec = embeddedFlowSpec(withMetadata);

  const valid: ManifestInput[] = [];
  for (const manifest of manifests.flatMap(expandLists)) {
    const problem = manifestProblem(manifest.object);
    if (problem)
      diagnostics.push({
        severity: 'warning',
        message: `${problem.message}; the object is skipped`,
        location: manifest.location,
        gap: 'malformed',
      });
    else valid.push(manifest);
  }
  const customKinds = customKindScopes(valid.map((m) => m.object as Record<string, unknown>));
  const k8s: K8sObject[] = [];
  const pods: PodTemplate[] = [];
  const seen = new Map<string, K8sObject>();
  const redeclared: Redeclaration<K8sObject>[] = [];
  for (const { object, key: identity } of inCanonicalOrder(valid.map((m) => toK8sObject(m, customKinds)))) {
    const first = seen.get(identity);
    if (first) {
      redeclared.push({ first, again: object });
      // Our own output applies the same objects from the manifest files and from the stack; VF-K8S-013 proves
      // such copies equal, so evaluating both would only repeat every finding. Any other definition is
      // evaluated too: the one deployed last wins, and it may be the worse one.
      if (isIdenticalDeploymentCopy(first, object)) continue;
    } else seen.set(identity, object);
    k8s.push(object);
    const pod = podTemplateOf(object);
    if (pod) pods.push(pod);
    const gap = podGap(object, pod);
    if (gap) diagnostics.push(gap);
  }
  return {
    inputs: inputs.inputs,
    cfn: cfn.sort(byKey),
    k8s,
    helm,
    pods,
    diagnostics,
    stackMetadata,
    ...(flowSpec ? { flowSpec } : {}),
    redeclared,
    redeclaredStacks: redeclaredStacks(inputs.stacks),
    stackEnvironments: stackEnvironments(inputs.stacks),
    ...(inputs.parameters ? { parameters: { file: inputs.parameters.file, values: applied.supplied } } : {}),
  };
}

/*
 * The inventory lists resources by key and objects by identity, not in the order the input happened to write
 * them: a template's Resources is a JSON object, whose key order means nothing to CloudFormation, and the order
 * of manifest files and documents does not change what a cluster runs. Controls and proofs report the first
 * witness they find, so without this the same deployment written in another order gave another report text.
 */
const byKey = (a: { readonly key: string }, b: { readonly key: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** Objects by identity; the definitions of one object keep their input order (the last applied wins). */
function inCanonicalOrder(objects: readonly K8sObject[]): { object: K8sObject; key: string }[] {
  return objects.map((object) => ({ object, key: identityOf(object) })).sort(byKey);
}

/**
 * What keeps the pods of an object from being checked: a workload without a pod spec, a pod spec whose
 * container lists are not lists, or a kind we do not model that runs containers.
 */
function podGap(object: K8sObject, pod: PodTemplate | undefined): InventoryDiagnostic | undefined {
  const unchecked = (message: string, gap: InputGap, path = object.location.path): InventoryDiagnostic => ({
    severity: 'warning',
    message,
    location: { ...object.location, path },
    gap,
    subject: subjectOf(object),
  });
  const name = `${object.kind} ${displayName(object)}`;
  if (pod) {
    const problem = podSpecProblem(pod.spec);
    return problem === undefined
      ? undefined
      : unchecked(
          `the pod spec of ${name} is malformed: ${problem}; its containers are not checked`,
          'malformed',
          joinPath(object.location.path, pod.specPath),
        );
  }
  if (isWorkloadKind(object.kind))
    return unchecked(
      `${name} declares no pod spec (expected a mapping at ${podSpecPath(object.kind)}); its pods are not checked`,
      'malformed',
    );
  const containers = containersPath(object.object);
  return containers === undefined
    ? undefined
    : unchecked(
        `${name} runs containers (${containers}), but vectorfort does not model the kind ${object.apiVersion}/${object.kind}; its pods are not checked`,
        'kind',
      );
}

function displayName(object: K8sObject): string {
  return object.namespace === undefined ? object.name : `${object.namespace}/${object.name}`;
}

function subjectOf(object: K8sObject): { type: string; id: string } {
  return { type: `${object.apiVersion}/${object.kind}`, id: displayName(object) };
}

/**
 * Top-level stacks deployed under the same name where nothing shows they go to different accounts or regions:
 * deploying both makes one replace the other. Plain templates are left out, since whoever deploys them names
 * the stack; nested stacks take their parent's name.
 */
function redeclaredStacks(stacks: readonly StackInput[]): Redeclaration<StackIdentity>[] {
  const found: Redeclaration<StackIdentity>[] = [];
  const named = stacks.filter((s) => s.parent === undefined && s.deployedName !== undefined);
  const identity = (s: StackInput): StackIdentity => ({
    deployedName: s.deployedName!,
    ...(s.environment ? { environment: s.environment } : {}),
    file: s.file,
  });
  named.forEach((again, i) => {
    const first = named
      .slice(0, i)
      .find((s) => s.deployedName === again.deployedName && maySameEnvironment(s, again));
    if (first) found.push({ first: identity(first), again: identity(again) });
  });
  return found;
}

/** Each stack's stated account and region; a nested stack deploys where its parent does. */
function stackEnvironments(stacks: readonly StackInput[]): Record<string, StackEnvironment> {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const environments: Record<string, StackEnvironment> = {};
  for (const stack of stacks) {
    let s: StackInput | undefined = stack;
    // Bounded by the number of stacks, so a malformed parent chain cannot loop.
    for (let hops = 0; s && !s.environment && s.parent && hops < stacks.length; hops++)
      s = byName.get(s.parent.stack);
    if (s?.environment) setOwn(environments, stack.name, s.environment);
  }
  return environments;
}

/** False only when both stacks state an account, or a region, and they differ. */
function maySameEnvironment(a: StackInput, b: StackInput): boolean {
  const differ = (x: string | undefined, y: string | undefined) =>
    x !== undefined && y !== undefined && x !== y;
  return !(
    differ(a.environment?.account, b.environment?.account) ||
    differ(a.environment?.region, b.environment?.region)
  );
}
