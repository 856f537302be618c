// The persistence port for proposals, replay nonces and digest sends. Two implementations: DynamoDB
// (dynamodb-proposal-store.ts) and in memory (memory-proposal-store.ts, for fast domain tests).
import { DomainError } from '../../shared/errors';
import type { StoredProposal } from '../../shared/submission';

export interface ProposalStore {
  get(roundId: string, id: string): Promise<StoredProposal | undefined>;
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
  /** Every proposal of a round, read in pages. */
  listRound(roundId: string): Promise<StoredProposal[]>;
  /** Records a request signature; false when it was seen before (a replay). */
  claimNonce(signature: string, expiresAtEpochSeconds: number): Promise<boolean>;
  /** Records that a digest was sent for a period and audience; false when it already was. */
  claimDigest(roundId: string, period: string, audience: string, atIso: string): Promise<boolean>;
  /** Undoes a claim whose send failed. */
  releaseDigest(roundId: string, period: string, audience: string): Promise<void>;
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
