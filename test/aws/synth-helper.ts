/** Synthesizes blueprints for the AWS tests: once per blueprint per test file, into a temporary directory. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { validateBlueprint, type Blueprint } from '../../src/blueprint/index.js';
import { synthesize, type SynthResult } from '../../src/aws/app.js';

export interface Synthesized {
  readonly blueprint: Blueprint;
  readonly result: SynthResult;
  readonly template: Template;
  readonly json: CfnTemplate;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DependsOn?: string[];
}

export interface CfnTemplate {
  readonly Metadata?: Record<string, unknown>;
  readonly Resources: Record<string, CfnResource>;
}

const cache = new Map<string, Synthesized>();
const outDirs: string[] = [];
// Each cloud assembly stages the kubectl layer (~37 MB): remove them when the test file's process ends.
process.on('exit', () => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** Synthesizes `input` (a blueprint as a user would write it; `{}` is the default blueprint). */
export function synth(input: Record<string, unknown> = {}): Synthesized {
  const key = JSON.stringify(input);
  const hit = cache.get(key);
  if (hit) return hit;
  const blueprint = validateBlueprint(input, 'test-blueprint.yaml');
  const outDir = mkdtempSync(join(tmpdir(), 'vectorfort-aws-'));
  outDirs.push(outDir);
  const result = synthesize(blueprint, outDir);
  const json = JSON.parse(readFileSync(result.stacks[0]!.templateFile, 'utf8')) as CfnTemplate;
  const synthesized = { blueprint, result, template: Template.fromJSON(json), json };
  cache.set(key, synthesized);
  return synthesized;
}

/** Resources of a type, by logical id. */
export function resourcesOf(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, r]) => r.Type === type);
}

/** The logical id of the resource at a construct path (relative to the stack), via `aws:cdk:path` metadata. */
export function logicalIdAt(json: CfnTemplate, pathSuffix: string): string {
  const found = Object.entries(json.Resources).filter(([, r]) =>
    String(r.Metadata?.['aws:cdk:path'] ?? '').endsWith(pathSuffix),
  );
  if (found.length !== 1) throw new Error(`expected one resource at …${pathSuffix}, found ${found.length}`);
  return found[0]![0];
}

/** Logical ids of the subnets of a tier (by their `vectorfort:tier` tag). */
export function subnetsOfTier(json: CfnTemplate, tier: string): string[] {
  return resourcesOf(json, 'AWS::EC2::Subnet')
    .filter(([, r]) => tagsOf(r).get('vectorfort:tier') === tier)
    .map(([id]) => id);
}

export function tagsOf(resource: CfnResource): Map<string, string> {
  const tags = (resource.Properties?.Tags ?? []) as unknown;
  if (Array.isArray(tags)) return new Map(tags.map((t: { Key: string; Value: string }) => [t.Key, t.Value]));
  return new Map(Object.entries(tags as Record<string, string>));
}
