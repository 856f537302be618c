// A circuit breaker in front of the API. While the API cannot be reached, every fetch may hang for about
// a minute before it fails, and trigger runtime is rationed (90 minutes a day on a consumer account,
// developers.google.com/apps-script/guides/services/quotas): a 24-hour outage must not use it up, or
// onFormSubmit stops too. So the first network failure opens the breaker: the run stops, later scheduled
// runs send nothing until a pause has passed (20 minutes, doubling, at most 6 hours), and submissions go
// straight to the outbox meanwhile. Any answer from the API (even an error status) closes it again.
// The state is one Script Property, shared by every execution and every trigger set.
import type { PropertyStore } from '../ports';
import { type Delivery, type DeliveryDeps, type Endpoint, postSigned } from './delivery';

export const BREAKER_PROP = 'COCREATE_OUTBOX_BREAKER';
export const FIRST_PAUSE_MS = 20 * 60_000;
export const MAX_PAUSE_MS = 6 * 3600_000;

interface BreakerState {
  /** Network failures in a row. */
  failures: number;
  openUntil: string;
}

function read(props: PropertyStore): BreakerState | null {
  try {
    const s = JSON.parse(props.get(BREAKER_PROP) ?? 'null') as BreakerState | null;
    return s && typeof s.failures === 'number' && typeof s.openUntil === 'string' ? s : null;
  } catch {
    return null;
  }
}

/** The pause after this many network failures in a row. */
export function pauseMs(failures: number): number {
  return Math.min(FIRST_PAUSE_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)), MAX_PAUSE_MS);
}

/** When the breaker is open: until when (ISO); otherwise null. */
export function openUntil(props: PropertyStore, now: Date): string | null {
  const s = read(props);
  return s && Date.parse(s.openUntil) > now.getTime() ? s.openUntil : null;
}

/** A network failure (no answer at all): open the breaker for the next pause. */
export function recordUnreachable(props: PropertyStore, now: Date): string {
  const failures = (read(props)?.failures ?? 0) + 1;
  const until = new Date(now.getTime() + pauseMs(failures)).toISOString();
  try {
    props.set(BREAKER_PROP, JSON.stringify({ failures, openUntil: until } satisfies BreakerState));
  } catch {
    // A full store only costs the pause, never a submission.
  }
  return until;
}

export function recordReached(props: PropertyStore): void {
  if (props.get(BREAKER_PROP) !== null) props.delete(BREAKER_PROP);
}

/** True when the delivery failed without any answer from the API (DNS, refused, timeout). */
export const unreachable = (d: Delivery): boolean => d.kind === 'retry' && d.status === undefined;

/**
 * postSigned behind the breaker: while it is open nothing is sent (unless `force`, a person asking now)
 * and the caller gets a retry; afterwards the breaker learns from the outcome.
 */
export function guardedPost(
  deps: DeliveryDeps & { props: PropertyStore },
  endpoint: Endpoint,
  path: string,
  rawBody: string,
  options: { force?: boolean } = {},
): Delivery {
  const until = openUntil(deps.props, deps.now());
  if (until && !options.force)
    return { kind: 'retry', error: `API unreachable earlier; circuit open until ${until}` };
  const delivery = postSigned(deps, endpoint, path, rawBody);
  if (unreachable(delivery)) recordUnreachable(deps.props, deps.now());
  else recordReached(deps.props);
  return delivery;
}
