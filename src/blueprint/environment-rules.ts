/** Cross-field rules of `environments`: names that fit, connections between declared environments. */
import type { BlueprintRule } from './rule.js';

const NAME_LIMIT = 24;

export const ENVIRONMENT_RULES: readonly BlueprintRule[] = [
  {
    path: (bp) => {
      const entry = Object.entries(bp.environments ?? {}).find(([name, env]) =>
        env.connectedTo.some((other) => other === name || !(other in bp.environments!)),
      );
      return entry ? `environments.${entry[0]}.connectedTo` : 'environments';
    },
    check: (bp) => {
      for (const [name, env] of Object.entries(bp.environments ?? {}))
        for (const other of env.connectedTo) {
          if (other === name) return `expected other environments, got ${name} itself`;
          if (!(other in bp.environments!))
            return `expected a declared environment (${Object.keys(bp.environments!).join(', ')}), got ${other}`;
        }
      return undefined;
    },
  },
  {
    path: () => 'environments',
    check: (bp) => {
      const long = Object.keys(bp.environments ?? {}).find(
        (name) => `${bp.name}-${name}`.length > NAME_LIMIT,
      );
      return long
        ? `expected ${bp.name}-${long} (the environment's blueprint name) to have at most ${NAME_LIMIT} characters; shorten the name or the environment`
        : undefined;
    },
  },
  {
    path: () => 'backup.bucketName',
    check: (bp) =>
      bp.environments && bp.backup.bucketName !== undefined
        ? 'expected no explicit bucket name with environments: bucket names are global, so each environment names its own (<name>-<environment>-backups-<account>-<region>)'
        : undefined,
  },
];
