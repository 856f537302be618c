// The persistence port for proposals. Two implementations on one table: DynamoDB (dynamodb-proposal-store.ts)
// and in memory (memory-proposal-store.ts, for fast service tests).

import type { DUPLICATE_CHECK_ATTRIBUTES } from '../../shared/definitions/table';
import type { StoredProposal } from '../../shared/ingest/ingest';
import { DomainError } from '../../shared/platform/errors';

/** What the likely-duplicate check reads of the organisation's other proposals. */
export type DuplicateCheckFields = Pick<StoredProposal, (typeof DUPLICATE_CHECK_ATTRIBUTES)[number]>;

export interface ProposalStore {
  get(roundId: string, id: string): Promise<StoredProposal | undefined>;
  /** Many proposals by id (BatchGetItem, 100 keys a call, unprocessed keys retried); absent ids are left out. */
  getMany(roundId: string, ids: string[]): Promise<Map<string, StoredProposal>>;
  /**
   * Writes a proposal. With `expectedVersion` undefined it must not exist yet; otherwise the stored
   * version must equal it. Throws a `conflict` DomainError when the condition fails.
   */
  save(record: StoredProposal, expectedVersion?: number): Promise<void>;
  /**
   * Writes new proposals in batches (BatchWriteItem: unconditional, so only for ids the caller has
   * just seen to be absent). Retries unprocessed items with backoff until all are written.
   */
  putMany(records: StoredProposal[], onBatch?: (written: number) => void): Promise<void>;
  /** Keeps an earlier revision of an edited response (idempotent: same revision, same item). */
  saveHistory(previous: StoredProposal): Promise<void>;
  /** saveHistory for many at once (BatchWriteItem: history items are immutable, so unconditional). */
  saveHistoryMany(previous: StoredProposal[]): Promise<void>;
  /** Id, organisation and title of the round's proposals from this organisation (one index query). */
  sameOrganisation(roundId: string, organisation: string): Promise<DuplicateCheckFields[]>;
  /** Every proposal of a round, read in pages. */
  listRound(roundId: string): Promise<StoredProposal[]>;
}

export function conflict(id: string, expectedVersion?: number): DomainError {
  return new DomainError(
    'conflict',
    expectedVersion === undefined
      ? { id: `Usulan ${id} sudah ada`, en: `Proposal ${id} already exists` }
      : {
          id: `Usulan ${id} telah diubah orang lain (versi ${expectedVersion} sudah usang)`,
          en: `Proposal ${id} was changed by someone else (version ${expectedVersion} is stale)`,
        },
    { id, expectedVersion },
  );
}
