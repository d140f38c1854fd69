/** Drift between a baseline (anything `verify` reads, or the deployed templates) and the live read. */
import type { Inventory } from '../../inventory/model.js';
import type { AuditDrift } from '../../report/audit-section.js';
import type { LiveRead } from '../live-inventory.js';
import { awsDrift } from './aws-drift.js';
import { k8sDrift } from './k8s-drift.js';

export function computeDrift(live: LiveRead, baseline: Inventory): AuditDrift[] {
  const unread = new Set(live.gaps.map((g) => g.id));
  const aws = awsDrift({
    baseline,
    stackPairs: pairStacks(
      baseline,
      live.aws.stacks.map((s) => s.name),
    ),
    live: live.resources,
    missing: live.aws.missing.map((m) => ({ stack: m.stack, ...m.entry })),
    unread,
  });
  return [...aws, ...(live.cluster ? k8sDrift(baseline, live.inventory) : [])];
}

/**
 * Baseline stacks to live stacks: by name (a cloud assembly names its stacks as deployed; a template file by
 * its name without extension); one baseline stack and one audited stack are paired whatever their names.
 */
export function pairStacks(baseline: Inventory, liveStacks: readonly string[]): Map<string, string> {
  const baselineStacks = [...new Set(baseline.cfn.map((r) => r.stack))].filter((s) => !s.includes('/'));
  const pairs = new Map<string, string>();
  for (const name of baselineStacks) if (liveStacks.includes(name)) pairs.set(name, name);
  if (pairs.size === 0 && baselineStacks.length === 1 && liveStacks.length === 1)
    pairs.set(baselineStacks[0]!, liveStacks[0]!);
  return pairs;
}
