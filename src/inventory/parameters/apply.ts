/**
 * Matches supplied parameter values to the top-level stacks of the input, the way a deployment would pass them,
 * and refuses what a deployment would refuse: a parameter no stack declares, a stack that is not in the input,
 * a value outside the parameter's `AllowedValues`.
 */
import { InputError } from '../../errors.js';
import type { StackInput } from '../cloudformation/stack-context.js';
import type { SuppliedParameter } from '../model.js';
import { setOwn } from '../own.js';
import type { ParameterOverride } from './overrides.js';

/** How a `NoEcho` parameter's value is recorded: CloudFormation shows it the same way. */
export const MASKED_VALUE = '****';

type Raw = Record<string, unknown>;

function isMapping(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function declaredParameters(stack: StackInput): Raw {
  const template: unknown = stack.template;
  return isMapping(template) && isMapping(template.Parameters) ? template.Parameters : {};
}

function declaration(stack: StackInput, key: string): Raw | undefined {
  const parameters = declaredParameters(stack);
  if (!Object.prototype.hasOwnProperty.call(parameters, key)) return undefined;
  return isMapping(parameters[key]) ? parameters[key] : {};
}

function names(list: readonly string[]): string {
  return list.length === 0 ? 'none' : list.join(', ');
}

/** The stacks a scoped entry names, by inventory name or deployed name. */
function stacksNamed(stacks: readonly StackInput[], override: ParameterOverride, file: string): StackInput[] {
  const named = stacks.filter((s) => s.name === override.stack || s.deployedName === override.stack);
  if (named.length === 0)
    throw new InputError(
      `no stack of the input is named ${JSON.stringify(override.stack)}; the stacks are: ${names(stacks.map((s) => s.name))}`,
      file,
      override.stack,
    );
  for (const stack of named)
    if (!declaration(stack, override.key))
      throw new InputError(
        `stack ${stack.name} declares no parameter ${override.key}; its parameters are: ${names(Object.keys(declaredParameters(stack)))}`,
        file,
        override.path,
      );
  return named;
}

function stacksDeclaring(
  stacks: readonly StackInput[],
  override: ParameterOverride,
  file: string,
): StackInput[] {
  const declaring = stacks.filter((s) => declaration(s, override.key));
  if (declaring.length === 0)
    throw new InputError(
      `no stack of the input declares parameter ${override.key}; the parameters are: ${names([
        ...new Set(stacks.flatMap((s) => Object.keys(declaredParameters(s)))),
      ])}`,
      file,
      override.path,
    );
  return declaring;
}

function checkAllowed(stack: StackInput, override: ParameterOverride, value: string, file: string): void {
  const allowed = declaration(stack, override.key)?.AllowedValues;
  if (!Array.isArray(allowed)) return;
  if (allowed.some((a) => String(a) === value)) return;
  throw new InputError(
    `${JSON.stringify(value)} is not one of the AllowedValues of parameter ${override.key} in stack ${stack.name} (${allowed.map((a) => JSON.stringify(a)).join(', ')})`,
    file,
    override.path,
  );
}

function isNoEcho(stack: StackInput, key: string): boolean {
  const noEcho = declaration(stack, key)?.NoEcho;
  return noEcho === true || noEcho === 'true';
}

/**
 * The stacks with their supplied values set, and the record of what was supplied to which stack (`NoEcho`
 * values masked). A value scoped to a stack takes precedence over one given for every stack.
 */
export function applyParameterOverrides(
  stacks: readonly StackInput[],
  overrides: readonly ParameterOverride[],
  file: string,
): { readonly stacks: StackInput[]; readonly supplied: SuppliedParameter[] } {
  const topLevel = stacks.filter((s) => !s.parent);
  const chosen = new Map<StackInput, Map<string, ParameterOverride>>();
  const choose = (stack: StackInput, override: ParameterOverride) => {
    const own = chosen.get(stack) ?? new Map<string, ParameterOverride>();
    own.set(override.key, override);
    chosen.set(stack, own);
  };
  // Values for every stack first, so that scoped ones overwrite them.
  for (const override of overrides.filter((o) => o.stack === undefined))
    for (const stack of stacksDeclaring(topLevel, override, file)) choose(stack, override);
  for (const override of overrides.filter((o) => o.stack !== undefined))
    for (const stack of stacksNamed(topLevel, override, file)) choose(stack, override);

  const supplied: SuppliedParameter[] = [];
  const result = stacks.map((stack) => {
    const own = chosen.get(stack);
    if (!own) return stack;
    const parameterValues: Record<string, string> = {};
    for (const [key, override] of own) {
      // UsePreviousValue: the deployed stack's value, which stays a deploy-time choice here.
      if (override.value === undefined) continue;
      checkAllowed(stack, override, override.value, file);
      setOwn(parameterValues, key, override.value);
      const noEcho = isNoEcho(stack, key);
      supplied.push({
        stack: stack.name,
        parameter: key,
        value: noEcho ? MASKED_VALUE : override.value,
        ...(noEcho ? { noEcho: true } : {}),
      });
    }
    return { ...stack, parameterValues };
  });
  supplied.sort((a, b) => compare(a.stack, b.stack) || compare(a.parameter, b.parameter));
  return { stacks: result, supplied };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
