/**
 * The attachment manifest: the evidence files a team attaches to manual requirements, with their dates.
 *
 * ```yaml
 * attachments:
 *   - requirement: soc2/A1.3          # <framework>/<requirement id>
 *     file: drills/restore-2026-11.pdf  # relative to this manifest's directory
 *     date: 2026-11-20                 # when the evidence was produced
 *     description: Quarterly restore drill of the production cluster
 *     periodDays: 90                   # optional: a shorter period than the framework's
 * ```
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { parseBoundedYaml, YamlSyntaxError } from '../../contract/bounded-yaml.js';
import { readRegularTextSync } from '../../contract/regular-file.js';
import { limitAsInputError } from '../../blueprint/index.js';
import { InputError, InputErrors } from '../../errors.js';
import { FRAMEWORKS } from '../../frameworks/index.js';
import { FRAMEWORK_KEYS, type FrameworkKey } from '../../findings/index.js';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (YYYY-MM-DD)')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'a calendar date (YYYY-MM-DD)',
    },
  );

const manifestSchema = z.strictObject({
  attachments: z
    .array(
      z.strictObject({
        requirement: z
          .string()
          .regex(/^[a-z0-9.-]+\/.+$/, 'a requirement as <framework>/<id>, e.g. soc2/A1.3'),
        file: z.string().min(1),
        date,
        description: z.string().optional(),
        periodDays: z.number().int().min(1).max(3660).optional(),
      }),
    )
    .min(1),
});

/** One attachment, read and checked: the file exists and names a manual requirement. */
export interface AttachmentSource {
  readonly framework: FrameworkKey;
  readonly requirement: string;
  /** Absolute path of the file to copy. */
  readonly source: string;
  /** The file's path relative to the manifest's directory. */
  readonly name: string;
  readonly date: string;
  readonly description?: string;
  readonly periodDays?: number;
}

/** The manifest's value, within the input limits (an alias bomb or deep nesting is refused, exit 2). */
function readManifestValue(text: string, file: string): unknown {
  try {
    return parseBoundedYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError)
      throw new InputError(`is not YAML or JSON: ${error.message}`, file, undefined, {
        line: error.line,
        column: error.column,
      });
    throw limitAsInputError(error, file);
  }
}

export function readAttachmentManifest(file: string): AttachmentSource[] {
  let text: string;
  try {
    text = readRegularTextSync(file);
  } catch (error) {
    throw new InputError(`cannot read the attachment manifest (${(error as Error).message})`, file);
  }
  const parsed = manifestSchema.safeParse(readManifestValue(text, file));
  if (!parsed.success)
    throw new InputErrors(
      parsed.error.issues.map(
        (i) => new InputError(`expected ${i.message}`, file, i.path.map(String).join('.') || '(root)'),
      ),
    );
  const base = dirname(resolve(file));
  return parsed.data.attachments.map((a, index) => {
    const at = `attachments.${index}`;
    const slash = a.requirement.indexOf('/');
    const framework = a.requirement.slice(0, slash) as FrameworkKey;
    const id = a.requirement.slice(slash + 1);
    if (!(FRAMEWORK_KEYS as readonly string[]).includes(framework))
      throw new InputError(
        `expected a framework of ${FRAMEWORK_KEYS.join(', ')}, got ${JSON.stringify(framework)}`,
        file,
        `${at}.requirement`,
      );
    const requirement = FRAMEWORKS[framework].requirements.find((r) => r.id === id);
    if (!requirement)
      throw new InputError(
        `${framework} has no requirement ${JSON.stringify(id)}`,
        file,
        `${at}.requirement`,
      );
    if (!requirement.manual)
      throw new InputError(
        `${framework}/${id} is evidenced by the controls, not by attachments; attach evidence to a manual requirement`,
        file,
        `${at}.requirement`,
      );
    const source = resolve(base, a.file);
    const name = relative(base, source);
    if (isAbsolute(a.file) || name.startsWith('..'))
      throw new InputError("expected a file inside the manifest's directory", file, `${at}.file`);
    let isFile = false;
    let real: string | undefined;
    try {
      isFile = statSync(source).isFile();
      real = realpathSync(source);
    } catch {
      // reported below
    }
    if (!isFile)
      throw new InputError(
        `expected a regular file, ${JSON.stringify(a.file)} is not one`,
        file,
        `${at}.file`,
      );
    // A symbolic link inside the directory could otherwise copy any file the run can read into the bundle.
    const inside = relative(realpathSync(base), real!);
    if (isAbsolute(inside) || inside.startsWith('..'))
      throw new InputError(
        `expected a file inside the manifest's directory; ${JSON.stringify(a.file)} is a link to a file outside it`,
        file,
        `${at}.file`,
      );
    return {
      framework,
      requirement: id,
      source,
      name,
      date: a.date,
      ...(a.description !== undefined ? { description: a.description } : {}),
      ...(a.periodDays !== undefined ? { periodDays: a.periodDays } : {}),
    };
  });
}
