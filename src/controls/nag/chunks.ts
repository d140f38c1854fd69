/**
 * Splitting a template too large for one in-memory construct tree into chunks the packs can check one after
 * the other. Every resource is checked in exactly one chunk; a chunk also carries, unchecked, what its
 * resources' rules look at elsewhere in the stack: the resources they refer to (an included template must
 * resolve every `Ref`, `Fn::GetAtt`, `Fn::Sub` and `DependsOn`) and every resource of a type that a rule
 * searches the stack for (a bucket's logging target, a VPC's flow log), so a finding does not depend on
 * where the chunk boundaries fall.
 */
import { isPlainObject } from '../../inventory/values.js';

export interface TemplateChunk {
  /** Logical ids the packs check in this chunk. */
  readonly checked: readonly string[];
  /** The template to load: the checked resources, what they refer to and the context, with every section but Outputs. */
  readonly template: Record<string, unknown>;
}

/**
 * Chunks of at most `size` checked resources each. `isContext` names the resource types cross-resource rules
 * search the stack for; those resources are loaded into every chunk.
 */
export function planChunks(
  template: Record<string, unknown>,
  size: number,
  isContext: (type: string) => boolean,
): TemplateChunk[] {
  const resources = isPlainObject(template.Resources) ? template.Resources : {};
  const ids = Object.keys(resources);
  const context = ids.filter((id) => {
    const r = resources[id];
    return isPlainObject(r) && typeof r.Type === 'string' && isContext(r.Type);
  });
  // Outputs refer to resources of every chunk; the packs do not read them.
  const { Outputs: _outputs, ...sections } = template;
  const chunks: TemplateChunk[] = [];
  for (let start = 0; start < ids.length; start += size) {
    const checked = ids.slice(start, start + size);
    const included = referenceClosure([...checked, ...context], resources);
    chunks.push({
      checked,
      template: {
        ...sections,
        Resources: Object.fromEntries([...included].map((id) => [id, resources[id]])),
      },
    });
  }
  return chunks;
}

/** The ids and every resource they refer to, transitively. */
function referenceClosure(ids: readonly string[], resources: Record<string, unknown>): Set<string> {
  const included = new Set<string>();
  const pending = [...ids];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (included.has(id) || !(id in resources)) continue;
    included.add(id);
    for (const target of referencesOf(resources[id])) if (!included.has(target)) pending.push(target);
  }
  return included;
}

/** Names a value refers to: `Ref`, `Fn::GetAtt`, `${Name}` / `${Name.Attr}` in `Fn::Sub`, `DependsOn`. */
function referencesOf(resource: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [resource];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
      continue;
    }
    if (!isPlainObject(value)) continue;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') out.push(inner);
      else if (key === 'Fn::GetAtt') {
        if (typeof inner === 'string') out.push(inner.split('.')[0]!);
        else if (Array.isArray(inner) && typeof inner[0] === 'string') out.push(inner[0]);
      } else if (key === 'Fn::Sub') {
        const text = typeof inner === 'string' ? inner : Array.isArray(inner) ? inner[0] : undefined;
        if (typeof text === 'string')
          for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) out.push(m[1]!.trim());
      } else if (key === 'DependsOn') {
        for (const d of Array.isArray(inner) ? inner : [inner]) if (typeof d === 'string') out.push(d);
      }
      stack.push(inner);
    }
  }
  return out;
}
