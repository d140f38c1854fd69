/**
 * What could not be delivered goes to the dead-letter queue with enough context to replay it: the original SNS
 * message, where it should have gone and why it did not. Never the webhook URL.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface DeadLetter {
  /** `chat`, `paging`, or `notifier` when the notifier itself failed before choosing a destination. */
  readonly destination: 'chat' | 'paging' | 'notifier';
  readonly reason: string;
  readonly attempts: number;
  readonly status?: number;
  readonly fingerprint?: string;
  readonly snsMessageId: string;
  readonly topicArn: string;
  /** The SNS message as received, so it can be republished. */
  readonly message: string;
}

export interface DeadLetterQueue {
  send(letter: DeadLetter): Promise<void>;
}

/** SQS caps a message at 256 KiB; a longer SNS message is cut, and the letter says so. */
const SQS_MAX_BYTES = 256 * 1024 - 4096;

export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(letter: DeadLetter): Promise<void> {
    let body = JSON.stringify({ ...letter, deadLetteredAt: new Date().toISOString() });
    if (Buffer.byteLength(body) > SQS_MAX_BYTES) {
      const keep = Math.max(0, SQS_MAX_BYTES - (Buffer.byteLength(body) - Buffer.byteLength(letter.message)));
      body = JSON.stringify({
        ...letter,
        message: Buffer.from(letter.message).subarray(0, keep).toString(),
        messageTruncated: true,
        deadLetteredAt: new Date().toISOString(),
      });
    }
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          destination: { DataType: 'String', StringValue: letter.destination },
          reason: { DataType: 'String', StringValue: letter.reason.slice(0, 256) },
        },
      }),
    );
  }
}
