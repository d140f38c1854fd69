/**
 * Remembering the module names CfnInclude resolves while it builds a template's constructs. CfnInclude requires
 * each resource's L1 module by its package name (`aws-cdk-lib/aws-iam`). Node skips resolving a repeated
 * `require` only when the requiring module first loaded the required one, and the service modules load each
 * other by relative paths first: for CfnInclude every resource's `require` went through Node's package
 * resolution again (reading the package scope, matching aws-cdk-lib's exports map, building URLs), about 15 µs
 * each, 0.7 s per worker on 100k resources.
 *
 * Node's resolver is wrapped for one synchronous construction, and only for requests made by CfnInclude's own
 * module; the answer for a package name from one module cannot change while the process runs, which is what
 * Node's own cache assumes too. Node offers no public hook for this, so `Module._resolveFilename` (the function
 * loaders such as tsconfig-paths wrap) is used where it exists; otherwise construction runs as it is.
 */
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

type ResolveFilename = (this: unknown, request: string, parent: unknown, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename?: ResolveFilename };

/** Resolved file of each name CfnInclude's module required. */
const resolved = new Map<string, string>();
let includeFile: string | null | undefined;

/**
 * A private module of aws-cdk-lib's `cloudformation-include` (`cfn-include.js`, `file-utils.js`), by its path:
 * these are not in aws-cdk-lib's exports. Throws when the package cannot be found.
 */
export function cfnIncludeModuleFile(name: string): string {
  return join(dirname(require.resolve('aws-cdk-lib/cloudformation-include')), 'lib', name);
}

/** The file of CfnInclude's module (the parent whose requests are remembered), or null when not found. */
function cfnIncludeFile(): string | null {
  if (includeFile === undefined) {
    try {
      includeFile = cfnIncludeModuleFile('cfn-include.js');
    } catch {
      includeFile = null;
    }
  }
  return includeFile;
}

/** Runs `build` (synchronous) with CfnInclude's module resolutions answered from memory after the first. */
export function withIncludeResolutionsRemembered<T>(build: () => T): T {
  const resolveFilename = loader._resolveFilename;
  const parentFile = cfnIncludeFile();
  if (typeof resolveFilename !== 'function' || parentFile === null) return build();
  loader._resolveFilename = function (this: unknown, request: string, parent: unknown, ...rest: unknown[]) {
    if ((parent as { filename?: unknown } | undefined)?.filename !== parentFile)
      return resolveFilename.call(this, request, parent, ...rest);
    let file = resolved.get(request);
    if (file === undefined) {
      file = resolveFilename.call(this, request, parent, ...rest);
      resolved.set(request, file);
    }
    return file;
  };
  try {
    return build();
  } finally {
    loader._resolveFilename = resolveFilename;
  }
}

/** The file remembered for a name CfnInclude required, if any (tests see that the wrapper took effect). */
export function rememberedIncludeResolution(request: string): string | undefined {
  return resolved.get(request);
}
