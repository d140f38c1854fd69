/**
 * One template's intrinsic functions, resolved symbolically. Written by hand: no maintained JavaScript library
 * evaluates CloudFormation intrinsics offline while keeping what the template does not determine explicit
 * (cfn-lint resolves only for linting, in Python; the CDK only generates them).
 *
 * The result is plain JSON where the template determines a value, else a ResourceRef (a known resource's
 * physical id or runtime attribute) or an Unknown with the reason. `AWS::NoValue` removes the property.
 */
import { ResourceRef, SymbolicString, Unknown, getPath, type SymbolicValue } from '../values.js';
import { attributeIsRef, propertyForAttribute } from './attributes.js';
import { cidrSubnets } from './cidr.js';
import { setOwn } from '../own.js';
import { fromParts, isPlainJson, partsOf, symbolicEquals, type Part } from './parts.js';
import { expandForEach, type UnexpandedLoop } from './for-each.js';

/** `Ref: AWS::NoValue`: the enclosing property or list element is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');
export type Resolved = SymbolicValue | typeof NO_VALUE;

/** A template and what the input says about its deployment. */
export interface StackInput {
  /** Inventory stack name, the prefix of resource keys (nested stacks: `Parent/NestedLogicalId`). */
  readonly name: string;
  readonly template: Record<string, unknown>;
  /** The file it was read from (in-memory inputs: the stack name). */
  readonly file: string;
  /** 1-based line of a dotted path in the file, when the format carries positions. */
  readonly lineOf?: (path: string) => number | undefined;
  /** Account and region, when a cloud assembly states them. */
  readonly environment?: { readonly account?: string; readonly region?: string };
  /** The stack's deployed name (`AWS::StackName`), when the input states it. */
  readonly deployedName?: string;
  /** For a nested stack: the parent stack and the `AWS::CloudFormation::Stack` resource that creates it. */
  readonly parent?: { readonly stack: string; readonly logicalId: string };
  /**
   * Parameter values supplied for this run, by parameter name, as deploying the template would pass them
   * (top-level stacks only: a nested stack takes its parameters from the parent).
   * @default - none: every parameter whose value the template does not fix is chosen at deploy time
   */
  readonly parameterValues?: Readonly<Record<string, string>>;
}

/** Deeper nesting than any real template: beyond it the value is Unknown instead of a stack overflow. */
const MAX_DEPTH = 256;

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
]);

type Raw = Record<string, unknown>;

function asRecord(value: unknown): Raw | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** The intrinsic function name when `value` is `{Ref: …}` or `{"Fn::…": …}`. */
export function intrinsicName(value: unknown): string | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const keys = Object.keys(record);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/**
 * What a stack needs from the other stacks of its input (implemented by `StackSet`). Declared here, where it is
 * used, so that the stack set depends on its stacks and not the other way round.
 */
export interface StackNeighbours {
  readonly stacks: ReadonlyMap<string, StackContext>;
  /** Computes a value once per key; a key met again while it is being computed is answered by `onCycle`. */
  guard<T>(key: string, compute: () => T, onCycle: () => T): T;
  /** The value another stack of the input exports under `name`. */
  importValue(name: string, expression: unknown): SymbolicValue;
  /** The output `output` of the stack deployed as `stackName` (in `region`, when given). */
  stackOutput(
    stackName: string,
    region: string | undefined,
    output: string,
    expression: unknown,
  ): SymbolicValue;
}

export class StackContext {
  readonly name: string;
  /** The stack as read, its template with the `Fn::ForEach` loops expanded. */
  readonly input: StackInput;
  readonly resources: Readonly<Record<string, Raw>> = {};
  /** Loops that could not be expanded: what they generate is not in `input.template`. */
  readonly unexpandedLoops: readonly UnexpandedLoop[];
  private readonly loopOrigins: ReadonlyMap<string, string>;
  private readonly conditionCache = new Map<string, boolean | Unknown>();
  private readonly outputCache = new Map<string, Resolved>();

  constructor(
    private readonly set: StackNeighbours,
    input: StackInput,
  ) {
    this.name = input.name;
    // Loop collections resolve against the template as written (a list parameter, a mapping).
    this.input = input;
    const expansion = expandForEach(input.template, (collection) => this.collection(collection));
    if (expansion.template !== input.template) this.input = { ...input, template: expansion.template };
    this.unexpandedLoops = expansion.unexpanded;
    this.loopOrigins = expansion.origins;
    const resources: Record<string, Raw> = {};
    for (const [id, resource] of Object.entries(asRecord(this.input.template.Resources) ?? {})) {
      const record = asRecord(resource);
      if (record && typeof record.Type === 'string') resources[id] = record;
    }
    this.resources = resources;
  }

  /** The items of a `Fn::ForEach` collection, or why the template does not determine them. */
  private collection(expression: unknown): readonly string[] | { readonly reason: string } {
    const value = this.resolveValue(expression);
    if (value instanceof Unknown) return { reason: value.reason };
    if (!Array.isArray(value)) return { reason: 'expected a list of strings' };
    const items: string[] = [];
    for (const item of value as SymbolicValue[]) {
      if (item instanceof Unknown) return { reason: item.reason };
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')
        return { reason: 'an item is not a string the template determines' };
      items.push(String(item));
    }
    return items;
  }

  /**
   * Where a generated entry (`Resources.TopicA`) is written in the file: the loop that generated it, or the
   * entry itself.
   */
  sourcePathOf(path: string): string {
    return this.loopOrigins.get(path) ?? path;
  }

  private section(name: string): Raw {
    return asRecord(this.input.template[name]) ?? {};
  }

  keyOf(logicalId: string): string {
    return `${this.name}/${logicalId}`;
  }

  /** Resolves a value as written in the template. */
  resolve(value: unknown, depth = 0): Resolved {
    if (depth > MAX_DEPTH) return new Unknown('the value is nested too deeply to evaluate');
    if (value === null || typeof value !== 'object') {
      return value === undefined ? null : (value as string | number | boolean);
    }
    if (Array.isArray(value)) {
      const out: SymbolicValue[] = [];
      for (const element of value) {
        const r = this.resolve(element, depth + 1);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    const fn = intrinsicName(value);
    if (fn) return this.intrinsic(fn, (value as Raw)[fn], value, depth + 1);
    const out: Record<string, SymbolicValue> = {};
    for (const [key, element] of Object.entries(value as Raw)) {
      const r = this.resolve(element, depth + 1);
      if (r !== NO_VALUE) setOwn(out, key, r);
    }
    return out;
  }

  /** Resolves and turns `AWS::NoValue` into absence (`undefined`). */
  resolveValue(value: unknown, depth = 0): SymbolicValue | undefined {
    const r = this.resolve(value, depth);
    return r === NO_VALUE ? undefined : r;
  }

  private intrinsic(fn: string, args: unknown, expression: unknown, depth: number): Resolved {
    switch (fn) {
      case 'Ref':
        return typeof args === 'string'
          ? this.ref(args, expression)
          : new Unknown('Ref needs a logical id or parameter name', expression);
      case 'Fn::GetAtt':
        return this.getAtt(args, expression, depth);
      case 'Fn::Sub':
        return this.sub(args, expression, depth);
      case 'Fn::Join':
        return this.join(args, expression, depth);
      case 'Fn::Select':
        return this.select(args, expression, depth);
      case 'Fn::Split':
        return this.split(args, expression, depth);
      case 'Fn::If':
        return this.fnIf(args, expression, depth);
      case 'Fn::FindInMap':
        return this.findInMap(args, expression, depth);
      case 'Fn::ImportValue': {
        const name = this.resolveValue(args, depth);
        if (typeof name !== 'string')
          return new Unknown('the name of the imported export is not determined by the template', expression);
        return this.set.importValue(name, expression);
      }
      case 'Fn::GetStackOutput':
        return this.stackOutput(args, expression, depth);
      case 'Fn::Base64': {
        const text = this.resolveValue(args, depth);
        if (typeof text === 'string') return Buffer.from(text, 'utf8').toString('base64');
        // The encoded text is kept as the expression so that a check can still read what was encoded.
        return new Unknown('base64 of a value the template does not fully determine', text ?? null);
      }
      case 'Fn::GetAZs':
        return new Unknown("the region's availability zones are only known at deploy time", expression);
      case 'Fn::Cidr':
        return this.cidr(args, expression, depth);
      case 'Fn::ToJsonString': {
        const inner = this.resolveValue(args, depth);
        if (inner !== undefined && isPlainJson(inner)) return JSON.stringify(inner);
        return new Unknown('JSON of a value the template does not fully determine', expression);
      }
      case 'Fn::Length': {
        const list = this.resolveValue(args, depth);
        return Array.isArray(list)
          ? list.length
          : new Unknown('length of a list the template does not determine', expression);
      }
      default:
        return new Unknown(`${fn} is not evaluated offline`, expression);
    }
  }

  /**
   * `Fn::GetStackOutput` (`StackName`, `Region`, `OutputName`; CDK's weak cross-region references): the output
   * of another stack of the same input, found by its deployed name and region. A stack outside the input, or
   * one named only at deploy time, stays Unknown.
   */
  private stackOutput(args: unknown, expression: unknown, depth: number): Resolved {
    const spec = asRecord(args);
    const stackName = spec ? this.resolveValue(spec.StackName, depth) : undefined;
    const outputName = spec ? this.resolveValue(spec.OutputName, depth) : undefined;
    const region =
      spec?.Region === undefined ? this.input.environment?.region : this.resolveValue(spec.Region, depth);
    if (typeof stackName !== 'string' || typeof outputName !== 'string')
      return new Unknown(
        'the stack or output of Fn::GetStackOutput is not determined by the template',
        expression,
      );
    return this.set.stackOutput(
      stackName,
      typeof region === 'string' ? region : undefined,
      outputName,
      expression,
    );
  }

  private ref(name: string, expression: unknown): Resolved {
    if (PSEUDO.has(name)) return this.pseudo(name, expression);
    const parameters = this.section('Parameters');
    if (Object.prototype.hasOwnProperty.call(parameters, name)) return this.parameter(name, expression);
    const resource = this.resources[name];
    if (resource) {
      if (this.resourceCondition(name) === false)
        return new Unknown(`${name} is not created (its condition is false)`, expression);
      return new ResourceRef(this.keyOf(name));
    }
    return new Unknown(
      `Ref to ${JSON.stringify(name)}, which is neither a parameter nor a resource`,
      expression,
    );
  }

  private pseudo(name: string, expression: unknown): Resolved {
    const env = this.input.environment;
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::AccountId':
        if (env?.account) return env.account;
        break;
      case 'AWS::Region':
        if (env?.region) return env.region;
        break;
      case 'AWS::Partition':
        if (env?.region) return partitionOf(env.region);
        break;
      case 'AWS::URLSuffix':
        if (env?.region) return env.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
        break;
      case 'AWS::StackName':
        if (this.input.deployedName) return this.input.deployedName;
        break;
    }
    return new Unknown(`${name} is only known at deploy time`, expression, name);
  }

  /**
   * A parameter's value where something other than the deployer fixes it: the parent passes it (nested
   * stacks), the run supplies it (`parameterValues`), its `AllowedValues` permit one value, or a nested stack's
   * parent passes nothing and its default applies. A top-level stack's default is only a suggestion to whoever
   * deploys it, so otherwise the value is Unknown, naming the parameter.
   */
  parameter(name: string, expression: unknown): SymbolicValue {
    const declared = asRecord(this.section('Parameters')[name]) ?? {};
    const type = typeof declared.Type === 'string' ? declared.Type : 'String';
    const parent = this.input.parent;
    let value: SymbolicValue | undefined;
    if (parent) {
      const parentStack = this.set.stacks.get(parent.stack);
      const passed = asRecord(asRecord(parentStack?.resources[parent.logicalId]?.Properties)?.Parameters);
      if (parentStack && passed && Object.prototype.hasOwnProperty.call(passed, name)) {
        value = this.set.guard(
          `param:${this.name}:${name}`,
          () => parentStack.resolveValue(passed[name]) ?? null,
          () => new Unknown(`parameter ${name} refers to itself through the parent stack`, expression),
        );
      }
    }
    if (value === undefined) {
      const supplied = suppliedValue(this.input.parameterValues, name);
      if (type.startsWith('AWS::SSM::Parameter::Value'))
        return new Unknown(
          `parameter ${name} is read from SSM Parameter Store${supplied === undefined ? '' : ` (${supplied})`} at deploy time`,
          expression,
        );
      const allowed = Array.isArray(declared.AllowedValues) ? (declared.AllowedValues as unknown[]) : [];
      if (supplied !== undefined) value = supplied;
      else if (allowed.length === 1) value = this.resolveValue(allowed[0]) ?? null;
      else if (parent && declared.Default !== undefined) value = this.resolveValue(declared.Default) ?? null;
      else return new Unknown(chosenAtDeployTime(name, declared.Default), expression);
    }
    if ((type === 'CommaDelimitedList' || type.startsWith('List<')) && typeof value === 'string')
      return value.split(',');
    return value;
  }

  private getAtt(args: unknown, expression: unknown, depth: number): Resolved {
    let logicalId: unknown;
    let attribute: unknown;
    if (typeof args === 'string') {
      const dot = args.indexOf('.');
      if (dot <= 0) return new Unknown('Fn::GetAtt needs Resource.Attribute', expression);
      logicalId = args.slice(0, dot);
      attribute = args.slice(dot + 1);
    } else if (Array.isArray(args) && args.length === 2) {
      logicalId = args[0];
      attribute = this.resolveValue(args[1], depth);
    } else return new Unknown('Fn::GetAtt needs [Resource, Attribute]', expression);
    if (typeof logicalId !== 'string') return new Unknown('Fn::GetAtt needs a logical id', expression);
    if (typeof attribute !== 'string')
      return new Unknown('the attribute name is not determined by the template', expression);
    return this.attribute(logicalId, attribute, expression);
  }

  /** `Fn::GetAtt` of a resource in this stack: resolved where the template determines it. */
  attribute(logicalId: string, attribute: string, expression: unknown): SymbolicValue {
    const resource = this.resources[logicalId];
    if (!resource)
      return new Unknown(`Fn::GetAtt of ${JSON.stringify(logicalId)}, which is not a resource`, expression);
    if (this.resourceCondition(logicalId) === false)
      return new Unknown(`${logicalId} is not created (its condition is false)`, expression);
    const type = resource.Type as string;
    const fallback = new ResourceRef(this.keyOf(logicalId), attribute);
    if (attributeIsRef(type, attribute)) return new ResourceRef(this.keyOf(logicalId));
    if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      const nested = this.set.stacks.get(this.keyOf(logicalId));
      if (!nested) return fallback;
      const value = nested.outputValue(attribute.slice('Outputs.'.length), expression);
      return value;
    }
    const property = propertyForAttribute(type, attribute);
    if (!property) return fallback;
    return this.set.guard(
      `attr:${this.name}:${logicalId}:${attribute}`,
      () => {
        const properties = this.resolveValue(resource.Properties) ?? {};
        const value = getPath(properties, property);
        return value === undefined ? fallback : value;
      },
      () => new Unknown(`${logicalId}.${attribute} refers to itself`, expression),
    );
  }

  private sub(args: unknown, expression: unknown, depth: number): Resolved {
    let text: unknown = args;
    let variables: Raw = {};
    if (Array.isArray(args)) {
      text = args[0];
      variables = asRecord(args[1]) ?? {};
    }
    if (typeof text !== 'string') return new Unknown('Fn::Sub needs a string', expression);
    const parts: Part[] = [];
    let rest = text;
    for (;;) {
      const start = rest.indexOf('${');
      if (start < 0) break;
      const end = rest.indexOf('}', start + 2);
      if (end < 0) break;
      parts.push(rest.slice(0, start));
      const name = rest.slice(start + 2, end);
      rest = rest.slice(end + 1);
      if (name.startsWith('!')) {
        // `${!Literal}` writes `${Literal}` without substitution.
        parts.push('${' + name.slice(1) + '}');
        continue;
      }
      const value = this.subVariable(name.trim(), variables, expression, depth);
      const valueParts = value === NO_VALUE ? undefined : partsOf(value);
      parts.push(...(valueParts ?? [new Unknown(`\${${name}} is not a string`, expression)]));
    }
    parts.push(rest);
    return fromParts(parts);
  }

  private subVariable(name: string, variables: Raw, expression: unknown, depth: number): Resolved {
    if (Object.prototype.hasOwnProperty.call(variables, name)) return this.resolve(variables[name], depth);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::'))
      return this.attribute(name.slice(0, dot), name.slice(dot + 1), expression);
    return this.ref(name, expression);
  }

  private join(args: unknown, expression: unknown, depth: number): Resolved {
    if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string')
      return new Unknown('Fn::Join needs [delimiter, list]', expression);
    const delimiter = args[0];
    const list = this.resolveValue(args[1], depth);
    if (!Array.isArray(list))
      return new Unknown('Fn::Join of a list the template does not determine', expression);
    const parts: Part[] = [];
    for (const [i, element] of (list as SymbolicValue[]).entries()) {
      if (i > 0) parts.push(delimiter);
      const elementParts = partsOf(element);
      if (!elementParts) return new Unknown('Fn::Join of an element that is not a string', expression);
      parts.push(...elementParts);
    }
    return fromParts(parts);
  }

  private select(args: unknown, expression: unknown, depth: number): Resolved {
    if (!Array.isArray(args) || args.length !== 2)
      return new Unknown('Fn::Select needs [index, list]', expression);
    const index = this.resolveValue(args[0], depth);
    const list = this.resolveValue(args[1], depth);
    const n =
      typeof index === 'number'
        ? index
        : typeof index === 'string' && /^\d+$/.test(index)
          ? Number(index)
          : NaN;
    if (!Number.isInteger(n))
      return new Unknown('Fn::Select index is not determined by the template', expression);
    if (!Array.isArray(list))
      return new Unknown(
        `Fn::Select from a list the template does not determine${list instanceof Unknown ? ` (${list.reason})` : ''}`,
        expression,
      );
    const element = (list as SymbolicValue[])[n];
    return element === undefined ? new Unknown(`Fn::Select index ${n} is out of range`, expression) : element;
  }

  private split(args: unknown, expression: unknown, depth: number): Resolved {
    if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || args[0] === '')
      return new Unknown('Fn::Split needs [delimiter, string]', expression);
    const delimiter = args[0];
    const source = this.resolveValue(args[1], depth);
    if (typeof source === 'string') return source.split(delimiter);
    if (
      source instanceof SymbolicString &&
      source.parts.every((p) => typeof p === 'string' || pseudoWithout(p, delimiter))
    ) {
      // Pseudo parameters never contain the delimiter: the pieces are where the literal text puts them.
      const pieces: Part[][] = [[]];
      for (const part of source.parts) {
        if (typeof part !== 'string') {
          pieces[pieces.length - 1]!.push(part);
          continue;
        }
        const split = part.split(delimiter);
        pieces[pieces.length - 1]!.push(split[0]!);
        for (const piece of split.slice(1)) pieces.push([piece]);
      }
      return pieces.map(fromParts);
    }
    if (source instanceof Unknown && pseudoWithout(source, delimiter)) return [source];
    return new Unknown('Fn::Split of a string the template does not determine', expression);
  }

  private fnIf(args: unknown, expression: unknown, depth: number): Resolved {
    if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string')
      return new Unknown('Fn::If needs [condition, then, else]', expression);
    const condition = this.condition(args[0]);
    if (condition === true) return this.resolve(args[1], depth);
    if (condition === false) return this.resolve(args[2], depth);
    const whenTrue = this.resolve(args[1], depth);
    const whenFalse = this.resolve(args[2], depth);
    if (whenTrue !== NO_VALUE && whenFalse !== NO_VALUE && symbolicEquals(whenTrue, whenFalse) === true)
      return whenTrue;
    return new Unknown(`depends on condition ${args[0]}: ${condition.reason}`, expression);
  }

  private findInMap(args: unknown, expression: unknown, depth: number): Resolved {
    if (!Array.isArray(args) || args.length < 3)
      return new Unknown('Fn::FindInMap needs [map, key, key]', expression);
    const keys = args.slice(0, 3).map((a) => this.resolveValue(a, depth));
    const fallback = asRecord(args[3])?.DefaultValue;
    const text = keys.map((k) => (typeof k === 'number' ? String(k) : k));
    if (!text.every((k): k is string => typeof k === 'string'))
      return new Unknown('Fn::FindInMap keys are not determined by the template', expression);
    const [map, top, second] = text as [string, string, string];
    const found = asRecord(asRecord(this.section('Mappings')[map])?.[top])?.[second];
    if (found !== undefined) return this.resolve(found, depth);
    if (fallback !== undefined) return this.resolve(fallback, depth);
    return new Unknown(`mapping ${map} has no ${top}.${second}`, expression);
  }

  private cidr(args: unknown, expression: unknown, depth: number): Resolved {
    if (!Array.isArray(args) || args.length !== 3)
      return new Unknown('Fn::Cidr needs [block, count, bits]', expression);
    const [block, count, bits] = args.map((a) => this.resolveValue(a, depth));
    if (typeof block !== 'string' || !isNumeric(count) || !isNumeric(bits))
      return new Unknown('Fn::Cidr of a block the template does not determine', expression);
    const result = cidrSubnets(block, Number(count), Number(bits));
    return Array.isArray(result) ? result : new Unknown(`Fn::Cidr: ${result.error}`, expression);
  }

  /** A named condition: true, false, or Unknown when it depends on deploy-time values or is circular. */
  condition(name: string): boolean | Unknown {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const conditions = this.section('Conditions');
    if (!Object.prototype.hasOwnProperty.call(conditions, name)) {
      return new Unknown(`condition ${JSON.stringify(name)} is not defined`);
    }
    const result = this.set.guard(
      `cond:${this.name}:${name}`,
      () => this.conditionExpression(conditions[name], 0),
      () => new Unknown(`condition ${name} depends on itself (a cycle)`),
    );
    // A cycle answer is not cached for the inner condition (it is partial) but the outermost result is.
    this.conditionCache.set(name, result);
    return result;
  }

  private conditionExpression(value: unknown, depth: number): boolean | Unknown {
    if (depth > MAX_DEPTH) return new Unknown('the condition is nested too deeply to evaluate');
    const record = asRecord(value);
    const keys = record ? Object.keys(record) : [];
    if (record && keys.length === 1) {
      const fn = keys[0]!;
      const args = record[fn];
      const list = Array.isArray(args) ? args : [];
      switch (fn) {
        case 'Condition':
          return typeof args === 'string'
            ? this.condition(args)
            : new Unknown('Condition needs a name', value);
        case 'Fn::Equals': {
          if (list.length !== 2) return new Unknown('Fn::Equals needs two values', value);
          const a = this.resolveValue(list[0], depth + 1) ?? null;
          const b = this.resolveValue(list[1], depth + 1) ?? null;
          const equal = symbolicEquals(a, b);
          return equal ?? new Unknown('compares values the template does not determine', value);
        }
        case 'Fn::Not': {
          if (list.length !== 1) return new Unknown('Fn::Not needs one condition', value);
          const inner = this.conditionExpression(list[0], depth + 1);
          return inner instanceof Unknown ? inner : !inner;
        }
        case 'Fn::And':
        case 'Fn::Or': {
          if (list.length === 0) return new Unknown(`${fn} needs conditions`, value);
          const decisive = fn === 'Fn::Or';
          let unknown: Unknown | undefined;
          for (const item of list) {
            const r = this.conditionExpression(item, depth + 1);
            if (r === decisive) return decisive;
            if (r instanceof Unknown) unknown ??= r;
          }
          return unknown ?? !decisive;
        }
      }
    }
    const resolved = this.resolveValue(value, depth + 1);
    if (typeof resolved === 'boolean') return resolved;
    if (resolved === 'true' || resolved === 'false') return resolved === 'true';
    return resolved instanceof Unknown
      ? resolved
      : new Unknown('the condition is not a boolean expression', value);
  }

  /** A resource's `Condition`: true when unconditional. */
  resourceCondition(logicalId: string): boolean | Unknown {
    const name = this.resources[logicalId]?.Condition;
    if (name === undefined) return true;
    if (typeof name !== 'string') return new Unknown('the resource condition is not a name', name);
    return this.condition(name);
  }

  /** An output's value (cached), for nested stacks' `Outputs.X` and for exports. */
  outputValue(name: string, expression: unknown): SymbolicValue {
    const cached = this.outputCache.get(name);
    if (cached !== undefined)
      return cached === NO_VALUE ? new Unknown(`output ${name} has no value`, expression) : cached;
    const output = asRecord(this.section('Outputs')[name]);
    if (!output) return new Unknown(`stack ${this.name} has no output ${name}`, expression);
    const result = this.set.guard(
      `output:${this.name}:${name}`,
      () => {
        if (typeof output.Condition === 'string' && this.condition(output.Condition) === false)
          return new Unknown(`output ${name} is not created (its condition is false)`, expression);
        return this.resolve(output.Value);
      },
      () => new Unknown(`output ${name} of ${this.name} depends on itself (a cycle)`, expression),
    );
    this.outputCache.set(name, result);
    return result === NO_VALUE ? new Unknown(`output ${name} has no value`, expression) : result;
  }

  /** Export name → output name, for the exports whose names the template determines. */
  exportNames(): [string, string][] {
    const names: [string, string][] = [];
    for (const [outputName, output] of Object.entries(this.section('Outputs'))) {
      const record = asRecord(output);
      const exported = asRecord(record?.Export);
      if (!exported || exported.Name === undefined) continue;
      if (typeof record?.Condition === 'string' && this.condition(record.Condition) === false) continue;
      const name = this.resolveValue(exported.Name);
      if (typeof name === 'string') names.push([name, outputName]);
    }
    return names;
  }
}

function suppliedValue(values: StackInput['parameterValues'], name: string): string | undefined {
  return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
}

function chosenAtDeployTime(name: string, fallback: unknown): string {
  const shown =
    fallback === undefined
      ? 'it has no default'
      : `its default ${JSON.stringify(fallback)} is only a suggestion to whoever deploys the stack`;
  return `parameter ${name} is chosen at deploy time (${shown}); supply its value with --parameters`;
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

const PSEUDO_ALPHABET: Readonly<Record<string, RegExp>> = {
  'AWS::AccountId': /^[0-9]+$/,
  'AWS::Region': /^[a-z0-9-]+$/,
  'AWS::Partition': /^[a-z-]+$/,
  'AWS::URLSuffix': /^[a-z.]+$/,
};

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** True for an unknown pseudo parameter whose values never contain `delimiter` (region, account, partition). */
function pseudoWithout(part: Part, delimiter: string): boolean {
  if (!(part instanceof Unknown) || !part.pseudo) return false;
  const alphabet = PSEUDO_ALPHABET[part.pseudo];
  // A delimiter with a character outside the alphabet cannot occur in the value.
  return alphabet !== undefined && !alphabet.test(delimiter);
}
