/**
 * The templates of one input, side by side, so that references between them resolve: `Fn::ImportValue`
 * against other stacks' exports, `Fn::GetStackOutput` against other stacks' outputs (by name and region),
 * nested stack parameters from the parent, `Fn::GetAtt Nested.Outputs.X` from the child. Resolution is lazy and guarded: a reference cycle yields Unknown, never a stack overflow.
 */
import { Unknown, type SymbolicValue } from '../values.js';
import { StackContext, type StackInput, type StackNeighbours } from './stack-context.js';

export class StackSet implements StackNeighbours {
  readonly stacks = new Map<string, StackContext>();
  private readonly inProgress = new Set<string>();
  private exportIndex?: Map<string, { stack: StackContext; output: string }>;

  constructor(inputs: readonly StackInput[]) {
    for (const input of inputs) this.stacks.set(input.name, new StackContext(this, input));
  }

  /**
   * Computes a value once per key; a key met again while it is being computed is a cycle, answered by
   * `onCycle` instead of recursing forever.
   */
  guard<T>(key: string, compute: () => T, onCycle: () => T): T {
    if (this.inProgress.has(key)) return onCycle();
    this.inProgress.add(key);
    try {
      return compute();
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** The value another stack of this input exports under `name`. */
  importValue(name: string, expression: unknown): SymbolicValue {
    const index = this.exports();
    const found = index.get(name);
    if (!found) {
      return new Unknown(
        this.exportIndex
          ? `no stack in the input exports ${JSON.stringify(name)}`
          : `the export ${JSON.stringify(name)} is read while exports are being listed (a cycle)`,
        expression,
      );
    }
    return found.stack.outputValue(found.output, expression);
  }

  /**
   * The output `output` of the stack of this input deployed as `stackName` in `region` (`Fn::GetStackOutput`).
   * A stack whose region the input does not state matches any region; two candidates are ambiguous (Unknown).
   */
  stackOutput(
    stackName: string,
    region: string | undefined,
    output: string,
    expression: unknown,
  ): SymbolicValue {
    const candidates = [...this.stacks.values()].filter(
      (s) =>
        !s.input.parent &&
        (s.input.deployedName ?? s.name) === stackName &&
        (region === undefined ||
          s.input.environment?.region === undefined ||
          s.input.environment.region === region),
    );
    if (candidates.length !== 1)
      return new Unknown(
        candidates.length === 0
          ? `no stack in the input is deployed as ${JSON.stringify(stackName)}${region ? ` in ${region}` : ''}`
          : `${candidates.length} stacks in the input are deployed as ${JSON.stringify(stackName)}`,
        expression,
      );
    return candidates[0]!.outputValue(output, expression);
  }

  private exports(): Map<string, { stack: StackContext; output: string }> {
    if (this.exportIndex) return this.exportIndex;
    // An export name that itself imports would make listing exports recursive: the guard answers it empty.
    return this.guard(
      'exports',
      () => {
        const index = new Map<string, { stack: StackContext; output: string }>();
        for (const stack of this.stacks.values())
          for (const [name, output] of stack.exportNames())
            if (!index.has(name)) index.set(name, { stack, output });
        this.exportIndex = index;
        return index;
      },
      () => new Map(),
    );
  }
}
