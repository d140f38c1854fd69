/**
 * Resolving a checked template's values once. cdk-nag's rules read every property through
 * `Stack.of(node).resolve(…)`, and two things made that a fifth of a worker's time on a large input:
 * - aws-cdk-lib decorates `Stack.resolve` with a profiler that reads the clock twice per call and records the
 *   time, for its own telemetry (about a tenth of the packs' time here);
 * - the rules that search the stack resolve the same properties once per pair of resources
 *   (S3BucketLoggingEnabled resolves every bucket's logging configuration for each bucket without one).
 *
 * The check's stack therefore answers `resolve` itself: aws-cdk-lib's own resolver with the arguments
 * `Stack.resolve` passes it, remembered per value. The tree is complete before any rule runs and no rule
 * changes it (./run-packs.ts relies on that for the stack search too), so a value resolves to the same result
 * every time. Each caller gets its own copy, so a rule that changes what it was given cannot change what the
 * next one sees. The resolver is a private module of aws-cdk-lib, required by its path: if a release moves it,
 * the stack keeps aws-cdk-lib's own `resolve`, and only the time saved is lost.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

interface ResolveOptions {
  readonly scope: unknown;
  readonly prefix: readonly string[];
  readonly resolver: unknown;
  readonly preparing: boolean;
}
type Resolve = (value: unknown, options: ResolveOptions) => unknown;

let resolver: { readonly resolve: Resolve; readonly tokenResolver: unknown } | null | undefined;

/** aws-cdk-lib's resolver and CloudFormation token resolver, as `Stack.resolve` calls them; null if moved. */
function cdkResolver(): typeof resolver {
  if (resolver !== undefined) return resolver;
  try {
    const privateDir = join(dirname(require.resolve('aws-cdk-lib')), 'core', 'lib', 'private');
    const { resolve } = require(join(privateDir, 'resolve.js')) as { resolve?: unknown };
    const { CLOUDFORMATION_TOKEN_RESOLVER } = require(join(privateDir, 'cloudformation-lang.js')) as {
      CLOUDFORMATION_TOKEN_RESOLVER?: unknown;
    };
    resolver =
      typeof resolve === 'function' && CLOUDFORMATION_TOKEN_RESOLVER !== undefined
        ? { resolve: resolve as Resolve, tokenResolver: CLOUDFORMATION_TOKEN_RESOLVER }
        : null;
  } catch {
    resolver = null;
  }
  return resolver;
}

/**
 * Makes `stack.resolve` answer from a cache, for a stack whose tree no longer changes. Returns false (and
 * leaves the stack alone) when aws-cdk-lib's resolver cannot be found.
 */
export function rememberResolvedValues(stack: { resolve(value: unknown): unknown }): boolean {
  const cdk = cdkResolver();
  if (!cdk) return false;
  const options: ResolveOptions = { scope: stack, prefix: [], resolver: cdk.tokenResolver, preparing: false };
  const objects = new WeakMap<object, unknown>();
  const primitives = new Map<unknown, unknown>();
  stack.resolve = (value: unknown) => {
    const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function';
    const cache = isObject ? objects : primitives;
    if (cache.has(value as object)) return copyOf(cache.get(value as object));
    const resolved = cdk.resolve(value, options);
    cache.set(value as object, resolved);
    return copyOf(resolved);
  };
  return true;
}

/** A copy of a resolved value (plain data: arrays, plain objects and primitives; anything else is shared). */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy;
}
