// Retrying an optimistic write that lost a race: full-jitter exponential backoff, so writers that
// collided spread out instead of colliding again (aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).

/** Attempts before a conflict is given to the client (Lambda's timeout bounds the total wait long before). */
export const MAX_CONFLICT_ATTEMPTS = 12;
const BASE_MS = 10;
const CAP_MS = 400;

/** The wait before attempt `attempt` (2, 3, ...): a random time up to BASE * 2^(attempt-2), capped. */
export function conflictBackoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 2)));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
