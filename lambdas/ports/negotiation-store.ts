// The persistence port for negotiations: one versioned item per commitment, and the agencies' focal
// points (personal data, in their own partition). Implemented on DynamoDB (dynamodb-negotiation-store.ts).
import type { FocalPoint } from '../../shared/negotiation/focal-point';
import type { NegotiationState } from '../../shared/negotiation/negotiation';

export interface NegotiationStore {
  /** Stored negotiations of these commitments (batched reads); commitments never edited are absent. */
  getNegotiations(roundId: string, commitmentIds: string[]): Promise<Map<string, NegotiationState>>;
  /**
   * Writes a negotiation if the stored one still has `expectedVersion` (1 = never stored, no item).
   * Throws a `conflict` DomainError otherwise.
   */
  saveNegotiation(roundId: string, state: NegotiationState, expectedVersion: number): Promise<void>;
  /** Every stored negotiation of the round, read in pages. */
  listNegotiations(roundId: string): Promise<Map<string, NegotiationState>>;
  /** Adds or replaces focal points (one per agency and email). */
  saveFocalPoints(roundId: string, focalPoints: readonly FocalPoint[]): Promise<void>;
  listFocalPoints(roundId: string): Promise<FocalPoint[]>;
}
