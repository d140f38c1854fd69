/**
 * The log message a failed webhook rotation step writes (with `webhook`: `chat` or `paging`); the stack's
 * metric filters count it to raise each secret's rotation alarm. Kept apart so the stack reads it without the
 * notifier's clients.
 */
export const WEBHOOK_ROTATION_FAILED = 'webhook rotation failed';
