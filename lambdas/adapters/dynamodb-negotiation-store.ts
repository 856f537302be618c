// NegotiationStore on the one DynamoDB table (shared/definitions/table.ts): a bounded item per negotiation
// written with a conditional put on the version, its history in items of its own (dynamodb/negotiation-items.ts),
// batched reads, and the focal points in their own partition.
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { itemBytes, keys, MAX_ITEM_BYTES } from '../../shared/definitions/table';
import type { FocalPoint } from '../../shared/negotiation/focal-point';
import {
  agencyKey,
  type Meeting,
  type NegotiationEvent,
  type NegotiationState,
  type TextRevision,
} from '../../shared/negotiation/negotiation';
import { DomainError } from '../../shared/platform/errors';
import type { NegotiationStore } from '../ports/negotiation-store';
import { queryPartition, writeHistoryItems } from './dynamodb/history-items';
import {
  hasHistoryItems,
  historyItemsOf,
  meetingCountOf,
  negotiationFromItem,
  negotiationItem,
} from './dynamodb/negotiation-items';
import { versionCondition } from './dynamodb/version-condition';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Negotiations whose meetings are read at once (one Query each). */
const READ_CONCURRENCY = 8;
const { event: EVENT, text: TEXT, meeting: MEETING } = keys.negotiationHistoryPrefix;

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
  /** Negotiations read from an item holding its history inline: their next save writes all of it out. */
  private readonly inline = new Set<string>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The states of these items, each with its meetings (from their own items, read in parallel). */
  private async fromItems(roundId: string, items: Record<string, unknown>[]) {
    const out: NegotiationState[] = [];
    for (let i = 0; i < items.length; i += READ_CONCURRENCY)
      out.push(
        ...(await Promise.all(
          items.slice(i, i + READ_CONCURRENCY).map(async (item) => {
            if (!hasHistoryItems(item)) {
              const state = negotiationFromItem(item);
              this.inline.add(`${roundId}#${state.commitmentId}`);
              return state;
            }
            const id = String(item.commitmentId);
            const meetings = meetingCountOf(item)
              ? (await this.history(roundId, id, MEETING)).map((m) => m.meeting as Meeting)
              : [];
            return negotiationFromItem(item, meetings);
          }),
        )),
      );
    return out;
  }

  private history(roundId: string, commitmentId: string, prefix: string) {
    const { pk } = keys.negotiationEvent(roundId, commitmentId, 0);
    return queryPartition(this.client, this.tableName, pk, prefix);
  }

  async getNegotiations(roundId: string, commitmentIds: string[]) {
    const items: Record<string, unknown>[] = [];
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
        items.push(...(res.Responses?.[this.tableName] ?? []));
        left = (res.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return new Map((await this.fromItems(roundId, items)).map((s) => [s.commitmentId, s]));
  }

  async saveNegotiation(roundId: string, state: NegotiationState, expectedVersion: number) {
    const Item = negotiationItem(roundId, state);
    // The item's growth (events, revisions, meetings, answers) lives in items of its own; what is left can
    // still grow with agencies and their notes, so an item past the limit is refused, never a 500.
    if (itemBytes(Item) > MAX_ITEM_BYTES)
      throw new DomainError(
        'too_large',
        {
          id: `Negosiasi komitmen ${state.commitmentId} terlalu besar untuk disimpan; persingkat catatan instansi`,
          en: `The negotiation of commitment ${state.commitmentId} is too large to store; shorten the agency notes`,
        },
        { commitmentId: state.commitmentId },
      );
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item,
          ...versionCondition(expectedVersion <= 1 ? undefined : expectedVersion),
        }),
      );
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException')
        throw negotiationConflict(state.commitmentId, expectedVersion);
      throw e;
    }
    // Only the writer that saved this version gets here; if a history item cannot be written, the item's
    // own tail (events, latest text) still has it, and negotiationHistory() reads it from there.
    const key = `${roundId}#${state.commitmentId}`;
    const everything = expectedVersion <= 1 || this.inline.has(key);
    await writeHistoryItems(
      this.client,
      this.tableName,
      historyItemsOf(roundId, state, expectedVersion, everything),
      'negotiation history item',
      (item) => ({ commitmentId: state.commitmentId, version: state.version, sk: item.sk }),
      { version: state.version },
    );
    this.inline.delete(key);
  }

  async hasAnswer(roundId: string, commitmentId: string, responseId: string) {
    const res = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.negotiationAnswer(roundId, commitmentId, responseId),
        ConsistentRead: true,
      }),
    );
    return res.Item !== undefined;
  }

  async negotiationHistory(roundId: string, commitmentId: string) {
    const [events, texts, current] = await Promise.all([
      this.history(roundId, commitmentId, EVENT),
      this.history(roundId, commitmentId, TEXT),
      this.getNegotiations(roundId, [commitmentId]).then((m) => m.get(commitmentId)),
    ]);
    // What a failed history write left only in the item (its tail of events, its texts) fills the gaps.
    const merge = <T>(whole: T[], kept: readonly T[], n: (t: T) => number) => {
      const missing = kept.filter((k) => !whole.some((w) => n(w) === n(k)));
      return missing.length ? [...whole, ...missing].sort((a, b) => n(a) - n(b)) : whole;
    };
    return {
      audit: merge(
        events.map((i) => i.event as NegotiationEvent),
        current?.audit ?? [],
        (e) => e.version,
      ),
      texts: merge(
        texts.map((i) => i.text as TextRevision),
        current?.texts ?? [],
        (t) => t.revision,
      ),
    };
  }

  async listNegotiations(roundId: string) {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': keys.roundPk(roundId), ':sk': keys.negotiationPrefix },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return new Map((await this.fromItems(roundId, items)).map((s) => [s.commitmentId, s]));
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
