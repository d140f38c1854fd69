/**
 * Loading an already parsed template with `cloudformation_include.CfnInclude`. CfnInclude only takes a file,
 * which it reads again with a YAML library of its own: that second parse of a template the inventory has
 * already read was a third of the packs' time. CfnInclude reads its file through one function of its
 * `file-utils` module; for the duration of one synchronous construction that function answers with the parsed
 * template instead, so everything CfnInclude does after reading (parameters, mappings, conditions, every
 * resource built as its typed L1 class, cycles, errors) is CfnInclude's own. If the module is not shaped as
 * expected (another aws-cdk-lib release), the template is written to a file for CfnInclude to read, as before.
 *
 * CfnInclude also finds each resource's L1 class with `require('aws-cdk-lib/aws-iam')`. Node answers a repeated
 * `require` from its cache of resolved names only when the requiring module was the one that first loaded the
 * required one; aws-cdk-lib's service modules load each other by relative paths first, so every resource went
 * through Node's whole package resolution again (a tenth of the packs' time on a large input). For the same
 * synchronous construction, the names CfnInclude resolves are remembered (./include-resolutions.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as CfnIncludeModule from 'aws-cdk-lib/cloudformation-include';
import type { Construct } from 'constructs';
import { cfnIncludeModuleFile, withIncludeResolutionsRemembered } from './include-resolutions.js';

const require = createRequire(import.meta.url);

type IncludeProps = Omit<CfnIncludeModule.CfnIncludeProps, 'templateFile'>;
type Include = InstanceType<typeof CfnIncludeModule.CfnInclude>;

interface FileUtils {
  readYamlSync: (path: string) => unknown;
}

/** The name CfnInclude is given as its template file while the parsed template stands in for it. */
const PARSED_TEMPLATE = '<parsed template>';

let fileUtils: FileUtils | null | undefined;

/** CfnInclude's file reader, when it is where this aws-cdk-lib release keeps it. */
function includeFileUtils(): FileUtils | undefined {
  if (fileUtils === undefined) {
    try {
      // Required by its path, it is the instance CfnInclude uses.
      const module = require(cfnIncludeModuleFile('file-utils.js')) as Partial<FileUtils>;
      fileUtils = typeof module.readYamlSync === 'function' ? (module as FileUtils) : null;
    } catch {
      fileUtils = null;
    }
  }
  return fileUtils ?? undefined;
}

/** True when templates are handed to CfnInclude without a file (tests use it to see the fast path is taken). */
export function includesWithoutFile(): boolean {
  return includeFileUtils() !== undefined;
}

/** `new CfnInclude(scope, id, …)` over a template already parsed into plain JSON values. */
export function includeParsedTemplate(
  scope: Construct,
  id: string,
  template: Record<string, unknown>,
  props: IncludeProps,
): Include {
  const { CfnInclude } = require('aws-cdk-lib/cloudformation-include') as typeof CfnIncludeModule;
  const utils = includeFileUtils();
  if (!utils) return includeThroughFile(scope, id, template, props);
  const readYamlSync = utils.readYamlSync;
  utils.readYamlSync = (path: string) => (path === PARSED_TEMPLATE ? template : readYamlSync(path));
  try {
    return withIncludeResolutionsRemembered(
      () => new CfnInclude(scope, id, { ...props, templateFile: PARSED_TEMPLATE }),
    );
  } finally {
    utils.readYamlSync = readYamlSync;
  }
}

/** `new CfnInclude(scope, id, …)` over a template file, which CfnInclude reads. */
export function includeTemplateFile(
  scope: Construct,
  id: string,
  templateFile: string,
  props: IncludeProps,
): Include {
  const { CfnInclude } = require('aws-cdk-lib/cloudformation-include') as typeof CfnIncludeModule;
  return withYamlWarningsSilenced(() =>
    withIncludeResolutionsRemembered(() => new CfnInclude(scope, id, { ...props, templateFile })),
  );
}

/**
 * CfnInclude reads a YAML file with its own copy of the `yaml` package (1.x). That copy reports a tag it does
 * not know (`!ValueOf` in Rules, a preprocessor's `!Rain::Embed`) as a Node process warning, which lands on
 * stderr in the middle of the report. The inventory has read the same file and accounted for the tag, so the
 * warning tells the user nothing. The package's own switch, the global `YAML_SILENCE_WARNINGS`, is set for the
 * one synchronous construction and restored after it.
 */
export function withYamlWarningsSilenced<T>(construct: () => T): T {
  const scope = globalThis as { YAML_SILENCE_WARNINGS?: unknown };
  const wasSet = Object.hasOwn(scope, 'YAML_SILENCE_WARNINGS');
  const previous = scope.YAML_SILENCE_WARNINGS;
  scope.YAML_SILENCE_WARNINGS = true;
  try {
    return construct();
  } finally {
    if (wasSet) scope.YAML_SILENCE_WARNINGS = previous;
    else delete scope.YAML_SILENCE_WARNINGS;
  }
}

function includeThroughFile(
  scope: Construct,
  id: string,
  template: Record<string, unknown>,
  props: IncludeProps,
): Include {
  const dir = mkdtempSync(join(tmpdir(), 'vectorfort-nag-'));
  try {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(template));
    return includeTemplateFile(scope, id, file, props);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
