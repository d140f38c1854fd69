/**
 * The default synthesized template with the default charts' manifests (or an example's), as an inventory for the
 * reach tests.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateBlueprint } from '../../../src/blueprint/index.js';
import { deriveFlowSpec } from '../../../src/flows/index.js';
import type { FlowSpec } from '../../../src/flows/types.js';
import { inventoryFromObjects, type Inventory } from '../../../src/inventory/index.js';
import { renderCharts } from '../../../src/k8s/index.js';
import { synth, type CfnTemplate } from '../../aws/synth-helper.js';

export interface DefaultOutput {
  readonly template: CfnTemplate;
  readonly manifests: Record<string, unknown>[];
  readonly spec: FlowSpec;
}

export type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
export type Mutation = (template: { Resources: Resources }, manifests: Record<string, unknown>[]) => void;

function outputOf(input: Record<string, unknown>, file: string): DefaultOutput {
  const { json } = synth(input);
  const blueprint = validateBlueprint(input, file);
  const spec = deriveFlowSpec(blueprint);
  const manifests = renderCharts(blueprint, spec).flatMap((c) => c.objects.map((o) => structuredClone(o)));
  return { template: json, manifests, spec };
}

let cached: DefaultOutput | undefined;

export function defaultOutput(): DefaultOutput {
  cached ??= outputOf({}, 'blueprint.yaml');
  return cached;
}

/** The output of `examples/<name>` (synthesized once per call: keep it in a module constant). */
export function exampleOutput(name: string): DefaultOutput {
  const text = readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
  return outputOf(parse(text) as Record<string, unknown>, name);
}

/** An inventory of `output` (by default the default output) after `mutate` changed copies of it. */
export function mutatedInventory(
  mutate: Mutation = () => {},
  output: DefaultOutput = defaultOutput(),
): Inventory {
  const template = structuredClone(output.template) as unknown as { Resources: Resources };
  const manifests = structuredClone(output.manifests);
  // The stack embeds the same manifests in custom resources; read them once, from the mutable copy.
  for (const [id, r] of Object.entries(template.Resources))
    if (r.Type === 'Custom::AWSCDK-EKS-KubernetesResource') delete template.Resources[id];
  mutate(template, manifests);
  return inventoryFromObjects({
    templates: { Stack: template as unknown as Record<string, unknown> },
    manifests,
  });
}
