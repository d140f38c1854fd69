/**
 * Symbolic values produced when CloudFormation intrinsics are resolved without deploying.
 *
 * A resolved property is plain JSON where the template determines it. Where it does not, the value is one of
 * the classes below, so a control can tell "the template says false" from "the template does not say".
 */

/** A value the template does not determine: a parameter chosen at deploy time, a runtime attribute, a cycle. */
export class Unknown {
  constructor(
    /** Why the value is not known, in words a reviewer understands. */
    readonly reason: string,
    /** The intrinsic as written, for display. */
    readonly expression?: unknown,
    /** A pseudo parameter name (`AWS::AccountId`, …) when the unknown is one. */
    readonly pseudo?: string,
  ) {}

  toJSON(): unknown {
    return { $unknown: this.reason, ...(this.pseudo ? { pseudo: this.pseudo } : {}) };
  }
}

/**
 * A reference to another resource whose identity is known but whose physical value is not
 * (`Ref` of a resource, `Fn::GetAtt` of an attribute that only exists after deployment).
 */
export class ResourceRef {
  constructor(
    /** Inventory key of the referenced resource (`Stack/LogicalId`). */
    readonly target: string,
    /** The attribute for `Fn::GetAtt`; undefined for `Ref`. */
    readonly attribute?: string,
  ) {}

  /** `${Stack/LogicalId}` or `${Stack/LogicalId.Attribute}`, as symbolic parts of strings are shown. */
  toString(): string {
    return `\${${this.target}${this.attribute ? '.' + this.attribute : ''}}`;
  }

  toJSON(): unknown {
    return { $ref: this.target, ...(this.attribute ? { attribute: this.attribute } : {}) };
  }
}

/** A string assembled from literals and symbolic parts (`Fn::Sub`, `Fn::Join` with references). */
export class SymbolicString {
  constructor(readonly parts: readonly (string | ResourceRef | Unknown)[]) {}

  /** Literal text with each symbolic part shown as `${…}`, for messages. */
  toString(): string {
    return this.parts
      .map((p) =>
        typeof p === 'string' ? p : p instanceof ResourceRef ? p.toString() : `\${?${p.pseudo ?? ''}}`,
      )
      .join('');
  }

  toJSON(): unknown {
    return { $sub: this.toString() };
  }
}

export type SymbolicValue =
  | null
  | boolean
  | number
  | string
  | readonly SymbolicValue[]
  | { readonly [key: string]: SymbolicValue }
  | Unknown
  | ResourceRef
  | SymbolicString;

export type SymbolicObject = { readonly [key: string]: SymbolicValue };

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isRef(v: unknown): v is ResourceRef {
  return v instanceof ResourceRef;
}

/** True for values that are not plain JSON (unknown, reference or symbolic string). */
export function isSymbolic(v: unknown): v is Unknown | ResourceRef | SymbolicString {
  return v instanceof Unknown || v instanceof ResourceRef || v instanceof SymbolicString;
}

export function isPlainObject(v: unknown): v is SymbolicObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isSymbolic(v);
}

/** Reads a nested value by dotted path (`a.b.0.c`); returns undefined when a segment is missing. */
export function getPath(value: SymbolicValue | undefined, path: string): SymbolicValue | undefined {
  let current: SymbolicValue | undefined = value;
  for (const segment of path === '' ? [] : path.split('.')) {
    if (current === undefined || current === null) return undefined;
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index)) return undefined;
      current = (current as readonly SymbolicValue[])[index];
    } else if (isPlainObject(current)) {
      current = current[segment];
    } else {
      // A symbolic value hides its structure: the nested value is not known either.
      return isSymbolic(current) ? new Unknown('inside a value the template does not determine') : undefined;
    }
  }
  return current;
}
