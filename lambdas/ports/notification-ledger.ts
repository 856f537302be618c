// The port for the proposer-notification ledger: one conditional claim per event, so each email goes out
// once (DynamoDB and in-memory implementations in adapters/notification-ledger.ts).

export interface NotificationLedger {
  /** Records that this event's email is being sent; false when it was claimed before. */
  claim(roundId: string, key: string, atIso: string): Promise<boolean>;
  /** Undoes a claim whose send failed. */
  release(roundId: string, key: string): Promise<void>;
}
