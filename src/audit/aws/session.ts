/**
 * The auditor's connection to AWS: one SDK v3 client per service (default credential chain, or a named
 * profile), retries with exponential backoff and full jitter on throttling, 5xx answers, timeouts and dropped
 * connections (the SDK's standard strategy with our delays), a timeout on every request, a bound on the calls
 * in flight, and a record of every call for the report.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { AUDIT_SERVICES, type AuditOperation, type AuditService } from './operations.js';
import { classifyError, type CallFailure } from './errors.js';
import { Semaphore } from './semaphore.js';

export interface AwsTarget {
  /** The region to audit. */
  readonly region: string;
  /**
   * A named profile of the shared config and credentials files.
   * @default - the default credential chain (environment, shared files, SSO, container or instance role)
   */
  readonly profile?: string;
  /**
   * Another endpoint for every service (an emulator, a proxy, a VPC endpoint).
   * @default - the services' public endpoints
   */
  readonly endpointUrl?: string;
  /**
   * Static credentials, for tests against an emulator.
   * @default - the default credential chain
   */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts per call, the first included. @default 6 */
  readonly maxAttempts?: number;
  /** Longest wait for an answer, per attempt, in milliseconds. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** Calls in flight at once, across services. @default 8 */
  readonly concurrency?: number;
  /** First retry delay; each later one doubles it, capped at 20 s, with full jitter. @default 200 */
  readonly retryBaseMs?: number;
  /**
   * Called with every command the SDK sends (attempts included), for the least-privilege test and the benchmark.
   * @default - none
   */
  readonly onCommand?: (clientName: string, commandName: string) => void;
}

/** One API call as the report records it. */
export interface CallRecord {
  readonly service: AuditService;
  readonly operation: string;
  readonly region: string;
  /** When the call started (ISO 8601). */
  readonly time: string;
  readonly durationMs: number;
  /** The request id of the (last) answer, when the service sent one. */
  readonly requestId?: string;
  /** What the call is about (a bucket, a stack), when it is about one thing. */
  readonly subject?: string;
  readonly outcome: 'ok' | CallFailure['kind'];
  /** Why it failed, for outcomes other than `ok`. */
  readonly error?: string;
}

export type CallOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly record: CallRecord }
  | { readonly ok: false; readonly failure: CallFailure; readonly record: CallRecord };

type AnyClient = {
  send(command: unknown): Promise<unknown>;
  middlewareStack: {
    add(middleware: unknown, options: unknown): void;
  };
  destroy(): void;
};

const MAX_DELAY_MS = 20_000;

export class AwsSession {
  readonly calls: CallRecord[] = [];
  private readonly clients = new Map<AuditService, Promise<AnyClient>>();
  private readonly slots: Semaphore;

  constructor(readonly target: AwsTarget) {
    this.slots = new Semaphore(target.concurrency ?? 8);
  }

  get region(): string {
    return this.target.region;
  }

  /** The SDK client of a service, created on first use. */
  client<C>(service: AuditService): Promise<C> {
    let client = this.clients.get(service);
    if (!client) {
      client = this.createClient(service);
      this.clients.set(service, client);
    }
    return client as Promise<C>;
  }

  /**
   * Runs one operation (all its pages, for a paginated one) in a slot, and records it. Errors never escape:
   * they come back classified, so one denied or failed call leaves the rest of the audit running.
   * `absent` lists error codes that mean "not configured" (`NoSuchPublicAccessBlockConfiguration`): the call
   * then succeeds with `undefined`.
   */
  async call<T>(
    operation: AuditOperation,
    run: () => Promise<T>,
    options: { readonly subject?: string; readonly absent?: readonly string[] } = {},
  ): Promise<CallOutcome<T | undefined>> {
    return this.slots.run(async () => {
      const started = Date.now();
      const base = {
        service: operation.service,
        operation: operation.command,
        region: this.region,
        time: new Date(started).toISOString(),
        ...(options.subject === undefined ? {} : { subject: options.subject }),
      };
      try {
        const value = await run();
        const record: CallRecord = {
          ...base,
          durationMs: Date.now() - started,
          ...requestIdOf(value),
          outcome: 'ok',
        };
        this.calls.push(record);
        return { ok: true, value, record };
      } catch (error) {
        const failure = classifyError(error, operation);
        if (failure.code !== undefined && options.absent?.includes(failure.code)) {
          const record: CallRecord = {
            ...base,
            durationMs: Date.now() - started,
            ...requestIdOf(error),
            outcome: 'ok',
          };
          this.calls.push(record);
          return { ok: true, value: undefined, record };
        }
        const record: CallRecord = {
          ...base,
          durationMs: Date.now() - started,
          ...requestIdOf(error),
          outcome: failure.kind,
          error: failure.message,
        };
        this.calls.push(record);
        return { ok: false, failure, record };
      }
    });
  }

  /** Closes the clients' connections. */
  async close(): Promise<void> {
    for (const client of this.clients.values()) (await client).destroy();
  }

  private async createClient(service: AuditService): Promise<AnyClient> {
    const { region, endpointUrl, profile, credentials } = this.target;
    const base = this.target.retryBaseMs ?? 200;
    const config = {
      region,
      ...(endpointUrl === undefined ? {} : { endpoint: endpointUrl }),
      ...(profile === undefined ? {} : { profile }),
      ...(credentials === undefined ? {} : { credentials }),
      // The SDK's standard strategy decides what is retryable (throttling, 5xx, timeouts, dropped
      // connections); the delay is ours: exponential with full jitter, so that many clients do not retry in step.
      retryStrategy: new ConfiguredRetryStrategy(
        this.target.maxAttempts ?? 6,
        (attempt: number) => Math.random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt),
      ),
      requestHandler: {
        connectionTimeout: 5_000,
        requestTimeout: this.target.requestTimeoutMs ?? 30_000,
        // A late answer is an error, retried like a dropped connection, not only a warning.
        throwOnRequestTimeout: true,
      },
    };
    const client = await newClient(service, config);
    const onCommand = this.target.onCommand;
    if (onCommand)
      client.middlewareStack.add(
        (next: (args: unknown) => Promise<unknown>, context: { clientName: string; commandName: string }) =>
          (args: unknown) => {
            onCommand(context.clientName, context.commandName);
            return next(args);
          },
        { step: 'finalizeRequest', name: 'vectorfortAuditRecorder', priority: 'low' },
      );
    return client;
  }
}

function requestIdOf(value: unknown): { requestId?: string } {
  const metadata = (value as { $metadata?: { requestId?: string } } | undefined)?.$metadata;
  return metadata?.requestId ? { requestId: metadata.requestId } : {};
}

/** Loaded on demand: each client is a large module, and an audit may need only a few. */
async function newClient(service: AuditService, config: Record<string, unknown>): Promise<AnyClient> {
  const name = AUDIT_SERVICES[service];
  const module = (await loadClientModule(service)) as Record<string, new (c: unknown) => AnyClient>;
  const Client = module[name]!;
  // A custom endpoint is usually an emulator or a proxy on one host name: buckets go in the path.
  return new Client(service === 's3' && config.endpoint ? { ...config, forcePathStyle: true } : config);
}

function loadClientModule(service: AuditService): Promise<unknown> {
  switch (service) {
    case 'cloudformation':
      return import('@aws-sdk/client-cloudformation');
    case 'ec2':
      return import('@aws-sdk/client-ec2');
    case 'eks':
      return import('@aws-sdk/client-eks');
    case 's3':
      return import('@aws-sdk/client-s3');
    case 'kms':
      return import('@aws-sdk/client-kms');
    case 'logs':
      return import('@aws-sdk/client-cloudwatch-logs');
    case 'cloudtrail':
      return import('@aws-sdk/client-cloudtrail');
    case 'guardduty':
      return import('@aws-sdk/client-guardduty');
    case 'config':
      return import('@aws-sdk/client-config-service');
    case 'securityhub':
      return import('@aws-sdk/client-securityhub');
    case 'inspector2':
      return import('@aws-sdk/client-inspector2');
    case 'sts':
      return import('@aws-sdk/client-sts');
    case 'elasticloadbalancing':
      return import('@aws-sdk/client-elastic-load-balancing-v2');
    case 'wafv2':
      return import('@aws-sdk/client-wafv2');
    case 'cloudfront':
      return import('@aws-sdk/client-cloudfront');
    case 'iam':
      return import('@aws-sdk/client-iam');
    case 'lambda':
      return import('@aws-sdk/client-lambda');
    case 'sns':
      return import('@aws-sdk/client-sns');
    case 'sqs':
      return import('@aws-sdk/client-sqs');
    case 'secretsmanager':
      return import('@aws-sdk/client-secrets-manager');
    case 'dynamodb':
      return import('@aws-sdk/client-dynamodb');
    case 'cloudwatch':
      return import('@aws-sdk/client-cloudwatch');
    case 'events':
      return import('@aws-sdk/client-eventbridge');
    case 'ssm':
      return import('@aws-sdk/client-ssm');
    case 'acm':
      return import('@aws-sdk/client-acm');
  }
}
