/** A stack's resources in the inventory, and the Kubernetes manifests and Helm charts its custom resources embed. */
import type { CfnResource, HelmRelease, InventoryDiagnostic, SourceLocation } from '../model.js';
import type { ManifestInput } from '../kubernetes/objects.js';
import { Unknown, isPlainObject, type SymbolicObject, type SymbolicValue } from '../values.js';
import { parseSymbolicJson } from './embedded-json.js';
import { resourceProblem, templateProblems } from './shape.js';
import { unexpandedTransforms } from './transforms.js';
import type { StackContext } from './stack-context.js';
import { setOwn } from '../own.js';

export const KUBERNETES_RESOURCE_TYPE = 'Custom::AWSCDK-EKS-KubernetesResource';
export const HELM_CHART_TYPE = 'Custom::AWSCDK-EKS-HelmChart';

export interface StackContents {
  readonly resources: CfnResource[];
  readonly manifests: ManifestInput[];
  readonly helm: HelmRelease[];
  readonly metadata?: SymbolicValue;
}

export function readStack(stack: StackContext, diagnostics: InventoryDiagnostic[]): StackContents {
  const { template, file, lineOf } = stack.input;
  const location = (path: string): SourceLocation => {
    // An entry a loop generated is not in the file: its line is the loop's.
    const line = lineOf?.(path) ?? lineOf?.(stack.sourcePathOf(path));
    return line === undefined ? { file, path } : { file, path, line };
  };
  for (const problem of templateProblems(template))
    diagnostics.push({
      severity: 'warning',
      message: problem.message,
      location: location(problem.path),
      gap: 'malformed',
    });

  const contents: StackContents = { resources: [], manifests: [], helm: [] };
  // Macros such as AWS::Serverless rewrite the template at deploy time: what they generate is not seen here.
  for (const transform of unexpandedTransforms(template))
    diagnostics.push({
      severity: 'warning',
      message: `the template uses the transform ${JSON.stringify(transform.name)}, which is not expanded offline; what it generates or changes is not checked`,
      location: location(transform.path),
      gap: 'transform',
    });
  for (const loop of stack.unexpandedLoops)
    diagnostics.push({
      severity: 'warning',
      message: loop.message,
      location: location(loop.path),
      gap: loop.gap,
    });
  const resources = template.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) return withMetadata();

  for (const [logicalId, raw] of Object.entries(resources as Record<string, unknown>)) {
    const path = `Resources.${logicalId}`;
    const problem = resourceProblem(raw);
    if (problem) {
      diagnostics.push({
        severity: 'warning',
        message: `${problem}; the resource is skipped`,
        location: location(path),
        gap: 'malformed',
      });
      continue;
    }
    const resource = raw as Record<string, unknown>;
    const type = resource.Type as string;
    const condition = stack.resourceCondition(logicalId);
    if (condition === false) {
      diagnostics.push({
        severity: 'info',
        message: `${logicalId} is not created: its condition ${String(resource.Condition)} is false`,
        location: location(path),
      });
      continue;
    }
    const resolved = stack.resolveValue(resource.Properties ?? {});
    let properties: SymbolicObject = {};
    if (isPlainObject(resolved)) properties = resolved;
    else
      diagnostics.push({
        severity: 'warning',
        message: `the properties of ${logicalId} are not determined by the template; its settings are not checked`,
        location: location(`${path}.Properties`),
        gap: 'undetermined',
        subject: { type, id: stack.keyOf(logicalId) },
      });
    const key = stack.keyOf(logicalId);
    const metadata = resource.Metadata as Record<string, unknown> | undefined;
    const cdkPath = metadata?.['aws:cdk:path'];
    const dependsOn = resource.DependsOn;
    const entry: CfnResource = {
      source: 'cloudformation',
      key,
      stack: stack.name,
      logicalId,
      type,
      properties,
      raw,
      location: location(path),
      ...(typeof cdkPath === 'string' ? { cdkPath } : {}),
      condition: condition === true ? true : condition,
      tags: tagsOf(properties.Tags),
      dependsOn:
        typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? (dependsOn as string[]) : [],
    };
    contents.resources.push(entry);
    if (type === KUBERNETES_RESOURCE_TYPE) embeddedManifests(entry, contents.manifests, diagnostics);
    else if (type === HELM_CHART_TYPE) contents.helm.push(helmRelease(entry, diagnostics));
  }
  return withMetadata();

  function withMetadata(): StackContents {
    if (template.Metadata === undefined) return contents;
    return { ...contents, metadata: stack.resolveValue(template.Metadata) ?? null };
  }
}

/** Tags as written by most types (`[{Key, Value}]`) or as a map (EKS node groups, SSM parameters, …). */
function tagsOf(tags: SymbolicValue | undefined): Record<string, SymbolicValue> {
  const out: Record<string, SymbolicValue> = {};
  if (Array.isArray(tags)) {
    for (const tag of tags as SymbolicValue[])
      if (isPlainObject(tag) && typeof tag.Key === 'string' && tag.Value !== undefined)
        setOwn(out, tag.Key, tag.Value);
  } else if (isPlainObject(tags)) for (const [key, value] of Object.entries(tags)) setOwn(out, key, value);
  return out;
}

/** The objects of an EKS KubernetesResource: its `Manifest` property is the JSON text of a list of objects. */
function embeddedManifests(
  resource: CfnResource,
  out: ManifestInput[],
  diagnostics: InventoryDiagnostic[],
): void {
  const path = `${resource.location.path}.Properties.Manifest`;
  const parsed = parseSymbolicJson(resource.properties.Manifest);
  if (parsed instanceof Unknown) {
    diagnostics.push({
      severity: 'warning',
      message: `the Kubernetes manifest of ${resource.logicalId} cannot be read: ${parsed.reason}; the objects it applies are not checked`,
      location: { ...resource.location, path },
      gap: 'undetermined',
      subject: { type: resource.type, id: resource.key },
    });
    return;
  }
  const objects = Array.isArray(parsed) ? (parsed as SymbolicValue[]) : [parsed];
  objects.forEach((object, i) =>
    out.push({ object, location: { ...resource.location, path: `${path}.${i}` }, embeddedIn: resource.key }),
  );
}

function helmRelease(resource: CfnResource, diagnostics: InventoryDiagnostic[]): HelmRelease {
  const p = resource.properties;
  let values: SymbolicValue = {};
  if (p.Values !== undefined) {
    values = parseSymbolicJson(p.Values);
    if (values instanceof Unknown)
      diagnostics.push({
        severity: 'warning',
        message: `the Helm values of ${resource.logicalId} cannot be read: ${values.reason}`,
        location: { ...resource.location, path: `${resource.location.path}.Properties.Values` },
      });
  }
  return {
    source: 'helm',
    key: resource.key,
    chart: p.Chart ?? null,
    repository: p.Repository ?? null,
    version: p.Version ?? null,
    // The chart handler installs into `default` when no namespace is given.
    namespace: p.Namespace ?? 'default',
    release: p.Release ?? null,
    values,
    location: resource.location,
    embeddedIn: resource.key,
  };
}
