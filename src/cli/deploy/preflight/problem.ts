/** A pre-flight check that failed: what it found and how to fix it. Any one of them stops the command (exit 2). */
export interface PreflightProblem {
  /** The check's name, as printed: `credentials`, `placeholders`, `certificate`, `bootstrap`, … */
  readonly check: string;
  readonly problem: string;
  readonly fix: string;
}

/** The SDK's error name and message in one line, for a problem's text. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
