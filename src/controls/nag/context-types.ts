/**
 * The resource types cdk-nag's rules search the whole stack for (`Stack.of(node).node.findAll()`): a bucket's
 * logging target, a VPC's flow log, a queue's dead-letter source. A chunk of a large template must carry every
 * resource of these types so that such findings do not depend on the chunk boundaries. Read from the rules'
 * compiled sources, so an upgrade of cdk-nag that searches for a new type is followed without a list to keep.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** `const aws_s3_1 = require("aws-cdk-lib/aws-s3");` */
const IMPORT = /\bconst\s+([\w$]+)\s*=\s*require\("(aws-cdk-lib(?:\/[\w-]+)?)"\)/g;
/** `child instanceof aws_s3_1.CfnBucket` */
const INSTANCEOF = /\binstanceof\s+([\w$]+)\.(Cfn\w+)/g;

let types: ReadonlySet<string> | undefined;

/** CloudFormation type names (`AWS::S3::Bucket`) of every L1 class a stack-searching rule tests for. */
export function contextResourceTypes(): ReadonlySet<string> {
  if (types) return types;
  const rulesDir = join(dirname(require.resolve('cdk-nag')), 'rules');
  const found = new Set<string>();
  for (const file of listJs(rulesDir)) {
    const source = readFileSync(file, 'utf8');
    if (!source.includes('findAll(')) continue;
    const modules = new Map([...source.matchAll(IMPORT)].map((m) => [m[1]!, m[2]!]));
    for (const [, variable, className] of source.matchAll(INSTANCEOF)) {
      const module = modules.get(variable!);
      if (!module) continue;
      const cls = (require(module) as Record<string, { CFN_RESOURCE_TYPE_NAME?: unknown } | undefined>)[
        className!
      ];
      if (typeof cls?.CFN_RESOURCE_TYPE_NAME === 'string') found.add(cls.CFN_RESOURCE_TYPE_NAME);
    }
  }
  types = found;
  return found;
}

function listJs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listJs(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}
