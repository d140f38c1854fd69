/**
 * Writes rendered charts as `<dir>/<name>.yaml`, one multi-document YAML file per chart, and replaces the
 * directory as a whole: the files go to a sibling staging directory that is swapped in at the end, so a failure
 * never leaves a half-written or mixed set (stale charts from an earlier run disappear with the old directory).
 * The caller makes sure the directory holds nothing else (see output-record.ts).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { RenderedChart } from '../k8s/index.js';

/** Returns the written files in apply order. */
export function writeCharts(dir: string, charts: readonly RenderedChart[]): string[] {
  mkdirSync(dirname(dir), { recursive: true });
  // A fresh directory of a random name: a link planted under a predictable name cannot redirect the files.
  const staging = mkdtempSync(`${dir}.tmp-`);
  try {
    const sorted = [...charts].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    const files = sorted.map((chart) => {
      const file = `${chart.name}.yaml`;
      writeFileSync(
        join(staging, file),
        chart.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'),
      );
      return join(dir, file);
    });
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    return files;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
