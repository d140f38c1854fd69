/**
 * What a failed call means for the audit. A denied call, an operation the endpoint does not implement (an
 * emulator's gap answers with an HTML page the SDK cannot parse) and a call that still failed after its retries
 * all leave the facts it would have read undetermined: the controls that need them answer `unknown`.
 */
import type { AuditOperation } from './operations.js';

export interface CallFailure {
  readonly kind: 'denied' | 'unsupported' | 'failed';
  /** The service's error code, when it sent one. */
  readonly code?: string;
  readonly message: string;
}

const DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
  'ForbiddenException',
]);

const UNSUPPORTED_CODES = new Set(['InvalidAction', 'UnknownOperationException', 'NotImplemented']);

export function classifyError(error: unknown, operation: AuditOperation): CallFailure {
  const e = error as {
    name?: string;
    Code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $response?: unknown;
  };
  const code = e?.Code ?? e?.name;
  const status = e?.$metadata?.httpStatusCode;
  const action = operation.action ?? `${operation.service}:${operation.command}`;
  if ((code !== undefined && DENIED_CODES.has(code)) || status === 403)
    return {
      kind: 'denied',
      code: code ?? 'AccessDenied',
      message: `${action} was denied (${code ?? 'HTTP 403'})`,
    };
  // An answer the SDK could not parse at all (an HTML error page for a route the endpoint lacks) is a gap of
  // the endpoint, not a service error.
  const unparsed = /deserializ|XML parse|Unexpected token|SyntaxError|char '<'/i.test(
    `${e?.name ?? ''} ${e?.message ?? ''}`,
  );
  if (
    (code !== undefined && UNSUPPORTED_CODES.has(code)) ||
    (unparsed && (status === 404 || status === 500 || status === 501))
  )
    return {
      kind: 'unsupported',
      ...(code === undefined ? {} : { code }),
      message: `${operation.service}:${operation.command} is not supported by the endpoint${status ? ` (HTTP ${status})` : ''}`,
    };
  return {
    kind: 'failed',
    ...(code === undefined ? {} : { code }),
    message: `${operation.service}:${operation.command} failed: ${code ?? 'error'}${status ? ` (HTTP ${status})` : ''}`,
  };
}
