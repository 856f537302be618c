// The proposal store, review store, replay guard and digest ledger on the one DynamoDB table
// (shared/definitions/table.ts): single-item conditional writes, and batch puts for ids known to be new.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { DUPLICATE_CHECK_ATTRIBUTES, keys, TABLE } from '../../shared/definitions/table';
import {
  type DigestSummary,
  type PreviousDigest,
  parseDigestSummary,
} from '../../shared/digest/digest-model';
import type { StoredProposal } from '../../shared/ingest/ingest';
import { organisationKey } from '../../shared/ingest/validation';
import { type AuditEvent, auditTail, type ReviewState } from '../../shared/review/review';
import type { DigestLedger } from '../ports/digest-ledger';
import { conflict, type DuplicateCheckFields, type ProposalStore } from '../ports/proposal-store';
import type { ReplayGuard } from '../ports/replay-guard';
import type { ReviewStore, RoundSnapshot } from '../ports/review-store';
import { queryPartition, writeHistoryItems } from './dynamodb/history-items';
import { indexMergesWrittenBefore, mergeSources } from './dynamodb/merge-index';
import { fromItem, historyItem, segmentRanges, stripKeys, toItem } from './dynamodb/proposal-items';
import { versionCondition } from './dynamodb/version-condition';

export { fromItem, segmentRanges, toItem } from './dynamodb/proposal-items';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** First hex digits of the id where each parallel range of a round read starts. */
const PROPOSAL_SEGMENTS = ['0', '4', '8', 'c'];
const REVIEW_SEGMENTS = ['0', '8'];

export class DynamoProposalStore implements ProposalStore, ReviewStore, ReplayGuard, DigestLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(roundId: string, id: string) {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.proposal(roundId, id), ConsistentRead: true }),
    );
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async getMany(roundId: string, ids: string[]) {
    const items = await this.batchGet(ids.map((id) => keys.proposal(roundId, id)));
    return new Map(items.map((item) => fromItem(item)).map((p) => [p.id, p]));
  }

  async save(record: StoredProposal, expectedVersion?: number) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ...versionCondition(expectedVersion),
        }),
      );
    } catch (e) {
      if (
        e instanceof ConditionalCheckFailedException ||
        (e as Error).name === 'ConditionalCheckFailedException'
      ) {
        throw conflict(record.id, expectedVersion);
      }
      throw e;
    }
  }

  async putMany(records: StoredProposal[], onBatch?: (written: number) => void) {
    const BATCH = 25; // BatchWriteItem's limit
    const batches: StoredProposal[][] = [];
    for (let i = 0; i < records.length; i += BATCH) batches.push(records.slice(i, i + BATCH));
    // A few batches in flight keep the connection busy without tripping throttling.
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++] as StoredProposal[];
        await this.batchWrite(batch.map((r) => ({ PutRequest: { Item: toItem(r) } })));
        onBatch?.(batch.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, batches.length) }, worker));
  }

  /** BatchWriteItem until nothing is left unprocessed, backing off exponentially (with jitter). */
  private async batchWrite(requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string]) {
    let pending = requests;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt > 12)
          throw new Error(
            `BatchWriteItem left ${pending.length} items unprocessed after ${attempt} attempts`,
          );
        await sleep(Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2));
      }
      const out = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = out.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  async saveHistory(previous: StoredProposal) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: historyItem(previous) }));
  }

  async saveHistoryMany(previous: StoredProposal[]) {
    for (let i = 0; i < previous.length; i += 25)
      await this.batchWrite(previous.slice(i, i + 25).map((p) => ({ PutRequest: { Item: historyItem(p) } })));
  }

  async sameOrganisation(roundId: string, organisation: string) {
    const org = organisationKey(organisation);
    if (!org) return [];
    const out: DuplicateCheckFields[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.organisationIndex(roundId, org, '').gsi2pk },
        ProjectionExpression: DUPLICATE_CHECK_ATTRIBUTES.join(', '),
      },
    );
    for await (const page of pages)
      for (const item of page.Items ?? []) out.push(item as DuplicateCheckFields);
    return out;
  }

  async listRound(roundId: string) {
    // The round's sort-key ranges read in parallel (as loadRound does), in range order: sort-key order,
    // as one Query would give it. An import reads this before its first write.
    const ranges = segmentRanges(keys.proposalPrefix, PROPOSAL_SEGMENTS);
    const pages = await Promise.all(ranges.map(([from, to]) => this.queryRange(roundId, from, to, false)));
    return pages.flat().map(fromItem);
  }

  async getReviews(roundId: string, proposalIds: string[]) {
    const out = new Map<string, ReviewState>();
    const items = await this.batchGet(proposalIds.map((id) => keys.review(roundId, id)));
    for (const item of items) {
      const state = stripKeys(item) as unknown as ReviewState;
      out.set(state.proposalId, state);
    }
    return out;
  }

  async existingProposalIds(roundId: string, proposalIds: string[]) {
    const items = await this.batchGet(
      proposalIds.map((id) => keys.proposal(roundId, id)),
      'id',
    );
    return new Set(items.map((i) => String(i.id)));
  }

  /** BatchGetItem in chunks of 100 keys, retrying unprocessed keys with backoff. */
  private async batchGet(keyList: Record<string, string>[], projection?: string) {
    const unique = [...new Map(keyList.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < unique.length; i += 100) {
      let left: Record<string, unknown>[] = unique.slice(i, i + 100);
      for (let attempt = 0; left.length; attempt++) {
        if (attempt > 12) throw new Error(`BatchGetItem left ${left.length} keys unprocessed`);
        if (attempt > 0) await sleep(Math.min(2000, 25 * 2 ** attempt));
        const res = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: left,
                ConsistentRead: true,
                ...(projection ? { ProjectionExpression: projection } : {}),
              },
            },
          }),
        );
        out.push(...(res.Responses?.[this.tableName] ?? []));
        left = (res.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return out;
  }

  async saveReview(roundId: string, state: ReviewState, expectedVersion: number) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...state,
            audit: auditTail(state.audit),
            ...keys.review(roundId, state.proposalId),
            ...keys.summaryIndex(keys.review(roundId, state.proposalId)),
            ...(state.status === 'merged' && state.mergeTarget
              ? keys.mergeIndex(roundId, state.mergeTarget, state.proposalId)
              : {}),
          },
          ...versionCondition(expectedVersion <= 1 ? undefined : expectedVersion),
        }),
      );
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException')
        throw conflict(state.proposalId, expectedVersion);
      throw e;
    }
    // The new events whole, each its own item keyed by version; if one cannot be written, auditTrail()
    // reads it from the review item's tail.
    const { proposalId } = state;
    await writeHistoryItems(
      this.client,
      this.tableName,
      state.audit
        .filter((e) => e.version > expectedVersion)
        .map((event) => ({ ...keys.auditEvent(roundId, proposalId, event.version), proposalId, event })),
      'audit item',
      (item) => ({ proposalId, version: (item.event as AuditEvent).version }),
    );
  }

  async auditTrail(roundId: string, proposalId: string) {
    const items = await queryPartition(
      this.client,
      this.tableName,
      keys.auditEvent(roundId, proposalId, 0).pk,
    );
    const out = items.map((item) => item.event as AuditEvent);
    // Events whose item could not be written (saveReview) from the review's tail (values cut to 200).
    const tail = (await this.getReviews(roundId, [proposalId])).get(proposalId)?.audit ?? [];
    const missing = tail.filter((e) => !out.some((o) => o.version === e.version));
    return missing.length ? [...out, ...missing].sort((a, b) => a.version - b.version) : out;
  }

  async loadRound(roundId: string, opts: { summary?: boolean } = {}): Promise<RoundSnapshot> {
    // Several sort-key ranges read in parallel (ids are "p_" + hex, so the ranges split them evenly):
    // the client reads one page while the server prepares others. Concatenated in range order, the
    // result is in sort-key order, as one Query would give it. A summary reads the narrow index.
    const segments = [
      ...segmentRanges(keys.proposalPrefix, PROPOSAL_SEGMENTS),
      ...segmentRanges(keys.reviewPrefix, REVIEW_SEGMENTS),
    ];
    const pages = await Promise.all(
      segments.map(([from, to]) => this.queryRange(roundId, from, to, opts.summary === true)),
    );
    const proposals: StoredProposal[] = [];
    const reviews = new Map<string, ReviewState>();
    for (const item of pages.flat()) {
      const sk = String(item.sk);
      if (sk.startsWith(keys.proposalPrefix)) proposals.push(fromItem(item));
      else {
        const state = stripKeys(item) as unknown as ReviewState;
        reviews.set(state.proposalId, state);
      }
    }
    return { proposals, reviews };
  }

  private async queryRange(roundId: string, from: string, to: string, summary: boolean) {
    const items: Record<string, unknown>[] = [];
    const [pkName, skName] = summary ? ['gsi3pk', 'gsi3sk'] : ['pk', 'sk'];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        ...(summary ? { IndexName: 'gsi3' } : {}),
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.roundPk(roundId), ':from': from, ':to': to },
        ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }

  async proposalPage(roundId: string, afterId: string | null, limit: number) {
    // Query from the key after the cursor's id until `limit`: sort keys are "PROPOSAL#" + id, in id order.
    const out: StoredProposal[] = [];
    let start: Record<string, unknown> | undefined =
      afterId === null ? undefined : keys.proposal(roundId, afterId);
    do {
      const res = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.roundPk(roundId), ':prefix': keys.proposalPrefix },
          Limit: limit - out.length,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      out.push(...(res.Items ?? []).map(fromItem));
      start = res.LastEvaluatedKey;
    } while (start && out.length < limit);
    return out;
  }

  async mergeSources(roundId: string, targets: readonly { from: string; to: string }[]) {
    return mergeSources(this.client, this.tableName, roundId, targets);
  }

  async indexMerges(roundId: string) {
    return indexMergesWrittenBefore(this.client, this.tableName, roundId);
  }

  async claimNonce(signature: string, expiresAtEpochSeconds: number) {
    return this.putIfAbsent({ ...keys.nonce(signature), [TABLE.ttlAttribute]: expiresAtEpochSeconds });
  }

  async claimDigest(
    roundId: string,
    period: string,
    audience: string,
    atIso: string,
    summary?: DigestSummary,
  ) {
    return this.putIfAbsent({
      ...keys.digestSend(roundId, period, audience),
      period,
      audience,
      sentAt: atIso,
      ...(summary ? { summary } : {}),
    });
  }

  async lastDigestSummary(roundId: string, audience: string): Promise<PreviousDigest | undefined> {
    // One small partition per round (a claim per week and audience): newest period first, stop at the match.
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.digestSend(roundId, '', '').pk },
        ScanIndexForward: false,
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        const cut = sk.indexOf('#');
        if (sk.slice(cut + 1) !== audience) continue;
        const summary = parseDigestSummary(item.summary);
        if (summary) return { period: sk.slice(0, cut), sentAt: String(item.sentAt ?? ''), summary };
      }
    }
    return undefined;
  }

  async releaseDigest(roundId: string, period: string, audience: string) {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: keys.digestSend(roundId, period, audience) }),
    );
  }

  private async putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }
}
