/**
 * BurstLedger on the dedup table. Items: `window#<window key>` (the window's `count`, how many events it `held`
 * back, the first `titles`, and `reportedAt` once its closing summary was taken) and `bursts#open` (the string
 * set `windows` of window keys with held-back events not yet reported). Only UpdateItem is used, reads included,
 * so the notifier needs no more than UpdateItem and DeleteItem on the table.
 */
import {
  ConditionalCheckFailedException,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  HELD_TITLES_KEPT,
  HELD_WINDOW_RETENTION_MS,
  parseWindowKey,
  windowKey,
  type BurstLedger,
  type BurstWindow,
  type EndedBurst,
} from './burst-ledger.js';

const REGISTRY = { pk: { S: 'bursts#open' } };

export class DynamoDbBurstLedger implements BurstLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async countInWindow(w: BurstWindow): Promise<number> {
    const start = w.start.getTime();
    const out = await this.update({
      Key: this.key(w),
      // if_not_exists: a window holding events back has a longer expiry, which counting must not shorten.
      UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: {
        ':one': { N: '1' },
        ':ttl': { N: String(Math.ceil((start + 2 * w.windowMs) / 1000)) },
      },
      ReturnValues: 'UPDATED_NEW',
    });
    const count = Number(out?.count?.N);
    if (!Number.isInteger(count)) throw new Error('DynamoDB returned no counter value');
    return count;
  }

  async hold(w: BurstWindow, title: string): Promise<void> {
    const ttl = { N: String(Math.ceil((w.start.getTime() + HELD_WINDOW_RETENTION_MS) / 1000)) };
    const out = await this.update({
      Key: this.key(w),
      UpdateExpression: 'ADD held :one SET expiresAt = :ttl',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':ttl': ttl },
      ReturnValues: 'UPDATED_NEW',
    });
    const held = Number(out?.held?.N);
    if (held <= HELD_TITLES_KEPT)
      await this.update({
        Key: this.key(w),
        UpdateExpression: 'SET titles = list_append(if_not_exists(titles, :none), :title)',
        ExpressionAttributeValues: { ':none': { L: [] }, ':title': { L: [{ S: title }] } },
      });
    if (held === 1 || !Number.isInteger(held)) await this.register(w);
  }

  async takeEnded(now: Date): Promise<EndedBurst[]> {
    let open: string[];
    try {
      const out = await this.update({
        Key: REGISTRY,
        UpdateExpression: 'SET checkedAt = :now',
        ConditionExpression: 'attribute_exists(windows)',
        ExpressionAttributeValues: { ':now': { N: String(now.getTime()) } },
        ReturnValues: 'ALL_NEW',
      });
      open = out?.windows?.SS ?? [];
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return [];
      throw error;
    }
    const ended: EndedBurst[] = [];
    for (const key of open) {
      const w = parseWindowKey(key);
      if (w && w.start.getTime() + w.windowMs > now.getTime()) continue;
      const taken = w && (await this.takeWindow(w, now));
      if (taken) ended.push(taken);
      await this.update({
        Key: REGISTRY,
        UpdateExpression: 'DELETE windows :key',
        ExpressionAttributeValues: { ':key': { SS: [key] } },
      });
    }
    return ended;
  }

  async putBack(burst: EndedBurst): Promise<void> {
    await this.update({ Key: this.key(burst), UpdateExpression: 'REMOVE reportedAt' });
    await this.register(burst);
  }

  /** Marks the window reported, once across containers; undefined when it is gone or already taken. */
  private async takeWindow(w: BurstWindow, now: Date): Promise<EndedBurst | undefined> {
    try {
      const item = await this.update({
        Key: this.key(w),
        UpdateExpression: 'SET reportedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reportedAt)',
        ExpressionAttributeValues: { ':now': { N: String(now.getTime()) } },
        ReturnValues: 'ALL_NEW',
      });
      const held = Number(item?.held?.N ?? '0');
      const titles = (item?.titles?.L ?? []).flatMap((t) => (t.S === undefined ? [] : [t.S]));
      return { ...w, held: Number.isInteger(held) ? held : 0, titles };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  private async register(w: BurstWindow): Promise<void> {
    await this.update({
      Key: REGISTRY,
      UpdateExpression: 'ADD windows :key SET expiresAt = :ttl',
      ExpressionAttributeValues: {
        ':key': { SS: [windowKey(w)] },
        ':ttl': { N: String(Math.ceil((w.start.getTime() + HELD_WINDOW_RETENTION_MS) / 1000)) },
      },
    });
  }

  private async update(
    input: Omit<ConstructorParameters<typeof UpdateItemCommand>[0], 'TableName'>,
  ): Promise<Record<string, AttributeValue> | undefined> {
    const out = await this.client.send(new UpdateItemCommand({ TableName: this.tableName, ...input }));
    return out.Attributes;
  }

  private key(w: BurstWindow) {
    return { pk: { S: `window#${windowKey(w)}` } };
  }
}
