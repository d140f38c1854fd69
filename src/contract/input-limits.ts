/**
 * The bounds every parser in the process applies to what it reads: the blueprint loader, the inventory's JSON
 * and YAML readers (fast path and full parser) and the cdk-nag stage, which hands templates to a second YAML
 * library. Inputs come from pull requests in CI, so a few hundred hostile bytes must not be able to exhaust the
 * process's memory or stack. Part of the contract module, so it imports nothing of ours: a check reports an
 * InputLimitError, which each parse site turns into an input error naming its file.
 */

export interface InputLimits {
  /** Largest input file read, in bytes. */
  readonly maxFileBytes: number;
  /** Deepest nesting of mappings and sequences in one document (the top-level value is at depth 0). */
  readonly maxDepth: number;
  /** Aliases (`*name`) in one YAML document; the `yaml` library's own default for its `maxAliasCount`. */
  readonly maxAliasCount: number;
  /** Values in one file (mappings, sequences and scalars), counting each alias as a copy of what it names. */
  readonly maxNodes: number;
}

export const INPUT_LIMITS: InputLimits = Object.freeze({
  // CloudFormation accepts templates of 1 MB; generous for multi-document manifest dumps of large clusters.
  maxFileBytes: 64 * 1024 * 1024,
  // Far deeper than any template or manifest; shallow enough for every recursive reader of the value (the
  // second YAML library of the cdk-nag stage overflows its stack at about 1,000 levels).
  maxDepth: 512,
  maxAliasCount: 100,
  // About ten times the largest generated template set measured; bounds what aliases can expand to.
  maxNodes: 5_000_000,
});

/** An input beyond one of the limits; `path` is the dotted path where it was noticed (`''`: the document). */
export class InputLimitError extends Error {
  constructor(
    message: string,
    readonly path: string = '',
    /** 1-based line, when the parser knows it. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'InputLimitError';
  }

  /** The refusal with where it happened, for a reason that names the place (a gap, an unknown result). */
  describe(): string {
    const at = this.path ? ` at ${this.path}` : '';
    return `${this.message}${at}${this.line !== undefined ? ` (line ${this.line})` : ''}`;
  }
}

export function tooDeep(path: string, line?: number): InputLimitError {
  return new InputLimitError(
    `the document is nested more than ${INPUT_LIMITS.maxDepth} levels deep`,
    shortPath(path),
    line,
  );
}

/** A path of hundreds of levels, shortened for a one-line message. */
function shortPath(path: string): string {
  const segments = path.split('.');
  if (segments.length <= 8) return path;
  return `${segments.slice(0, 4).join('.')}.….${segments.slice(-2).join('.')}`;
}

export function tooManyNodes(path: string, line?: number): InputLimitError {
  return new InputLimitError(
    `the file holds more than ${INPUT_LIMITS.maxNodes.toLocaleString('en-US')} values (aliases counted as copies)`,
    path,
    line,
  );
}

export function tooManyAliases(count: number, line?: number): InputLimitError {
  return new InputLimitError(
    `the document has ${count} aliases; at most ${INPUT_LIMITS.maxAliasCount} are read`,
    '',
    line,
  );
}

export function tooLarge(bytes: number): InputLimitError {
  return new InputLimitError(
    `the file is ${bytes.toLocaleString('en-US')} bytes; at most ${INPUT_LIMITS.maxFileBytes.toLocaleString('en-US')} are read`,
  );
}

/** Counts the values a parser produces for one file, and refuses the file when they pass the limit. */
export class NodeBudget {
  private used = 0;

  /** Adds `count` values. */
  add(count: number, line?: number): void {
    this.used += count;
    if (this.used > INPUT_LIMITS.maxNodes && guardsOn) throw tooManyNodes('', line);
  }

  get nodes(): number {
    return this.used;
  }
}

/** Refuses a value at `depth` below the top when that passes the depth limit. */
export function checkDepth(depth: number, path: () => string, line?: number): void {
  if (depth > INPUT_LIMITS.maxDepth && guardsOn) throw tooDeep(path(), line);
}

/**
 * Checks a value built without the budget (the built-in JSON parser builds it in native code, without
 * recursion limits of its own). Iterative, so that a deep value cannot overflow the check itself.
 */
export function checkValueLimits(value: unknown, budget: NodeBudget = new NodeBudget()): void {
  if (!guardsOn) return;
  // Only collections go on the stack; scalars are counted where they are met (most values are scalars).
  const stack: object[] = [];
  const depths: number[] = [];
  let count = 1;
  if (typeof value === 'object' && value !== null) {
    stack.push(value);
    depths.push(0);
  }
  const visit = (child: unknown, depth: number) => {
    count++;
    if (typeof child === 'object' && child !== null) {
      stack.push(child);
      depths.push(depth);
    }
  };
  while (stack.length > 0) {
    const current = stack.pop()!;
    const childDepth = depths.pop()! + 1;
    const before = count;
    if (Array.isArray(current)) for (const child of current) visit(child, childDepth);
    else for (const key in current) visit((current as Record<string, unknown>)[key], childDepth);
    if (count > before && childDepth > INPUT_LIMITS.maxDepth) throw tooDeep(pathToDepth(value, childDepth));
    if (count > INPUT_LIMITS.maxNodes) throw tooManyNodes('');
  }
  budget.add(count);
}

/** The dotted path of the first value found at `depth`, depth first (only run to describe a refusal). */
function pathToDepth(value: unknown, depth: number): string {
  const frames: { entries: [string, unknown][]; next: number }[] = [];
  const keys: string[] = [];
  const open = (v: unknown) => frames.push({ entries: Object.entries(v as object), next: 0 });
  if (typeof value !== 'object' || value === null) return '';
  open(value);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.entries.length) {
      frames.pop();
      keys.pop();
      continue;
    }
    const [key, child] = frame.entries[frame.next++]!;
    if (frames.length === depth) return [...keys, key].join('.');
    if (typeof child === 'object' && child !== null) {
      keys.push(key);
      open(child);
    }
  }
  return '';
}

let guardsOn = true;

/**
 * Runs `work` with the depth and node checks off, for the benchmark that measures what they cost. Internal:
 * no command line option or environment variable reaches it.
 */
export async function withoutInputGuardsForBenchmark<T>(work: () => Promise<T>): Promise<T> {
  guardsOn = false;
  try {
    return await work();
  } finally {
    guardsOn = true;
  }
}

/** Whether the guards are on (they are, except inside withoutInputGuardsForBenchmark). */
export function inputGuardsOn(): boolean {
  return guardsOn;
}
