/** Everything Weaviate needs in its namespace, in apply order. */
import type { ManifestObject } from '../chart.js';
import type { RenderContext } from '../context.js';
import { keyRolloutRbac } from './key-rollout-rbac.js';
import { secretProviderClass } from './secrets.js';
import { services } from './services.js';
import { podDisruptionBudget, serviceAccount, statefulSet } from './statefulset.js';
import { storageClass } from './storage.js';

export function weaviateObjects(ctx: RenderContext): ManifestObject[] {
  return [
    storageClass(ctx),
    serviceAccount(ctx),
    secretProviderClass(ctx),
    ...services(ctx),
    podDisruptionBudget(ctx),
    statefulSet(ctx),
    ...keyRolloutRbac(ctx),
  ];
}
