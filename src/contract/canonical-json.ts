/**
 * JSON with object keys in code-point order at every level, so a digest of the same data is the same bytes
 * whatever order it was built in. Written here because the digests need only stable key order over plain
 * data (no RFC 8785 number rewriting), a few lines that a dependency would not make clearer.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
