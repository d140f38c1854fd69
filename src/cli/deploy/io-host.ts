/**
 * What the CDK toolkit says during deploy, diff and destroy, turned into our terminal output: one line per
 * stack event (stack and resource, status, type, reason) and per stack result on stderr, the toolkit's own
 * chatter only with VECTORFORT_DEBUG. Its confirmation requests are answered by `--yes`, or asked on the
 * terminal; without either the command has refused before the toolkit starts (see confirmation.ts).
 */
import { createInterface } from 'node:readline/promises';
import type { IIoHost, IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';
import { printable } from '../../report/printable.js';

/** The toolkit's message codes we render (toolkit-lib's documented message registry). */
const STACK_ACTIVITY = 'CDK_TOOLKIT_I5502';
const STACK_DEPLOYED = 'CDK_TOOLKIT_I5900';
const STACK_DESTROYED = 'CDK_TOOLKIT_I7900';
const STACK_DEPLOYING = 'CDK_TOOLKIT_I5100';
const STACK_DESTROYING = 'CDK_TOOLKIT_I7100';
const STACK_DIFF = 'CDK_TOOLKIT_I4002';

interface StackEventData {
  readonly event?: {
    readonly StackName?: string;
    readonly LogicalResourceId?: string;
    readonly ResourceType?: string;
    readonly ResourceStatus?: string;
    readonly ResourceStatusReason?: string;
  };
  readonly progress?: { readonly completed?: number; readonly total?: number };
}

export interface ProgressHostOptions {
  /** Where progress goes. @default process.stderr */
  readonly out?: NodeJS.WritableStream;
  /** Answer every confirmation with yes (`--yes`). @default false: ask on the terminal */
  readonly assumeYes?: boolean;
  /** Print every toolkit message, debug included. @default - only with VECTORFORT_DEBUG */
  readonly verbose?: boolean;
  /** Receives each stack's formatted diff (the command prints it after its own summary). @default - printed */
  readonly onResult?: (text: string) => void;
}

export class ProgressHost implements IIoHost {
  /** Every stack event seen, in order, for the command's summary and the tests. */
  readonly events: { stack: string; resource: string; type: string; status: string }[] = [];
  private readonly out: NodeJS.WritableStream;
  private readonly verbose: boolean;

  constructor(private readonly options: ProgressHostOptions = {}) {
    this.out = options.out ?? process.stderr;
    this.verbose = options.verbose ?? Boolean(process.env.VECTORFORT_DEBUG);
  }

  async notify(msg: IoMessage<unknown>): Promise<void> {
    if (msg.code === STACK_ACTIVITY) return this.activity(msg.data as StackEventData);
    if (msg.code === STACK_DIFF && this.options.onResult) return this.options.onResult(msg.message);
    // Without emojis the toolkit's result line is the bare stack name.
    if (msg.code === STACK_DEPLOYED) return this.line(`deployed: ${msg.message.trim()}`);
    if (
      msg.code === STACK_DEPLOYED ||
      msg.code === STACK_DESTROYED ||
      msg.code === STACK_DEPLOYING ||
      msg.code === STACK_DESTROYING ||
      msg.level === 'error' ||
      msg.level === 'warn' ||
      this.verbose
    )
      this.line(`${msg.level === 'error' || msg.level === 'warn' ? `${msg.level}: ` : ''}${msg.message}`);
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    if (typeof msg.defaultResponse !== 'boolean') return msg.defaultResponse;
    this.line(msg.message);
    if (this.options.assumeYes) {
      this.line('(--yes given: going ahead)');
      return true as T;
    }
    // Only reached on a terminal: without one the command refused before the toolkit started.
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await prompt.question('Go ahead? (y/N) ');
      return /^y(es)?$/i.test(answer.trim()) as T;
    } finally {
      prompt.close();
    }
  }

  private activity(data: StackEventData): void {
    const e = data.event;
    if (!e) return;
    const record = {
      stack: e.StackName ?? '',
      resource: e.LogicalResourceId ?? '',
      type: e.ResourceType ?? '',
      status: e.ResourceStatus ?? '',
    };
    this.events.push(record);
    const progress =
      data.progress?.total !== undefined ? ` ${data.progress.completed ?? 0}/${data.progress.total}` : '';
    const reason = e.ResourceStatusReason ? ` (${e.ResourceStatusReason})` : '';
    this.line(`  ${record.stack}${progress} ${record.status} ${record.type} ${record.resource}${reason}`);
  }

  private line(text: string): void {
    // Stack events carry text from the account (reasons, names): printed inert.
    this.out.write(`${text.split('\n').map(printable).join('\n')}\n`);
  }
}
