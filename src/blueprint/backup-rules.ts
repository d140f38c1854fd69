/** Cross-field rules of the scheduled backups and the restore drill. */
import { longestGapMinutes, shortestGapMinutes } from '../contract/cron.js';
import { drillRetentionDays } from '../contract/drill-staleness.js';
import type { BlueprintRule } from './rule.js';

export const BACKUP_RULES: readonly BlueprintRule[] = [
  {
    path: () => 'backup.schedule',
    // The longest gap: it bounds the data a failure can lose.
    check: (bp) => {
      const gap = longestGapMinutes(bp.backup.schedule);
      return gap > bp.backup.rpoHours * 60
        ? `the schedule leaves up to ${gap / 60} hours between backups, more than backup.rpoHours (${bp.backup.rpoHours}): run it more often or raise the RPO`
        : undefined;
    },
  },
  {
    path: () => 'backup.timeoutMinutes',
    // The shortest gap: a run that outlasts it makes the CronJob skip the next slot.
    check: (bp) => {
      const gap = shortestGapMinutes(bp.backup.schedule);
      return bp.backup.timeoutMinutes >= gap
        ? `a backup may run ${bp.backup.timeoutMinutes} minutes, but the schedule starts the next one as soon as ${gap} minutes after a run: lower the timeout below the shortest gap`
        : undefined;
    },
  },
  {
    path: () => 'backup.restoreDrill.timeoutMinutes',
    // As for the backups: a drill that outlasts the shortest gap makes the CronJob skip the next one.
    check: (bp) => {
      const drill = bp.backup.restoreDrill;
      if (!drill.enabled) return undefined;
      const gap = shortestGapMinutes(drill.schedule);
      return drill.timeoutMinutes >= gap
        ? `a drill may run ${drill.timeoutMinutes} minutes, but its schedule starts the next one as soon as ${gap} minutes after a run: lower the timeout below the shortest gap`
        : undefined;
    },
  },
  {
    path: () => 'backup.retentionDays',
    check: (bp) =>
      bp.backup.retentionDays <= bp.backup.transitionToInfrequentAccessDays
        ? `S3 expires a backup only after it moved to Standard-IA: retentionDays (${bp.backup.retentionDays}) must exceed transitionToInfrequentAccessDays (${bp.backup.transitionToInfrequentAccessDays})`
        : undefined,
  },
  {
    path: () => 'backup.restoreDrill.namespace',
    check: (bp) => {
      const ns = bp.backup.restoreDrill.namespace;
      if (!bp.backup.restoreDrill.enabled) return undefined;
      const taken = [bp.weaviate.namespace, bp.mesh.ingressNamespace, bp.monitoring.namespace];
      return taken.includes(ns) ||
        ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'istio-system'].includes(ns)
        ? `the drill's scratch Weaviate needs a namespace of its own, not "${ns}"`
        : undefined;
    },
  },
  {
    path: () => 'monitoring.stack.retentionDays',
    check: (bp) => {
      const { restoreDrill } = bp.backup;
      // An existing Prometheus keeps what its owner configures; docs/observability.md states the need.
      if (!restoreDrill.enabled || !bp.monitoring.stack.enabled) return undefined;
      const needed = drillRetentionDays(restoreDrill.schedule, restoreDrill.timeoutMinutes);
      return bp.monitoring.stack.retentionDays < needed
        ? `the alert on a restore drill that stopped passing looks back ${needed - 1} days, but Prometheus keeps ${bp.monitoring.stack.retentionDays}: raise monitoring.stack.retentionDays to at least ${needed} or run the drill more often`
        : undefined;
    },
  },
  {
    path: () => 'backup.restoreDrill.evidencePrefix',
    check: (bp) => {
      const evidence = bp.backup.restoreDrill.evidencePrefix;
      const backups = bp.backup.prefix;
      const nested = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
      return nested(evidence, backups) || nested(backups, evidence)
        ? `the drill's evidence needs its own prefix, apart from Weaviate's "${backups}" (which expires with the backups and which Weaviate may write)`
        : undefined;
    },
  },
  {
    path: () => 'backup.weaviateUser',
    check: (bp) => {
      const a = bp.weaviate.authentication.apiKey.users;
      const z = bp.weaviate.authorization;
      const clash = [...a, ...z.rootUsers, ...z.adminUsers, ...z.readOnlyUsers].includes(
        bp.backup.weaviateUser,
      );
      return clash
        ? `the backup user "${bp.backup.weaviateUser}" must be a user of its own, not one of the API-key, root, admin or read-only users`
        : undefined;
    },
  },
];
