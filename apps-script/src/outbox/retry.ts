// retryOutbox: sends what the outbox holds, then writes the review spreadsheet rows and results of what
// was sent (one batch) and the confirmation emails that had waited for mail quota.

import type { RoundConfig } from '../../../shared/definitions/round';
import type { SubmissionBody } from '../../../shared/ingest/ingest';
import type { NegotiationState } from '../../../shared/negotiation/negotiation';
import { bilingual } from '../../../shared/platform/i18n';
import type { ReviewEditResult } from '../../../shared/review/review-api';
import { readScriptConfig } from '../config';
import { sendDeferredConfirmations } from '../ingest/confirmation-mail';
import { parseIngestReply, submissionRow } from '../ingest/ingest-reply';
import {
  NEGOTIATIONS_PATH,
  negotiationTabInUse,
  parseNegotiationAnswer,
  refreshNegotiationTab,
  refreshTab,
} from '../negotiation/negotiation-sync';
import type { MailPort } from '../ports';
import { type NoteForRows, reviewSheetChanges } from '../review/review-results';
import type { ProposalRowUpdate } from '../review/review-rows';
import { type RouteOutcome, type SheetDeps, syncSheet } from '../review/review-sync';
import { guardedPost, openUntil, unreachable } from './circuit-breaker';
import { type Delivery, type DeliveryDeps, PROPOSALS_PATH, REVIEWS_PATH, truncate } from './delivery';
import { backoffMs, keepFailed, type QueueDeps } from './outbox';
import { PropertyQueue, type QueueEntry } from './property-queue';

/** Script lock wait for a retry run; a run that cannot get it leaves the work to the one holding it. */
export const RETRY_LOCK_MS = 30_000;
/** Stop starting new sends after this, well inside the 6-minute execution limit. */
export const RETRY_BUDGET_MS = 4 * 60_000;

export interface RetryDeps extends QueueDeps, DeliveryDeps, SheetDeps {
  mail: MailPort;
}

export interface RetrySummary {
  /** False when another execution held the lock (nothing was done). */
  ran: boolean;
  attempted: number;
  delivered: number;
  invalid: number;
  failed: number;
  stillQueued: number;
  swept: number;
  /** Rows written to the review spreadsheet for the proposals sent (and rows left pending earlier). */
  rows?: RouteOutcome['kind'];
  /** Confirmation emails that had waited for quota and went out now. */
  mailsSent?: number;
  /** Set when the config is unusable (nothing was sent). */
  configProblem?: string;
  /** Set while the circuit breaker is open: a scheduled run sends nothing until then. */
  pausedUntil?: string;
  /** Rows of the negotiation tab rewritten from the server (absent when not refreshed). */
  negotiationRows?: number;
}

/**
 * Sends due outbox entries one at a time: read, sign afresh, send, and only then delete. A run killed at
 * any point loses nothing; it may resend one entry, which the API absorbs (idempotent by responseId).
 * `force` sends every entry now (the menu item); the time-driven trigger only sends those that are due.
 */
export function retryOutbox(
  deps: RetryDeps,
  options: { force?: boolean; budgetMs?: number } = {},
): RetrySummary {
  const summary: RetrySummary = {
    ran: false,
    attempted: 0,
    delivered: 0,
    invalid: 0,
    failed: 0,
    stillQueued: 0,
    swept: 0,
  };
  // Checked first, so a paused run costs one property read (trigger runtime is rationed).
  const paused = options.force ? null : openUntil(deps.props, deps.now());
  if (paused) {
    deps.log.info(`retryOutbox: API unreachable earlier; paused until ${paused}`);
    return { ...summary, pausedUntil: paused };
  }
  if (!deps.lock.tryLock(RETRY_LOCK_MS)) {
    deps.log.info('retryOutbox: another execution holds the lock; leaving the work to it');
    return summary;
  }
  summary.ran = true;
  const outbox = new PropertyQueue(deps.props, 'outbox');
  try {
    const started = deps.now().getTime();
    summary.swept = outbox.sweep(deps.now()) + new PropertyQueue(deps.props, 'failed').sweep(deps.now());
    const config = readScriptConfig(deps.props);
    if (!config.ok) {
      summary.configProblem = config.problems.map((p) => p.en).join('; ');
      deps.log.warn(`retryOutbox: not sending, configuration is incomplete: ${summary.configProblem}`);
      return summary;
    }
    const rows: ProposalRowUpdate[] = [];
    let sentNegotiation = false;
    let negotiationStates: NegotiationState[] | undefined;
    const results: ReviewEditResult[] = [];
    const notes: NoteForRows[] = [];
    for (const head of outbox.heads()) {
      const now = deps.now();
      if (now.getTime() - started > (options.budgetMs ?? RETRY_BUDGET_MS)) break;
      if (!options.force && Date.parse(head.nextAttemptAt) > now.getTime()) continue;
      const entry = outbox.read(head.id);
      if (entry === null) continue;
      if ('incomplete' in entry) {
        deps.log.error(`retryOutbox: ${head.id} lost a part; moved to the failed list`);
        keepFailed(deps, {
          ...entry.incomplete,
          body: '',
          lastError: 'outbox entry incomplete (a part is missing)',
        });
        outbox.remove(head.id, entry.incomplete.stamp);
        continue;
      }
      summary.attempted++;
      const post = (path: string) => guardedPost(deps, config.config, path, entry.body, { force: true });
      let delivery: Delivery;
      if (entry.kind === 'negotiation') {
        sentNegotiation = true;
        // The tab is rewritten from the server below, with whatever this resend changed.
        delivery = post(NEGOTIATIONS_PATH);
        if (delivery.kind === 'delivered')
          negotiationStates = parseNegotiationAnswer(delivery.body)?.negotiations ?? negotiationStates;
        settle(deps, outbox, entry, delivery, summary);
      } else if (entry.kind === 'review') {
        delivery = post(REVIEWS_PATH);
        settle(deps, outbox, entry, delivery, summary);
        const shown = reviewSheetChanges(entry.body, delivery);
        results.push(...shown.results);
        notes.push(...shown.notes);
      } else {
        delivery = post(PROPOSALS_PATH);
        settle(deps, outbox, entry, delivery, summary);
        const row = rowAfterRetry(entry.body, config.config.round, delivery);
        if (row) rows.push(row);
      }
      // No answer at all: the API is down (the breaker is now open); every further fetch would hang too.
      if (unreachable(delivery)) {
        summary.pausedUntil = openUntil(deps.props, deps.now()) ?? undefined;
        break;
      }
    }
    // One batch for every row and result, under the lock this run already holds.
    summary.rows = syncSheet(deps, config.config.round, { rows, results, notes }, { locked: true }).kind;
    summary.mailsSent = sendDeferredConfirmations(deps, config.config.mailReserve);
    // The pull: the negotiation tab from the server's state (agency answers, edits made elsewhere), once
    // the tab is in use (it has rows, filled by the menu item or an edit) or a negotiation was resent.
    if (negotiationStates) summary.negotiationRows = refreshTab(deps, negotiationStates);
    else if (!summary.pausedUntil && (sentNegotiation || negotiationTabInUse(deps)))
      summary.negotiationRows = refreshNegotiationTab(deps, { locked: true }) ?? undefined;
  } finally {
    summary.stillQueued = outbox.size();
    deps.lock.release();
  }
  deps.log.info('retryOutbox: done', summary);
  return summary;
}

/** What a by-hand run did, for the person who asked (Bahasa Indonesia / English). */
export function retrySummaryText(s: RetrySummary): string {
  if (!s.ran)
    return bilingual({
      id: 'Pengiriman lain sedang berjalan; coba lagi sebentar lagi',
      en: 'Another run is sending right now; try again shortly',
    });
  if (s.configProblem)
    return bilingual({
      id: `Antrean tidak dikirim, pengaturan belum lengkap: ${s.configProblem}`,
      en: `Outbox not sent, the settings are incomplete: ${s.configProblem}`,
    });
  const down = s.pausedUntil
    ? {
        id: ` API tidak dapat dihubungi; dicoba lagi setelah ${s.pausedUntil}.`,
        en: ` The API cannot be reached; next try after ${s.pausedUntil}.`,
      }
    : { id: '', en: '' };
  return bilingual({
    id: `Antrean: ${s.attempted} dicoba, ${s.delivered} terkirim, ${s.invalid} tersimpan tetapi belum lengkap, ${s.failed} ditolak; ${s.stillQueued} masih menunggu.${down.id}`,
    en: `Outbox: ${s.attempted} tried, ${s.delivered} delivered, ${s.invalid} stored but incomplete, ${s.failed} refused; ${s.stillQueued} still waiting.${down.en}`,
  });
}

/** The sheet row of a proposal the API has now answered for; none while it stays queued. */
function rowAfterRetry(
  rawBody: string,
  round: RoundConfig,
  delivery: Delivery,
): ProposalRowUpdate | undefined {
  if (delivery.kind === 'retry') return undefined;
  let body: SubmissionBody;
  try {
    body = JSON.parse(rawBody) as SubmissionBody;
  } catch {
    return undefined;
  }
  if (typeof body?.responseId !== 'string' || typeof body.answers !== 'object') return undefined;
  const outcome = delivery.kind === 'rejected' ? 'failed' : delivery.kind;
  const reply = delivery.kind === 'rejected' ? undefined : parseIngestReply(delivery.status, delivery.body);
  return submissionRow(body, round, outcome, reply, delivery.status).row;
}

function settle(
  deps: RetryDeps,
  outbox: PropertyQueue,
  entry: QueueEntry & { stamp: string },
  delivery: Delivery,
  summary: RetrySummary,
): void {
  const id = entry.id;
  // Only a submission is stored when it is not valid (422 with its issues); a 422 on an edit is a refusal.
  if (delivery.kind === 'invalid' && (entry.kind ?? 'proposal') !== 'proposal')
    delivery = { ...delivery, kind: 'rejected' };
  switch (delivery.kind) {
    case 'delivered':
      summary.delivered++;
      outbox.remove(id, entry.stamp);
      return;
    case 'invalid':
      summary.invalid++;
      deps.log.warn(`retryOutbox: ${id} stored but not valid (422)`, {
        response: truncate(delivery.body, 2000),
      });
      outbox.remove(id, entry.stamp);
      return;
    case 'rejected':
      summary.failed++;
      deps.log.error(`retryOutbox: ${id} refused (${delivery.status}); kept in the failed list`, {
        response: truncate(delivery.body, 2000),
      });
      keepFailed(deps, {
        ...entry,
        attempts: entry.attempts + 1,
        lastStatus: delivery.status,
        lastError: truncate(delivery.body, 500),
      });
      outbox.remove(id, entry.stamp);
      return;
    case 'retry': {
      const attempts = entry.attempts + 1;
      const next = new Date(deps.now().getTime() + backoffMs(attempts)).toISOString();
      deps.log.warn(`retryOutbox: ${id} not delivered (attempt ${attempts}); next at ${next}`, {
        error: delivery.error,
      });
      outbox.update(id, entry.stamp, {
        attempts,
        nextAttemptAt: next,
        lastError: truncate(delivery.error, 500),
        lastStatus: delivery.status,
      });
    }
  }
}
