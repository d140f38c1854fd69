/** The shape of a cross-field blueprint rule, shared by the rule lists (rules.ts, principals.ts). */
import type { Blueprint } from './schema.js';

export interface BlueprintRule {
  /** Path of the field the message is about (dots and [index]). */
  readonly path: (bp: Blueprint) => string;
  /** Returns a message when the rule is violated. */
  readonly check: (bp: Blueprint) => string | undefined;
}
