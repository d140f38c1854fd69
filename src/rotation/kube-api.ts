/**
 * The few Kubernetes API calls the rotation function makes, over plain HTTPS with the cluster's CA and a fresh
 * EKS token per request: a handful of GET, PATCH and DELETE calls on named objects do not need a Kubernetes
 * client library in the bundle.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BoundedChunks, MAX_RESPONSE_BYTES, ResponseTooLargeError } from '../contract/response-limits.js';

export interface KubeApiOptions {
  /** `https://…` of the cluster's API server (`http://` only for a local stand-in in tests). */
  readonly endpoint: string;
  /** The cluster's CA certificate (PEM). */
  readonly ca?: string;
  /** A fresh bearer token for each request. */
  readonly token: () => Promise<string>;
  /** @default 10000 */
  readonly timeoutMs?: number;
}

export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type KubeMethod = 'GET' | 'PATCH' | 'DELETE';

export class KubeApi {
  constructor(private readonly options: KubeApiOptions) {}

  /**
   * The named fields of a Secret as text (a missing field reads as ''), or undefined when the Secret does not
   * exist yet (the CSI driver has not synced it).
   */
  async secretText<K extends string>(
    namespace: string,
    name: string,
    fields: readonly K[],
  ): Promise<Record<K, string> | undefined> {
    const found = await this.call<{ data?: Record<string, string> }>(
      'GET',
      `/api/v1/namespaces/${namespace}/secrets/${name}`,
      undefined,
      true,
    );
    if (!found) return undefined;
    const text = (key: string) => Buffer.from(found.data?.[key] ?? '', 'base64').toString('utf8');
    return Object.fromEntries(fields.map((f) => [f, text(f)])) as Record<K, string>;
  }

  /**
   * Calls `path`; a PATCH body is a strategic merge patch. Returns undefined for 404 when `absentIsUndefined`
   * (an object that does not exist is an answer, not an error, for the callers that say so).
   */
  async call<T>(
    method: KubeMethod,
    path: string,
    body?: unknown,
    absentIsUndefined = false,
  ): Promise<T | undefined> {
    const url = new URL(path, this.options.endpoint);
    const token = await this.options.token();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          ca: this.options.ca,
          timeout: this.options.timeoutMs ?? 10_000,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(payload !== undefined
              ? {
                  'content-type':
                    method === 'PATCH' ? 'application/strategic-merge-patch+json' : 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        (res) => {
          const chunks = new BoundedChunks(() =>
            req.destroy(
              new KubeApiError(new ResponseTooLargeError(`${method} ${path}`, MAX_RESPONSE_BYTES).message),
            ),
          );
          res.on('data', (c: Buffer) => chunks.add(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: chunks.text() }));
          res.on('error', reject);
        },
      );
      // The socket's idle timeout does not end an answer sent a byte at a time: the deadline bounds the whole call.
      const deadline = setTimeout(
        () => req.destroy(new KubeApiError(`${method} ${path} timed out`)),
        this.options.timeoutMs ?? 10_000,
      );
      req.on('close', () => clearTimeout(deadline));
      req.on('timeout', () => req.destroy(new KubeApiError(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
    if (status === 404 && absentIsUndefined) return undefined;
    if (status < 200 || status >= 300)
      // The body of an error is a Kubernetes Status: its message names the object and the reason, never a value.
      throw new KubeApiError(`${method} ${path}: HTTP ${status} ${statusMessage(text)}`, status);
    return JSON.parse(text) as T;
  }
}

function statusMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return typeof m === 'string' ? m : '';
  } catch {
    return '';
  }
}
