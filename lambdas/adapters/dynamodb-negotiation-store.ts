// NegotiationStore on the one DynamoDB table (shared/definitions/table.ts): single-item conditional puts on the
// version, batched reads, and the focal points in their own partition.
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/definitions/table';
import type { FocalPoint } from '../../shared/negotiation/focal-point';
import { agencyKey, type NegotiationState } from '../../shared/negotiation/negotiation';
import { DomainError } from '../../shared/platform/errors';
import type { NegotiationStore } from '../ports/negotiation-store';
import { versionCondition } from './dynamodb/version-condition';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fromItem(item: Record<string, unknown>): NegotiationState {
  const { pk: _pk, sk: _sk, ...state } = item;
  return state as unknown as NegotiationState;
}

export function negotiationConflict(commitmentId: string, expectedVersion: number): DomainError {
  return new DomainError(
    'conflict',
    {
      id: `Negosiasi komitmen ${commitmentId} telah diubah orang lain (versi ${expectedVersion} sudah usang)`,
      en: `The negotiation of commitment ${commitmentId} was changed by someone else (version ${expectedVersion} is stale)`,
    },
    { commitmentId, expectedVersion },
  );
}

export class DynamoNegotiationStore implements NegotiationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getNegotiations(roundId: string, commitmentIds: string[]) {
    const out = new Map<string, NegotiationState>();
    const unique = [...new Set(commitmentIds)];
    for (let i = 0; i < unique.length; i += 100) {
      let left: Record<string, unknown>[] = unique
        .slice(i, i + 100)
        .map((id) => keys.negotiation(roundId, id));
      for (let attempt = 0; left.length; attempt++) {
        if (attempt > 12) throw new Error(`BatchGetItem left ${left.length} keys unprocessed`);
        if (attempt > 0) await sleep(Math.min(2000, 25 * 2 ** attempt));
        const res = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: left, ConsistentRead: true } } }),
        );
        for (const item of res.Responses?.[this.tableName] ?? []) {
          const state = fromItem(item);
          out.set(state.commitmentId, state);
        }
        left = (res.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return out;
  }

  async saveNegotiation(roundId: string, state: NegotiationState, expectedVersion: number) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...state, ...keys.negotiation(roundId, state.commitmentId) },
          ...versionCondition(expectedVersion <= 1 ? undefined : expectedVersion),
        }),
      );
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException')
        throw negotiationConflict(state.commitmentId, expectedVersion);
      throw e;
    }
  }

  async listNegotiations(roundId: string) {
    const out = new Map<string, NegotiationState>();
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': keys.roundPk(roundId), ':sk': keys.negotiationPrefix },
        ConsistentRead: true,
      },
    );
    for await (const page of pages)
      for (const item of page.Items ?? []) {
        const state = fromItem(item);
        out.set(state.commitmentId, state);
      }
    return out;
  }

  async saveFocalPoints(roundId: string, focalPoints: readonly FocalPoint[]) {
    for (let i = 0; i < focalPoints.length; i += 25) {
      let pending = focalPoints.slice(i, i + 25).map((f) => ({
        PutRequest: {
          Item: {
            ...keys.focalPoint(roundId, agencyKey(f.agency), f.email),
            agency: f.agency,
            name: f.name,
            email: f.email,
          },
        },
      }));
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 12) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
        if (attempt > 0) await sleep(Math.min(2000, 25 * 2 ** attempt));
        const out = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      }
    }
  }

  async listFocalPoints(roundId: string) {
    const out: FocalPoint[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.focalPoint(roundId, '', '').pk },
      },
    );
    for await (const page of pages)
      for (const item of page.Items ?? [])
        out.push({ agency: String(item.agency), name: String(item.name), email: String(item.email) });
    return out;
  }
}
