// The port for the proposer-notification ledger: one conditional claim per event, so each email goes out
// once (DynamoDB and in-memory implementations in adapters/notification-ledger.ts). `claimedKeys` lets a
// run skip what was sent before with one read instead of one refused conditional write per event.

export interface NotificationLedger {
  /** Records that this event's email is being sent; false when it was claimed before. */
  claim(roundId: string, key: string, atIso: string): Promise<boolean>;
  /**
   * The keys claimed so far in this round. It may miss a claim made a moment ago (a concurrent run): only
   * `claim` decides, so a missed key costs one refused write, never a second email.
   */
  claimedKeys(roundId: string): Promise<Set<string>>;
  /** Undoes a claim whose send failed. */
  release(roundId: string, key: string): Promise<void>;
}
