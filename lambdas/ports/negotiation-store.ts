// The persistence port for negotiations: one versioned, bounded item per commitment with its history kept
// item by item, and the agencies' focal points (personal data, in their own partition). Implemented on
// DynamoDB (dynamodb-negotiation-store.ts).
import type { FocalPoint } from '../../shared/negotiation/focal-point';
import type { NegotiationEvent, NegotiationState, TextRevision } from '../../shared/negotiation/negotiation';

export interface NegotiationStore {
  /**
   * Stored negotiations of these commitments (batched reads); commitments never edited are absent. A state
   * read carries every meeting, the CSO and the latest text, and its last events (negotiationHistory: all).
   */
  getNegotiations(roundId: string, commitmentIds: string[]): Promise<Map<string, NegotiationState>>;
  /**
   * Writes a negotiation if the stored one still has `expectedVersion` (1 = never stored, no item).
   * Throws a `conflict` DomainError otherwise.
   */
  saveNegotiation(roundId: string, state: NegotiationState, expectedVersion: number): Promise<void>;
  /** Whether this agency-form response was applied to the commitment, however long ago. */
  hasAnswer(roundId: string, commitmentId: string, responseId: string): Promise<boolean>;
  /** Every event and every text revision of a negotiation, oldest first (read in pages). */
  negotiationHistory(
    roundId: string,
    commitmentId: string,
  ): Promise<{ audit: NegotiationEvent[]; texts: TextRevision[] }>;
  /** Every stored negotiation of the round, read in pages. */
  listNegotiations(roundId: string): Promise<Map<string, NegotiationState>>;
  /** Adds or replaces focal points (one per agency and email). */
  saveFocalPoints(roundId: string, focalPoints: readonly FocalPoint[]): Promise<void>;
  listFocalPoints(roundId: string): Promise<FocalPoint[]>;
}
