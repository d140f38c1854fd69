/** The outcome of one enforcement point for one connection. */
import type { BlockingRule, PathHop } from '../../findings/index.js';

export type Check =
  | { readonly ok: 'yes'; readonly hop: PathHop }
  | { readonly ok: 'no'; readonly block: BlockingRule }
  | { readonly ok: 'unknown'; readonly reason: string; readonly node: string };
