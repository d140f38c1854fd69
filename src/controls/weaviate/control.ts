/** Builds a Weaviate control whose check runs once per Weaviate container. */
import type { HelmRelease, Inventory } from '../../inventory/model.js';
import type { FrameworkMappings, Severity, Status } from '../../findings/index.js';
import type { CheckContext, Control, ControlId, ControlResult } from '../types.js';
import {
  containerResult,
  WEAVIATE_KINDS,
  WEAVIATE_REFERENCES,
  weaviateContainers,
  type WeaviateContainer,
} from './containers.js';

/** Status, a message naming the setting and its source, and the attribute's path relative to the pod spec. */
export type Verdict = readonly [Status, string, string?];

export interface WeaviateControlSpec {
  readonly id: ControlId;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  readonly frameworks: FrameworkMappings;
  readonly references?: readonly string[];
  /** The verdict for one container (or one per problem found in it). */
  readonly evaluate: (c: WeaviateContainer, inventory: Inventory) => Verdict | readonly Verdict[];
  /**
   * Results on other objects than the containers (a ConfigMap that holds credentials, say).
   * @default - none
   */
  readonly checkObjects?: (inventory: Inventory, containers: readonly WeaviateContainer[]) => ControlResult[];
  /**
   * Kinds evaluated, for the docs.
   * @default - the workload kinds that run Weaviate
   */
  readonly appliesTo?: readonly string[];
}

function verdicts(v: Verdict | readonly Verdict[]): readonly Verdict[] {
  return Array.isArray(v[0]) ? (v as readonly Verdict[]) : [v as Verdict];
}

function weaviateReleases(inventory: Inventory): HelmRelease[] {
  return inventory.helm.filter(
    (h) => typeof h.chart === 'string' && h.chart.toLowerCase().includes('weaviate'),
  );
}

export function weaviateControl(spec: WeaviateControlSpec): Control {
  return {
    id: spec.id,
    area: 'weaviate',
    title: spec.title,
    severity: spec.severity,
    rationale: spec.rationale,
    remediation: spec.remediation,
    references: [...WEAVIATE_REFERENCES, ...(spec.references ?? [])],
    frameworks: spec.frameworks,
    appliesTo: spec.appliesTo ?? WEAVIATE_KINDS,
    since: '0.1.0',
    check(inventory: Inventory, _context: CheckContext): ControlResult[] {
      const containers = weaviateContainers(inventory);
      const results = containers.flatMap((c) =>
        verdicts(spec.evaluate(c, inventory)).map(([status, message, at]) =>
          containerResult(c, status, message, at),
        ),
      );
      results.push(...(spec.checkObjects?.(inventory, containers) ?? []));
      // Charts are not rendered offline: a Weaviate chart's pods are invisible here, which must not read as a pass.
      for (const release of weaviateReleases(inventory))
        results.push({
          status: 'unknown',
          resource: {
            type: 'Helm/Release',
            id: release.key,
            file: release.location.file,
            path: release.location.path,
          },
          message:
            'a Weaviate Helm chart is installed but not rendered; verify its rendered manifests (helm template)',
        });
      return results;
    },
  };
}
