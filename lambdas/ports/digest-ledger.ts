// Which digests went out: one claim per period and audience, so a digest is sent once, with the summary
// the next digest compares against (adapters: the DynamoDB and in-memory proposal stores).
import type { DigestSummary, PreviousDigest } from '../../shared/digest/digest-model';

export interface DigestLedger {
  /**
   * Records (conditionally: once per period and audience) that a digest is being sent, with its summary
   * counts, which the next digest compares against. False when this period's digest was already claimed.
   */
  claimDigest(
    roundId: string,
    period: string,
    audience: string,
    atIso: string,
    summary?: DigestSummary,
  ): Promise<boolean>;
  /** Undoes a claim whose send failed. */
  releaseDigest(roundId: string, period: string, audience: string): Promise<void>;
  /** The latest claimed digest of an audience that recorded a summary; undefined before the first one. */
  lastDigestSummary(roundId: string, audience: string): Promise<PreviousDigest | undefined>;
}
