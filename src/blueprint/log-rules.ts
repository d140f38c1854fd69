/** Cross-field rules of log collection and the log archive. */
import type { BlueprintRule } from './rule.js';

/** Namespaces that hold other workloads: the log collector's privileged namespace must be its own. */
const SHARED_NAMESPACES = (bp: Parameters<BlueprintRule['check']>[0]): string[] => [
  bp.weaviate.namespace,
  bp.monitoring.namespace,
  bp.mesh.ingressNamespace,
];

export const LOG_RULES: readonly BlueprintRule[] = [
  {
    path: () => 'logs.collection.namespace',
    check: (bp) =>
      bp.logs.collection.enabled && SHARED_NAMESPACES(bp).includes(bp.logs.collection.namespace)
        ? `the log collector's namespace enforces the privileged Pod Security profile, so it cannot be shared with other workloads: choose a namespace other than ${SHARED_NAMESPACES(bp).join(', ')}`
        : undefined,
  },
  {
    path: () => 'logs.archive.siem.accessKeySecretName',
    check: (bp) => {
      const siem = bp.logs.archive.siem;
      if (siem.endpointUrl !== undefined && siem.accessKeySecretName === undefined)
        return 'a SIEM endpoint needs its access key: set logs.archive.siem.accessKeySecretName to the Secrets Manager secret holding it';
      if (siem.endpointUrl === undefined && siem.accessKeySecretName !== undefined)
        return 'an access key without an endpoint: set logs.archive.siem.endpointUrl, or remove the secret';
      return undefined;
    },
  },
  {
    path: () => 'logs.archive.siem.endpointUrl',
    check: (bp) =>
      bp.logs.archive.siem.endpointUrl !== undefined && !bp.logs.archive.enabled
        ? 'the SIEM delivery keeps its failed records in the log archive: turn logs.archive.enabled on'
        : undefined,
  },
  {
    path: () => 'logs.archive.objectLock.retentionDays',
    check: (bp) => {
      const { objectLock, expirationDays } = bp.logs.archive;
      return objectLock.enabled && objectLock.retentionDays > expirationDays
        ? `archived logs expire after ${expirationDays} days but Object Lock keeps them ${objectLock.retentionDays}: lower the lock's retention or raise logs.archive.expirationDays`
        : undefined;
    },
  },
];
