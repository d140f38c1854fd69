/** Validation of incoming messages with zod, reporting where a message departs from the expected shape. */
import type { z } from 'zod';
import { MalformedEventError } from '../events.js';

/** Parses `value` or throws MalformedEventError naming the first offending path (never the offending value). */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  throw new MalformedEventError(`${what}: ${path}: ${issue.message}`);
}

/** Trims to `max` characters with an ellipsis, so one long field cannot crowd out the rest of a message. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
