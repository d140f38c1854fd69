/** The default synthesized template with the default charts' manifests, as an inventory for the reach tests. */
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

let cached: DefaultOutput | undefined;

export function defaultOutput(): DefaultOutput {
  if (cached) return cached;
  const { json } = synth({});
  const blueprint = validateBlueprint({}, 'blueprint.yaml');
  const spec = deriveFlowSpec(blueprint);
  const manifests = renderCharts(blueprint, spec).flatMap((c) => c.objects.map((o) => structuredClone(o)));
  cached = { template: json, manifests, spec };
  return cached;
}

/** An inventory of the default output after `mutate` changed copies of the template and manifests. */
export function mutatedInventory(
  mutate: (
    template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> },
    manifests: Record<string, unknown>[],
  ) => void = () => {},
): Inventory {
  const base = defaultOutput();
  const template = structuredClone(base.template) as unknown as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  const manifests = structuredClone(base.manifests);
  // The stack embeds the same manifests in custom resources; read them once, from the mutable copy.
  for (const [id, r] of Object.entries(template.Resources))
    if (r.Type === 'Custom::AWSCDK-EKS-KubernetesResource') delete template.Resources[id];
  mutate(template, manifests);
  return inventoryFromObjects({
    templates: { Stack: template as unknown as Record<string, unknown> },
    manifests,
  });
}
