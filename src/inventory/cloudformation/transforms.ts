/**
 * Transforms a template asks CloudFormation to run at deploy time. `AWS::LanguageExtensions` is expanded here
 * (for-each.ts, and the intrinsics it adds); every other one (`AWS::Serverless-2016-10-31`, `AWS::Include`,
 * an account's own macros) rewrites the template in ways only its code knows, so what it generates is unseen.
 */

/** The transform expanded offline; the others are reported. */
export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** A transform the template uses, and where it is first named. */
export interface TransformUse {
  readonly name: string;
  /** Dotted path in the template (`Transform`, `Resources.Api.Properties.Fn::Transform`). */
  readonly path: string;
}

/** Deeper than any template nests; the search stops there (the parser's own limit is far above it). */
const MAX_DEPTH = 64;

/**
 * The transforms other than the language extensions: those of the `Transform` section, and each macro named
 * by an `Fn::Transform` anywhere in the template (its first use).
 */
export function unexpandedTransforms(template: Readonly<Record<string, unknown>>): TransformUse[] {
  const uses: TransformUse[] = [];
  const named = new Set<string>();
  const add = (name: string, path: string) => {
    if (name === LANGUAGE_EXTENSIONS || named.has(name)) return;
    named.add(name);
    uses.push({ name, path });
  };
  const section = template.Transform;
  if (section !== undefined)
    (Array.isArray(section) ? section : [section]).forEach((entry, i) =>
      add(nameOf(entry), Array.isArray(section) ? `Transform.${i}` : 'Transform'),
    );
  const visit = (value: unknown, path: string, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}.${i}`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key === 'Fn::Transform') add(nameOf(child), at);
      visit(child, at, depth + 1);
    }
  };
  for (const [key, value] of Object.entries(template)) if (key !== 'Transform') visit(value, key, 1);
  return uses;
}

/** A transform's name: the string, or the `Name` of `{Name, Parameters}`; anything else is shown as written. */
function nameOf(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const name = (entry as { Name?: unknown } | null)?.Name;
  return typeof name === 'string' ? name : (JSON.stringify(entry) ?? String(entry));
}
