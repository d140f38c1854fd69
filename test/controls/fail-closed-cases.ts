/**
 * The cases of the fail-closed property: every failing fixture with one value of its input left undetermined.
 * Template values are replaced where they sit (each property of each resource, recursively); manifest fields are
 * replaced through a template that applies the manifests, as the CDK does for a cluster.
 */
import type { Control, ControlFixture } from '../../src/controls/types.js';
import { expectedStatus, runFixture } from './expectations.js';
import {
  undeterminedManifestFieldAt,
  undeterminedPropertyAt,
  type Undetermined,
} from './fixtures/undetermined.js';

/** One failing fixture with one value undetermined, and the resources it expects to fail. */
export interface FailClosedCase {
  /** Stable key: control, fixture, where the value sits and how it is undetermined. */
  readonly key: string;
  readonly control: Control;
  readonly fixture: ControlFixture;
  readonly failing: readonly string[];
}

const HOWS: readonly Undetermined[] = ['parameter', 'import', 'condition'];

type Json = Record<string, unknown>;

function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/**
 * Every path below `value` (objects' keys and lists' indexes), parents before children. An intrinsic function is
 * one value: its arguments are not properties of the resource.
 */
function paths(value: unknown, prefix: readonly string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || isIntrinsic(value)) return [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Json);
  return entries.flatMap(([key, child]) => {
    const path = [...prefix, key];
    return [path, ...paths(child, path)];
  });
}

function templateCases(control: Control, fixture: ControlFixture, failing: string[]): FailClosedCase[] {
  const cases: FailClosedCase[] = [];
  for (const [stack, template] of Object.entries(fixture.templates ?? {})) {
    const resources = (template['Resources'] ?? {}) as Record<string, Json>;
    for (const [logicalId, resource] of Object.entries(resources)) {
      for (const path of paths(resource['Properties'])) {
        for (const how of HOWS) {
          const where = `${stack}/${logicalId}.${path.join('.')}`;
          cases.push({
            key: `${control.id} | ${fixture.name} | ${where} | ${how}`,
            control,
            fixture: undeterminedPropertyAt(fixture, `${stack}/${logicalId}`, path, how, fixture.expect),
            failing,
          });
        }
      }
    }
  }
  return cases;
}

function manifestCases(control: Control, fixture: ControlFixture, failing: string[]): FailClosedCase[] {
  return (fixture.manifests ?? []).flatMap((manifest, index) =>
    paths(manifest).map((path) => ({
      key: `${control.id} | ${fixture.name} | manifest ${index} ${path.join('.')} | parameter`,
      control,
      fixture: undeterminedManifestFieldAt(fixture, index, path, fixture.expect),
      failing,
    })),
  );
}

/** All cases for the controls' failing fixtures, in a stable order. */
export function failClosedCases(
  controls: readonly Control[],
  failingFixtures: (control: Control) => readonly ControlFixture[],
): FailClosedCase[] {
  return controls.flatMap((control) =>
    failingFixtures(control).flatMap((fixture) => {
      const failing = Object.entries(fixture.expect)
        .filter(([, e]) => expectedStatus(e) === 'fail')
        .map(([id]) => id);
      if (failing.length === 0) return [];
      return [...templateCases(control, fixture, failing), ...manifestCases(control, fixture, failing)];
    }),
  );
}

/** The failing resources that the case turns into a pass (worst result `pass`), if any. */
export function passedResources(c: FailClosedCase): string[] {
  const results = runFixture(c.control, c.fixture);
  return c.failing.filter((id) => {
    const statuses = results.filter((r) => r.resource.id === id).map((r) => r.status);
    return statuses.includes('pass') && !statuses.some((s) => s === 'fail' || s === 'unknown');
  });
}
