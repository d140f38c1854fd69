/** What the loader has read so far, across all input paths. */
import type { StackInput } from '../cloudformation/stack-context.js';
import type { ManifestInput } from '../kubernetes/objects.js';
import type { InputSource, InventoryDiagnostic } from '../model.js';
import type { InputScope } from './input-scope.js';
import type { FileParser } from './parse-file.js';

export class LoadState {
  readonly stacks: StackInput[] = [];
  readonly manifests: ManifestInput[] = [];
  readonly inputs: InputSource[] = [];
  readonly diagnostics: InventoryDiagnostic[] = [];
  /** Nested stacks and nested cloud assemblies read so far (bounded: nesting can fan out exponentially). */
  nestedLoaded = 0;
  private readonly names = new Set<string>();
  private currentScope: InputScope | undefined;

  constructor(readonly parser: FileParser) {}

  /** The boundary of the input path being read. */
  get scope(): InputScope {
    if (!this.currentScope) throw new Error('no input path is being read');
    return this.currentScope;
  }

  set scope(scope: InputScope) {
    this.currentScope = scope;
  }

  /** A stack name not used yet: templates of the same name in different places get `-2`, `-3`, … */
  uniqueStackName(wanted: string): string {
    let name = wanted.replace(/\//g, '-') || 'Stack';
    for (let n = 2; this.names.has(name); n++) name = `${wanted}-${n}`;
    this.names.add(name);
    return name;
  }
}
