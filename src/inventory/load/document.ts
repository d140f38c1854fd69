/** A parsed document of an input file, with line lookup for dotted paths inside it. */
export interface ParsedDocument {
  readonly value: unknown;
  /** 1-based line of the value at a dotted path (the first levels only), when known. */
  lineOf(path: string): number | undefined;
  /** The line table behind lineOf, when it was built eagerly (YAML), so it can cross thread boundaries. */
  readonly lines?: Map<string, number>;
}
