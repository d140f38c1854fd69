/**
 * Cross-environment controls: checks over several environments at once (dev, staging, prod), each one its own
 * inventory. They are data plus a pure check like every control, but read the set of environments rather than
 * one inventory, so they run where the environments are known: `synth` of a blueprint with `environments`.
 */
import type { FrameworkMappings, Severity } from '../../findings/index.js';
import type { Inventory } from '../../inventory/model.js';
import type { ControlId, ControlResult } from '../types.js';

/** One environment as the cross-environment controls see it. */
export interface EnvironmentUnderCheck {
  readonly name: string;
  /** The preset it was built from (`production`, `staging`, `development`), which says what it is for. */
  readonly preset: string;
  /** Account and region of its stacks, as the cloud assembly states them; undefined when it does not. */
  readonly account?: string;
  readonly region?: string;
  /** Environments it is peered with or shares a transit path with. */
  readonly connectedTo: readonly string[];
  readonly inventory: Inventory;
}

export interface EnvironmentControl {
  readonly id: ControlId;
  readonly area: 'environment';
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly frameworks: FrameworkMappings;
  /** What it reads, for docs. */
  readonly appliesTo: readonly string[];
  readonly since: string;
  /** Pure: the same environments give the same results. Never throws for odd input: returns `unknown`. */
  check(environments: readonly EnvironmentUnderCheck[]): ControlResult[];
}

/** The production environments: the ones whose preset is `production`. */
export function productionOf(environments: readonly EnvironmentUnderCheck[]): EnvironmentUnderCheck[] {
  return environments.filter((e) => e.preset === 'production');
}

/**
 * A finding's locator for an environment as a whole: its main stack (the one running the cluster; companion
 * stacks such as the backup replica's come first in deployment order), else its first, else its name.
 */
export function environmentLocator(env: EnvironmentUnderCheck): ControlResult['resource'] {
  const stack = (env.inventory.cfn.find((r) => r.type === 'AWS::EKS::Cluster') ?? env.inventory.cfn[0])
    ?.stack;
  return { type: 'vectorfort/Environment', id: stack ? `${env.name} (${stack})` : env.name };
}
