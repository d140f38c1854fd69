/**
 * DedupStore on a DynamoDB table (partition key `pk`, string; TTL attribute `expiresAt`, epoch seconds).
 * Items `event#<fingerprint>`: the claim's `state`, `owner`, `leaseUntil`, `liveUntil`, `tier` and how many
 * duplicates it collapsed. TTL deletes expired items eventually, not at once, so every condition compares the
 * stored times instead of relying on the item being gone. A pending claim's `liveUntil` is never earlier than
 * its lease, so "liveUntil has passed" frees settled, pending and older (state-less) items alike.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { ClaimRequest, ClaimResult, DedupStore, Settlement } from './dedup-store.js';

export class DynamoDbDedupStore implements DedupStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async claim(r: ClaimRequest): Promise<ClaimResult> {
    const key = this.key(r.fingerprint);
    const nowMs = r.now.getTime();
    const liveMs = Math.max(r.windowMs, r.leaseMs);
    try {
      const out = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET #state = :pending, #owner = :owner, claimedAt = :now, leaseUntil = :lease, liveUntil = :until, expiresAt = :ttl, duplicates = :zero, tier = :tier',
          ConditionExpression:
            'attribute_not_exists(pk) OR liveUntil <= :now OR (#state = :pending AND (leaseUntil <= :now OR #owner = :owner))',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':pending': { S: 'pending' },
            ':owner': { S: r.owner },
            ':now': { N: String(nowMs) },
            ':lease': { N: String(nowMs + r.leaseMs) },
            ':until': { N: String(nowMs + liveMs) },
            // Kept one more window so the next claim can report what the expired one collapsed.
            ':ttl': { N: String(Math.ceil((nowMs + liveMs + r.windowMs) / 1000)) },
            ':zero': { N: '0' },
            ':tier': { S: r.tier },
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = out.Attributes;
      // A retry taking over its own pending claim reports nothing collapsed "before" it.
      const previous = old?.state?.S === 'pending' ? 0 : Number(old?.duplicates?.N ?? '0');
      return { first: true, previousDuplicates: Number.isFinite(previous) ? previous : 0 };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    if (r.tier === 'critical') {
      // Escalate a live warning claim to critical exactly once, however many containers see the critical copy.
      try {
        const out = await this.client.send(
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
            ReturnValues: 'ALL_OLD',
          }),
        );
        // Items written before claims had states were posted ones.
        const state = out.Attributes?.state?.S ?? 'posted';
        return { first: false, escalated: true, inChat: state === 'posted' };
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

  async settle(fingerprint: string, owner: string, s: Settlement): Promise<void> {
    const nowMs = s.now.getTime();
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(fingerprint),
          UpdateExpression: 'SET #state = :state, tier = :tier, liveUntil = :until, expiresAt = :ttl',
          ConditionExpression: '#owner = :owner AND #state = :pending',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':state': { S: s.state },
            ':tier': { S: s.tier },
            ':until': { N: String(nowMs + s.windowMs) },
            ':ttl': { N: String(Math.ceil((nowMs + 2 * s.windowMs) / 1000)) },
            ':owner': { S: owner },
            ':pending': { S: 'pending' },
          },
        }),
      );
    } catch (error) {
      // Taken over after the lease ran out: the new owner settles it.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async release(fingerprint: string, owner: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: this.key(fingerprint),
          ConditionExpression: '#owner = :owner AND #state = :pending',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': { S: owner }, ':pending': { S: 'pending' } },
        }),
      );
    } catch (error) {
      // Someone else's claim now: not ours to give up.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private key(fingerprint: string) {
    return { pk: { S: `event#${fingerprint}` } };
  }
}
