// Talking to POST /v1/negotiations from Apps Script: send edits or an agency answer (signed, through the
// circuit breaker), keep them in the outbox when the API cannot be reached, and refresh the negotiation
// tab from the server's answer (`list: true`), which also catches anything a push missed.
import { ROUTES } from '../../../shared/definitions/routes';
import { NEGOTIATION_TAB } from '../../../shared/negotiation/google/negotiation-sheet';
import type { NegotiationState } from '../../../shared/negotiation/negotiation';
import type { NegotiationEdit, NegotiationEditResult } from '../../../shared/negotiation/negotiation-api';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import { readScriptConfig } from '../config';
import { guardedPost } from '../outbox/circuit-breaker';
import { type Delivery, type DeliveryDeps, truncate } from '../outbox/delivery';
import { enqueue, keepRefused, type QueueDeps } from '../outbox/outbox';
import type { ScriptLock, SpreadsheetsPort } from '../ports';
import { openReviewSpreadsheet } from '../review/review-spreadsheet';
import { AGENCY_FORM_LINK_PROP, ensureNegotiationTab, writeNegotiationRows } from './negotiation-tab';

export const NEGOTIATIONS_PATH =
  ROUTES.find((r) => r.function === 'negotiations')?.path ?? '/v1/negotiations';
export const REFRESH_LOCK_MS = 20_000;

export interface NegotiationSyncDeps extends QueueDeps, DeliveryDeps {
  sheets: SpreadsheetsPort;
  lock: ScriptLock;
}

export interface NegotiationAnswer {
  results: NegotiationEditResult[];
  negotiations?: NegotiationState[];
}

export function parseNegotiationAnswer(body: string): NegotiationAnswer | undefined {
  try {
    const json = JSON.parse(body) as NegotiationAnswer;
    return Array.isArray(json?.results) ? json : undefined;
  } catch {
    return undefined;
  }
}

export type SendOutcome =
  | { kind: 'delivered'; answer: NegotiationAnswer; status: number }
  | { kind: 'queued'; status?: number }
  | { kind: 'failed'; status: number };

/**
 * Sends a body (edits, with `list: true` so the tab can be refreshed from the same answer). Not delivered:
 * queued under `id` (an agency answer's id is its response id, so a resend replaces it); refused as
 * malformed: kept in the failed list for a human.
 */
export function sendNegotiations(
  deps: NegotiationSyncDeps,
  id: string,
  body: { edits: NegotiationEdit[] },
): SendOutcome {
  const raw = JSON.stringify({ ...body, list: true });
  const config = readScriptConfig(deps.props);
  if (!config.ok) {
    enqueue(
      deps,
      id,
      raw,
      { error: `configuration incomplete: ${config.problems.map((p) => p.en).join('; ')}` },
      'negotiation',
    );
    return { kind: 'queued' };
  }
  const delivery: Delivery = guardedPost(deps, config.config, NEGOTIATIONS_PATH, raw);
  switch (delivery.kind) {
    case 'delivered': {
      const answer = parseNegotiationAnswer(delivery.body);
      if (answer) return { kind: 'delivered', answer, status: delivery.status };
      deps.log.error('negotiations: unreadable answer', { body: truncate(delivery.body, 500) });
      return { kind: 'failed', status: delivery.status };
    }
    case 'retry':
      deps.log.warn(`negotiations: not delivered; queued as ${id}`, { error: delivery.error });
      enqueue(
        deps,
        id,
        raw,
        { ...(delivery.status !== undefined ? { status: delivery.status } : {}), error: delivery.error },
        'negotiation',
      );
      return { kind: 'queued', ...(delivery.status !== undefined ? { status: delivery.status } : {}) };
    case 'invalid':
    case 'rejected':
      deps.log.error(`negotiations: refused (${delivery.status}); kept in the failed list as ${id}`, {
        response: truncate(delivery.body, 1000),
      });
      keepRefused(deps, id, raw, delivery, 'negotiation');
      return { kind: 'failed', status: delivery.status };
  }
}

/** The sync note of one result. */
export function negotiationNote(r: NegotiationEditResult): Text {
  if (r.ok)
    return r.duplicate
      ? { id: `Sudah tercatat v${r.version}`, en: `Already recorded v${r.version}` }
      : { id: `Tersinkron v${r.version}`, en: `Synced v${r.version}` };
  const conflicts = r.conflicts ?? [];
  const extra = conflicts.length
    ? {
        id: `. ${conflicts.map((c) => `${c.field}: tersimpan «${c.current ?? '—'}», Anda «${c.yours ?? '—'}»`).join('; ')}`,
        en: `. ${conflicts.map((c) => `${c.field}: stored «${c.current ?? '—'}», yours «${c.yours ?? '—'}»`).join('; ')}`,
      }
    : { id: '', en: '' };
  return { id: `${r.message.id}${extra.id}`, en: `${r.message.en}${extra.en}` };
}

/** Rewrites the negotiation tab from the states of an answer; the caller holds the script lock. */
export function refreshTab(
  deps: NegotiationSyncDeps,
  states: readonly NegotiationState[],
  notes = new Map<string, string>(),
): number {
  const doc = openReviewSpreadsheet(deps);
  if (!doc) return 0;
  const sheet = doc.sheet(NEGOTIATION_TAB) ?? ensureNegotiationTab(doc, 999);
  const written = writeNegotiationRows(sheet, states, deps.props.get(AGENCY_FORM_LINK_PROP) ?? '', notes);
  return written;
}

/** Whether the negotiation tab has rows (then retryOutbox keeps it current). */
export function negotiationTabInUse(deps: Pick<NegotiationSyncDeps, 'props' | 'sheets' | 'log'>): boolean {
  try {
    const doc = openReviewSpreadsheet(deps);
    return (doc?.sheet(NEGOTIATION_TAB)?.lastRow() ?? 0) > 1;
  } catch (e) {
    deps.log.warn('negotiations: review spreadsheet not readable', { error: String(e) });
    return false;
  }
}

/** Asks the server for every commitment's negotiation and rewrites the tab (setup, retryOutbox, the menu). */
export function refreshNegotiationTab(
  deps: NegotiationSyncDeps,
  options: { locked?: boolean } = {},
): number | null {
  if (!options.locked && !deps.lock.tryLock(REFRESH_LOCK_MS)) return null;
  try {
    const config = readScriptConfig(deps.props);
    if (!config.ok) return null;
    const delivery = guardedPost(
      deps,
      config.config,
      NEGOTIATIONS_PATH,
      JSON.stringify({ edits: [], list: true }),
    );
    if (delivery.kind !== 'delivered') {
      deps.log.warn('negotiations: tab not refreshed (API not reached)', { delivery: delivery.kind });
      return null;
    }
    const answer = parseNegotiationAnswer(delivery.body);
    return answer?.negotiations ? refreshTab(deps, answer.negotiations) : null;
  } finally {
    if (!options.locked) deps.lock.release();
  }
}

export const NEGOTIATION_QUEUED: Text = {
  id: 'Belum tersinkron (server tidak terjangkau); akan dikirim ulang otomatis',
  en: 'Not synced yet (server unreachable); will be resent automatically',
};

export const noteText = (t: Text) => bilingual(t);
