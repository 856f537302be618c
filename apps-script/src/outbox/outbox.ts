// The durable outbox: requests the API has not taken yet, queued for retry with exponential backoff, and
// the 'failed' list of requests the API refused for good (kept for a human). Sent by retry.ts.

import type { Log, PropertyStore } from '../ports';
import { type DeliveryDeps, truncate } from './delivery';
import { type EntryKind, PropertyQueue, type QueueEntry } from './property-queue';

export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 6 * 3600_000;

/** Delay before the next attempt after `attempts` failures: 1 min, doubling, capped at 6 h. */
export function backoffMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30), BACKOFF_CAP_MS);
}

export interface QueueDeps {
  props: PropertyStore;
  log: Log;
  now: DeliveryDeps['now'];
}

/** Queues a body for retry after a failed first attempt. If even that fails, the body goes to the log. */
export function enqueue(
  deps: QueueDeps,
  id: string,
  body: string,
  why: { status?: number; error: string },
  kind: EntryKind = 'proposal',
): void {
  const now = deps.now();
  const entry: QueueEntry = {
    id,
    kind,
    body,
    attempts: 1,
    queuedAt: now.toISOString(),
    nextAttemptAt: new Date(now.getTime() + backoffMs(1)).toISOString(),
    ...(why.status !== undefined ? { lastStatus: why.status } : {}),
    lastError: truncate(why.error, 500),
  };
  storeOrLog(deps, new PropertyQueue(deps.props, 'outbox'), entry);
}

/** Keeps a refused submission for a human to look at; never resent automatically. */
export function keepFailed(deps: QueueDeps, entry: QueueEntry): void {
  storeOrLog(deps, new PropertyQueue(deps.props, 'failed'), entry);
}

/** keepFailed for a body the API has just refused on its first attempt (the counterpart of enqueue). */
export function keepRefused(
  deps: QueueDeps,
  id: string,
  body: string,
  refusal: { status: number; body: string },
  kind?: EntryKind,
): void {
  const now = deps.now().toISOString();
  keepFailed(deps, {
    id,
    ...(kind ? { kind } : {}),
    body,
    attempts: 1,
    queuedAt: now,
    nextAttemptAt: now,
    lastStatus: refusal.status,
    lastError: truncate(refusal.body, 500),
  });
}

function storeOrLog(deps: QueueDeps, queue: PropertyQueue, entry: QueueEntry): void {
  try {
    queue.put(entry, deps.now());
  } catch (e) {
    // The property store is full: the execution log is the last durable place (the response itself also
    // stays in the Google Form, which the scheduled reconcile reads). Rethrow so the run shows as failed.
    deps.log.error(`${queue.name}: could not store ${entry.id}; body follows`, {
      error: String(e),
      body: entry.body,
    });
    throw e;
  }
}
