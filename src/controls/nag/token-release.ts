/**
 * Releasing the tokens a template's check registered. aws-cdk-lib keeps every token it ever encoded as a string
 * or number in one process-wide map (`global.__cdkTokenMap`), for a synthesis to resolve them later; a
 * reference token holds the construct it refers to, so each template's whole construct tree stayed reachable
 * after its check, and a worker checking a hundred templates grew by each of them. Nothing resolves these
 * tokens once a template's violations have been read as plain data, so the entries a check added are removed
 * after it (checking 16 templates of 500 resources in one thread grew its heap by 2 MB each before). If a
 * release of aws-cdk-lib keeps the map elsewhere, nothing is removed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

interface TokenMapLike {
  readonly stringTokenMap?: unknown;
  readonly numberTokenMap?: unknown;
}

function tokenMaps(): Map<unknown, unknown>[] {
  const tokenMap = (globalThis as { __cdkTokenMap?: TokenMapLike }).__cdkTokenMap;
  if (!tokenMap) return [];
  return [tokenMap.stringTokenMap, tokenMap.numberTokenMap].filter(
    (m): m is Map<unknown, unknown> => m instanceof Map,
  );
}

/** Modules loaded so far (CommonJS: aws-cdk-lib, cdk-nag and their rules). */
function modulesLoaded(): number {
  return Object.keys(require.cache).length;
}

/**
 * Runs `check` (synchronous: no other code registers tokens meanwhile) and removes the tokens it registered:
 * the check's construct tree is dropped after it, and its result holds no token. A check during which a module
 * loaded keeps them all, since a module may encode a token once when it loads and use its string later
 * (aws-cdk-lib's `Aws.REGION`): only the first checks of a process load modules.
 */
export function withTokensReleased<T>(root: object, check: () => T): T {
  const before = new Map(tokenMaps().map((m) => [m, new Set(m.keys())]));
  const modules = modulesLoaded();
  try {
    return check();
  } finally {
    if (modulesLoaded() === modules)
      for (const map of tokenMaps()) {
        const kept = before.get(map);
        for (const key of map.keys()) if (!kept?.has(key)) map.delete(key);
      }
    releaseReferences(root);
  }
}

let referenceTable: Map<unknown, unknown> | null | undefined;

/**
 * aws-cdk-lib also keeps one `Ref` / `Fn::GetAtt` token per target and attribute, in a table keyed by the
 * target construct (`CfnReference.referenceTable`, a private module required by its path): the entries of the
 * tree under `root` are removed.
 */
function releaseReferences(root: object): void {
  if (referenceTable === undefined) {
    try {
      const core = dirname(require.resolve('aws-cdk-lib'));
      const table = (
        require(join(core, 'core', 'lib', 'private', 'cfn-reference.js')) as {
          CfnReference?: { referenceTable?: unknown };
        }
      ).CfnReference?.referenceTable;
      referenceTable = table instanceof Map ? table : null;
    } catch {
      referenceTable = null;
    }
  }
  if (!referenceTable) return;
  for (const target of referenceTable.keys())
    if ((target as { node?: { root?: unknown } } | null)?.node?.root === root) referenceTable.delete(target);
}
