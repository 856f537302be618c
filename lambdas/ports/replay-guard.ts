// Refusing replayed requests: every accepted signature is recorded once (adapters: the DynamoDB and
// in-memory proposal stores, which keep nonces in the same table).

export interface ReplayGuard {
  /** Records a request signature; false when it was seen before (a replay). */
  claimNonce(signature: string, expiresAtEpochSeconds: number): Promise<boolean>;
}
