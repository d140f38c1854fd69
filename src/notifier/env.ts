/** The notifier's configuration contract: environment variables the stack sets on the function. */

export const NOTIFIER_ENV = {
  chatSecretId: 'NOTIFIER_CHAT_SECRET_ID',
  pagingSecretId: 'NOTIFIER_PAGING_SECRET_ID',
  deadLetterQueueUrl: 'NOTIFIER_DEAD_LETTER_QUEUE_URL',
  dedupTable: 'NOTIFIER_DEDUP_TABLE',
  dedupWindowSeconds: 'NOTIFIER_DEDUP_WINDOW_SECONDS',
  burstThreshold: 'NOTIFIER_BURST_THRESHOLD',
  criticalTopicArn: 'NOTIFIER_CRITICAL_TOPIC_ARN',
  secretCacheSeconds: 'NOTIFIER_SECRET_CACHE_SECONDS',
} as const;
