/** One layer's answer for a flow: admitted (with the rule), blocked (with the rule), or not determinable. */
import type { BlockingRule, PathHop } from '../report/model.js';

export type LayerAnswer =
  | { readonly kind: 'allow'; readonly hops: readonly PathHop[] }
  | { readonly kind: 'deny'; readonly blockedBy: readonly BlockingRule[] }
  | { readonly kind: 'unknown'; readonly reason: string; readonly node: string };

export const allow = (node: string, rule: string): LayerAnswer => ({ kind: 'allow', hops: [{ node, rule }] });
export const deny = (node: string, rule: string): LayerAnswer => ({
  kind: 'deny',
  blockedBy: [{ node, rule }],
});
export const unknown = (node: string, reason: string): LayerAnswer => ({ kind: 'unknown', reason, node });
