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
} from './env.js';

export interface WeaviateControlSpec {
  readonly id: ControlId;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  readonly frameworks: FrameworkMappings;
  readonly references?: readonly string[];
  /** The verdict for one container: status and a message naming the variable and value. */
  readonly evaluate: (c: WeaviateContainer, inventory: Inventory) => readonly [Status, string];
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
    appliesTo: WEAVIATE_KINDS,
    since: '0.1.0',
    check(inventory: Inventory, _context: CheckContext): ControlResult[] {
      const results = weaviateContainers(inventory).map((c) => {
        const [status, message] = spec.evaluate(c, inventory);
        return containerResult(c, status, message);
      });
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
