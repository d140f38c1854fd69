/**
 * Several environments from one blueprint: each environment's blueprint is the shared settings with its own
 * account, region, VPC range and preset, validated as a blueprint of its own (its preset's defaults under the
 * shared settings), so every rule holds in every environment.
 */
import { InputError, InputErrors } from '../errors.js';
import type { Blueprint, PresetName } from './schema.js';

export interface EnvironmentBlueprint {
  /** The environment's name in the blueprint (`prod`). */
  readonly name: string;
  readonly preset: PresetName;
  /** Environments it is peered with or shares a transit path with. */
  readonly connectedTo: readonly string[];
  /** Its own blueprint, named `<name>-<environment>`. */
  readonly blueprint: Blueprint;
}

/** Each validated blueprint with `environments`, mapped to its environments' blueprints (derived once). */
const DERIVED = new WeakMap<Blueprint, readonly EnvironmentBlueprint[]>();

/** The environments of a validated blueprint, or undefined when it declares none. */
export function environmentsOf(bp: Blueprint): readonly EnvironmentBlueprint[] | undefined {
  return DERIVED.get(bp);
}

export function deriveEnvironments(
  input: Readonly<Record<string, unknown>>,
  bp: Blueprint,
  file: string,
  validate: (input: Record<string, unknown>) => Blueprint,
): void {
  if (!bp.environments) return;
  const { environments: _declared, ...shared } = input;
  const sharedEnvironment = isRecord(shared.environment) ? shared.environment : {};
  const derived = Object.entries(bp.environments).map(([name, env]) => {
    const region = env.region ?? bp.environment.region;
    // Zones belong to a region: the shared ones only carry over to an environment in that region.
    const zones =
      env.availabilityZones ??
      (region === bp.environment.region ? bp.environment.availabilityZones : undefined);
    const environmentInput = {
      ...shared,
      name: `${bp.name}-${name}`,
      preset: env.preset,
      environment: {
        ...sharedEnvironment,
        account: env.account,
        region,
        ...(zones ? { availabilityZones: zones } : {}),
      },
      network: { ...(isRecord(shared.network) ? shared.network : {}), vpcCidr: env.vpcCidr },
    };
    if (!zones) delete (environmentInput.environment as Record<string, unknown>).availabilityZones;
    let blueprint: Blueprint;
    try {
      blueprint = validate(environmentInput);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const errors = error instanceof InputErrors ? error.errors : [error];
      throw new InputErrors(
        errors.map(
          (e) => new InputError(`in environment ${name}: ${e.message}`, e.file ?? file, e.path, e.position),
        ),
      );
    }
    return { name, preset: env.preset, connectedTo: env.connectedTo, blueprint };
  });
  DERIVED.set(bp, derived);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
