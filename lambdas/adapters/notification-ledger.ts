// The ledger of proposer notifications: a conditional write per event (like the digest's claims), so an
// email goes out once however often the trigger fires, and a failed send is released to be retried.
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationLedger } from '../ports/notification-ledger';

/** Ledger items live in their own partition per round, next to the round's data. */
export const notificationKey = (roundId: string, key: string) => ({ pk: `NOTIFY#${roundId}`, sk: key });

export class DynamoNotificationLedger implements NotificationLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(roundId: string, key: string, atIso: string) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...notificationKey(roundId, key), sentAt: atIso },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  /** One Query of the round's ledger partition, keys only, paged; eventually consistent is enough (see the port). */
  async claimedKeys(roundId: string) {
    const keys = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': notificationKey(roundId, '').pk },
          ProjectionExpression: 'sk',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) keys.add(String(item.sk));
      start = page.LastEvaluatedKey;
    } while (start);
    return keys;
  }

  async release(roundId: string, key: string) {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: notificationKey(roundId, key) }),
    );
  }
}

export class MemoryNotificationLedger implements NotificationLedger {
  readonly claims = new Map<string, string>();

  async claim(roundId: string, key: string, atIso: string) {
    const k = `${roundId}|${key}`;
    if (this.claims.has(k)) return false;
    this.claims.set(k, atIso);
    return true;
  }

  async claimedKeys(roundId: string) {
    const prefix = `${roundId}|`;
    return new Set(
      [...this.claims.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
    );
  }

  async release(roundId: string, key: string) {
    this.claims.delete(`${roundId}|${key}`);
  }
}
