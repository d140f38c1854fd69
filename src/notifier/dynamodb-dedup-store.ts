/**
 * DedupStore on a DynamoDB table (partition key `pk`, string; TTL attribute `expiresAt`, epoch seconds).
 * Items: `event#<fingerprint>` (the live claim and how many duplicates it collapsed) and
 * `window#<key>#<start>` (burst counters). TTL deletes expired items eventually, not at once, so every
 * condition compares `expiresAt` itself instead of relying on the item being gone.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { ClaimResult, DedupStore } from './dedup-store.js';
import type { Tier } from './events.js';

export class DynamoDbDedupStore implements DedupStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async claim(fingerprint: string, now: Date, windowMs: number, tier: Tier): Promise<ClaimResult> {
    const key = { pk: { S: `event#${fingerprint}` } };
    const nowMs = now.getTime();
    try {
      const out = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET claimedAt = :now, liveUntil = :until, expiresAt = :ttl, duplicates = :zero, tier = :tier',
          ConditionExpression: 'attribute_not_exists(pk) OR liveUntil <= :now',
          ExpressionAttributeValues: {
            ':now': { N: String(nowMs) },
            ':until': { N: String(nowMs + windowMs) },
            // Kept one more window so the next claim can report what the expired one collapsed.
            ':ttl': { N: String(Math.ceil((nowMs + 2 * windowMs) / 1000)) },
            ':zero': { N: '0' },
            ':tier': { S: tier },
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const previous = Number(out.Attributes?.duplicates?.N ?? '0');
      return { first: true, previousDuplicates: Number.isFinite(previous) ? previous : 0 };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    if (tier === 'critical') {
      // Escalate a live warning claim to critical exactly once, however many containers see the critical copy.
      try {
        await this.client.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'SET tier = :critical ADD duplicates :one',
            ConditionExpression: 'tier = :warning AND liveUntil > :now',
            ExpressionAttributeValues: {
              ':critical': { S: 'critical' },
              ':warning': { S: 'warning' },
              ':one': { N: '1' },
              ':now': { N: String(nowMs) },
            },
          }),
        );
        return { first: false, escalated: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'ADD duplicates :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    return { first: false, escalated: false };
  }

  async release(fingerprint: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: { pk: { S: `event#${fingerprint}` } } }),
    );
  }

  async countInWindow(key: string, windowStart: Date, windowMs: number): Promise<number> {
    const start = windowStart.getTime();
    const out = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: `window#${key}#${start}` } },
        UpdateExpression: 'ADD #count :one SET expiresAt = :ttl',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':one': { N: '1' },
          ':ttl': { N: String(Math.ceil((start + 2 * windowMs) / 1000)) },
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count = Number(out.Attributes?.count?.N);
    if (!Number.isInteger(count)) throw new Error('DynamoDB returned no counter value');
    return count;
  }
}
