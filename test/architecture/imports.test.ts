/**
 * Import directions (docs/architecture.md): data flows downward, so a layer imports only the layers listed for
 * it here, and no module imports itself back through any chain of imports, type-only imports included (a type
 * cycle still couples the two sides of a change). TypeScript's own pre-processor lists each file's imports, static,
 * dynamic and re-exports alike.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

/**
 * Who may import whom, read from the table in docs/architecture.md (between the import-rules markers), so the doc
 * and the check cannot drift; `root` is `src/errors.ts`, `src/version.ts` and `src/package-files.ts`. A layer may
 * always import itself.
 */
function allowedImports(): Record<string, readonly string[]> {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const table = /<!-- import-rules:start -->([\s\S]*?)<!-- import-rules:end -->/.exec(doc)?.[1] ?? '';
  const rules: Record<string, readonly string[]> = {};
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const layer = /^`([a-z0-9-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!layer) continue;
    rules[layer] = [...(cells[2] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);
  }
  return rules;
}

const ALLOWED_IMPORTS = allowedImports();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const layerOf = (file: string): string => {
  const parts = relative(src, file).split('/');
  return parts.length === 1 ? 'root' : parts[0]!;
};

/** Each source file's imports of other source files (resolved paths). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(src)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan's algorithm). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

describe('import directions', () => {
  const graph = importGraph();

  it('reads the import rules from the architecture doc', () => {
    assert.ok(Object.keys(ALLOWED_IMPORTS).length >= 15, Object.keys(ALLOWED_IMPORTS).join(', '));
    assert.deepEqual(ALLOWED_IMPORTS.contract, []);
    assert.deepEqual(ALLOWED_IMPORTS.flows, ['blueprint', 'contract', 'root']);
  });

  it('reads the whole source tree', () => {
    assert.ok(graph.size > 100, `${graph.size} source files`);
    assert.ok([...graph.values()].flat().length > graph.size, 'files import each other');
  });

  it('knows every layer of src/', () => {
    const layers = new Set([...graph.keys()].map(layerOf));
    for (const layer of layers) assert.ok(layer in ALLOWED_IMPORTS, `layer ${layer} has no import rule`);
  });

  it('imports only downward, as the architecture doc lists', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (to !== from && !ALLOWED_IMPORTS[from]!.includes(to))
          violations.push(`${relative(root, file)} -> ${relative(root, target)} (${from} -> ${to})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('has no import cycle, type-only imports included', () => {
    const found = cycles(graph).map((c) => c.map((f) => relative(root, f)).sort());
    assert.deepEqual(found, []);
  });

  it('detects a cycle and a violation in a graph built to have them', () => {
    const a = join(src, 'flows', 'a.ts');
    const b = join(src, 'flows', 'b.ts');
    assert.deepEqual(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ).map((c) => c.length),
      [2],
    );
    assert.equal(ALLOWED_IMPORTS.flows!.includes(layerOf(join(src, 'controls', 'x.ts'))), false);
  });
});
