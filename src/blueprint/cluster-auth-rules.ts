/** Cross-field rule of the cluster password's rotation window. */
import type { BlueprintRule } from './rule.js';

export const CLUSTER_AUTH_RULES: readonly BlueprintRule[] = [
  {
    path: () => 'weaviate.clusterAuth.rotationWindow.windowHours',
    check: (bp) => {
      const w = bp.weaviate.clusterAuth.rotationWindow;
      // Secrets Manager's rule: a rotation window must not extend into the next UTC day.
      return w.startHourUtc + w.windowHours > 24
        ? `the window must close by 24:00 UTC the same day (Secrets Manager's rule): it opens at ${w.startHourUtc}:00, so at most ${24 - w.startHourUtc} hours`
        : undefined;
    },
  },
];
