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
  InputSource,
  Inventory,
  InventoryDiagnostic,
  K8sObject,
  PodTemplate,
} from './model.js';
import { expandLists, manifestProblem, toK8sObject, type ManifestInput } from './kubernetes/objects.js';
import { isWorkloadKind, podTemplateOf } from './kubernetes/pods.js';
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
        message: `${problem}; the object is skipped`,
        location: manifest.location,
      });
    else valid.push(manifest);
  }
  const customKinds = customKindScopes(valid.map((m) => m.object as Record<string, unknown>));
  const k8s: K8sObject[] = [];
  const pods: PodTemplate[] = [];
  const seen = new Map<string, K8sObject>();
  const redeclared: { first: K8sObject; again: K8sObject }[] = [];
  for (const manifest of valid) {
    const object = toK8sObject(manifest, customKinds);
    const first = seen.get(object.key);
    if (first) {
      diagnostics.push({
        severity: 'info',
        message: `${object.key} is declared again (first at ${first.location.file} ${first.location.path}); the first declaration is used`,
        location: object.location,
      });
      redeclared.push({ first, again: object });
      continue;
    }
    seen.set(object.key, object);
    k8s.push(object);
    const pod = podTemplateOf(object);
    if (pod) pods.push(pod);
    else if (isWorkloadKind(object.kind))
      diagnostics.push({
        severity: 'warning',
        message: `${object.key} declares no pod template (spec); its pods are not checked`,
        location: object.location,
      });
  }
  return {
    inputs: inputs.inputs,
    cfn,
    k8s,
    helm,
    pods,
    diagnostics,
    stackMetadata,
    ...(flowSpec ? { flowSpec } : {}),
    redeclared,
    ...(inputs.parameters ? { parameters: { file: inputs.parameters.file, values: applied.supplied } } : {}),
  };
}
