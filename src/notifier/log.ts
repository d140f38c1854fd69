/**
 * Structured JSON logs (one object per line, which CloudWatch Logs Insights parses) that never contain a
 * webhook URL: every secret value the notifier reads is registered here and replaced before a line is written,
 * and anything shaped like a webhook URL is masked even when it was never registered (an error message quoting
 * a URL, say).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const REDACTED = '[redacted]';
/** Any URL: webhook URLs carry their credential in the path (Slack, Discord, Teams, Mattermost …). */
const URL_PATTERN = /https?:\/\/[^\s"'<>]+/gi;

export class Logger {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly base: Readonly<Record<string, unknown>> = {},
  ) {}

  /** Registers a secret value: it never appears in a log line from now on. */
  addSecret(value: string): void {
    if (value.length >= 4) this.secrets.add(value);
  }

  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    const entry = { level, time: new Date().toISOString(), message, ...this.base, ...fields };
    // Each string is redacted before it is serialised: redacting the serialised line could cut a URL at an
    // escaped quote and leave a line that is no longer JSON (a message can quote such text in a reason).
    this.write(
      JSON.stringify(entry, (key, value: unknown) => {
        const plain = errorReplacer(key, value);
        return typeof plain === 'string' ? this.redact(plain) : plain;
      }),
    );
  }

  /** Replaces registered secrets and any URL that is not an AWS console link. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.replaceAll(secret, REDACTED);
    return out.replace(URL_PATTERN, (url) => (isConsoleUrl(url) ? url : REDACTED));
  }
}

function isConsoleUrl(url: string): boolean {
  return /^https:\/\/([a-z0-9-]+\.)?console\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\//.test(
    url,
  );
}

/** Errors as name and message (their stack and cause can quote request options). */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
