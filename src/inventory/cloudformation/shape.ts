/** The shape a CloudFormation template must have before its resources can be read. */

export interface ShapeProblem {
  /** Dotted path inside the template. */
  readonly path: string;
  readonly message: string;
}

const SECTIONS = ['Parameters', 'Mappings', 'Conditions', 'Outputs', 'Metadata'] as const;

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problems of the template as a whole (a wrong section type); resource problems come from resourceProblem. */
export function templateProblems(template: unknown): ShapeProblem[] {
  if (!isMapping(template)) return [{ path: '', message: 'expected a template (a mapping with Resources)' }];
  const problems: ShapeProblem[] = [];
  if (!isMapping(template.Resources))
    problems.push({
      path: 'Resources',
      message: 'expected Resources to be a mapping of logical id to resource',
    });
  for (const section of SECTIONS)
    if (template[section] !== undefined && !isMapping(template[section]))
      problems.push({ path: section, message: `expected ${section} to be a mapping` });
  return problems;
}

/** Why a resource entry cannot be read, or undefined. */
export function resourceProblem(resource: unknown): string | undefined {
  if (!isMapping(resource)) return 'expected a resource (a mapping with Type)';
  if (typeof resource.Type !== 'string' || resource.Type === '') return 'expected Type to be a string';
  if (resource.Properties !== undefined && !isMapping(resource.Properties))
    return 'expected Properties to be a mapping';
  if (resource.Condition !== undefined && typeof resource.Condition !== 'string')
    return 'expected Condition to be a condition name';
  const dependsOn = resource.DependsOn;
  if (
    dependsOn !== undefined &&
    typeof dependsOn !== 'string' &&
    !(Array.isArray(dependsOn) && dependsOn.every((d) => typeof d === 'string'))
  )
    return 'expected DependsOn to be a logical id or a list of them';
  if (resource.Metadata !== undefined && !isMapping(resource.Metadata))
    return 'expected Metadata to be a mapping';
  return undefined;
}

/** `Fn::ForEach::Name` entries (AWS::LanguageExtensions) stand for resources CloudFormation generates. */
export function isMacroKey(logicalId: string): boolean {
  return logicalId.startsWith('Fn::ForEach::');
}
