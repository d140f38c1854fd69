/** Builds a Weaviate control whose check runs once per Weaviate container. */
import type { Inventory } from '../../inventory/model.js';
import type { FrameworkMappings, Severity, Status } from '../../report/model.js';
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
      return weaviateContainers(inventory).map((c) => {
        const [status, message] = spec.evaluate(c, inventory);
        return containerResult(c, status, message);
      });
    },
  };
}
