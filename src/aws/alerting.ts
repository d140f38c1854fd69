/**
 * Alerting: KMS-encrypted SNS topics and the notifier Lambda that posts security events to a chat webhook
 * (warnings) and a paging subscription (critical). Implemented by the notifier work.
 */
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { VectorfortStack } from './stack.js';

export interface Alerting {
  /** Security events of every severity; the notifier posts them to chat. */
  readonly topic: sns.ITopic;
  /** Critical events; pages people (a second subscription). */
  readonly criticalTopic: sns.ITopic;
}

/** @returns undefined when the blueprint turns alerting off. */
export function addAlerting(_stack: VectorfortStack): Alerting | undefined {
  return undefined;
}
