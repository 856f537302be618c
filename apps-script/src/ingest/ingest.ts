// onFormSubmit: turn the form-submit event into the ingest body, send it signed, and make sure it is either
// stored by the API, kept in the outbox for retry, or kept in the failed list: never dropped.

import { type FormSpec, formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { answersByTitle, answersFromNamedValues, titleIndex } from '../../../shared/ingest/answers';
import type { SubmissionBody } from '../../../shared/ingest/ingest';
import { parseTimestamp } from '../../../shared/ingest/locale-parse';
import { stableHash } from '../../../shared/platform/hash';
import { DEFAULT_MAIL_RESERVE, readScriptConfig } from '../config';
import { claim } from '../dedupe';
import { guardedPost } from '../outbox/circuit-breaker';
import { type DeliveryDeps, PROPOSALS_PATH, truncate } from '../outbox/delivery';
import { enqueue, keepRefused, type QueueDeps } from '../outbox/outbox';
import type { FormSubmitEventLike, MailPort } from '../ports';
import { type RouteOutcome, type SheetDeps, syncSheet } from '../review/review-sync';
import { confirmationJob, type MailOutcome, sendConfirmation } from './confirmation-mail';
import {
  type SubmitOutcome as DeliveredOutcome,
  type IngestReply,
  parseIngestReply,
  submissionRow,
} from './ingest-reply';

export interface BuiltSubmission {
  body: SubmissionBody;
  /** Item titles that matched no question of the spec (reported, never an error). */
  unknownTitles: string[];
}

/** Column headers a response spreadsheet adds in front of the questions (English and Indonesian UI). */
const TIMESTAMP_COLUMNS = ['Timestamp', 'Stempel waktu'];
const EMAIL_COLUMNS = ['Email Address', 'Alamat email'];

/** Builds the POST /v1/proposals body from a form-submit event (a form trigger, or a sheet trigger). */
export function submissionFromEvent(e: FormSubmitEventLike, spec: FormSpec, now: Date): BuiltSubmission {
  if (e.response) return fromFormResponse(e.response, spec);
  if (e.namedValues) return fromNamedValues(e, spec, now);
  throw new Error('onFormSubmit: the event has neither e.response nor e.namedValues');
}

function fromFormResponse(
  response: NonNullable<FormSubmitEventLike['response']>,
  spec: FormSpec,
): BuiltSubmission {
  const byTitle: Record<string, string | string[]> = {};
  for (const item of response.getItemResponses())
    byTitle[item.getItem().getTitle()] = answerValue(item.getResponse());
  const { answers, unknownTitles } = answersByTitle(spec, byTitle, titleIndex(spec));
  // With "collect email addresses" on, the address comes with the response rather than as a question.
  const respondent = typeof response.getRespondentEmail === 'function' ? response.getRespondentEmail() : '';
  if (!answers.email && respondent) answers.email = respondent;
  const editUrl = String(response.getEditResponseUrl?.() ?? '');
  return {
    body: {
      responseId: response.getId(),
      submittedAt: new Date(response.getTimestamp().getTime()).toISOString(),
      source: 'form',
      ...(/^https:\/\/\S+$/.test(editUrl) ? { editUrl } : {}),
      answers,
    },
    unknownTitles,
  };
}

function fromNamedValues(e: FormSubmitEventLike, spec: FormSpec, now: Date): BuiltSubmission {
  const named: Record<string, string[] | undefined> = {};
  let timestamp = e.values?.[0] ?? '';
  let respondent = '';
  for (const [title, value] of Object.entries(e.namedValues ?? {})) {
    if (TIMESTAMP_COLUMNS.includes(title)) timestamp = value?.[0] ?? timestamp;
    else if (EMAIL_COLUMNS.includes(title)) respondent = value?.[0] ?? '';
    else named[title] = value;
  }
  const { answers, unknownTitles } = answersFromNamedValues(spec, named);
  if (!answers.email && respondent) answers.email = respondent;
  const submittedAt = parseTimestamp(timestamp) ?? now.toISOString();
  const email = typeof answers.email === 'string' ? answers.email.trim().toLowerCase() : '';
  // A sheet trigger carries no response id: derive a stable one from what identifies the row.
  const responseId = `sheet_${stableHash(`${submittedAt}|${email}`)}`;
  return { body: { responseId, submittedAt, source: 'form', answers }, unknownTitles };
}

/** getResponse() gives a string, a string[] (checkboxes) or a string[][] (grids). */
function answerValue(raw: unknown): string | string[] {
  if (Array.isArray(raw)) {
    return raw.map((v) =>
      Array.isArray(v) ? v.filter((x) => x != null).join(', ') : v == null ? '' : String(v),
    );
  }
  return raw == null ? '' : String(raw);
}

export interface SubmitDeps extends QueueDeps, DeliveryDeps, SheetDeps {
  mail: MailPort;
}

/** What became of a submission; 'duplicate': a twin trigger (another user's set) already handled it. */
export type SubmitOutcome = DeliveredOutcome | 'duplicate';

export interface SubmitResult {
  responseId: string;
  outcome: SubmitOutcome;
  status?: number;
  unknownTitles: string[];
  /** The proposal id (the API's, or the same one computed locally when it did not answer). */
  proposalId?: string;
  /** What happened to the proposal's row in the review spreadsheet. */
  row?: RouteOutcome['kind'];
  /** What happened to the confirmation email. */
  mail?: MailOutcome;
}

/** The whole of onFormSubmit, on ports. Throws only when not even the outbox can keep the submission. */
export function handleFormSubmit(deps: SubmitDeps, e: FormSubmitEventLike): SubmitResult {
  const config = readScriptConfig(deps.props);
  const round = config.ok ? config.config.round : DEFAULT_ROUND;
  const { body, unknownTitles } = submissionFromEvent(e, formSpec(round), deps.now());
  // An edited response keeps its id and gets a new timestamp: each version is handled once.
  if (!claim(deps, `submit|${body.responseId}|${body.submittedAt}`, deps.now())) {
    deps.log.info(`onFormSubmit: ${body.responseId} already handled by another trigger`);
    return { responseId: body.responseId, outcome: 'duplicate', unknownTitles };
  }
  const result = deliver(deps, config, body, unknownTitles);
  // The proposal is safe now (stored, queued or kept); the sheet row and the email are views of it and
  // must not fail the run.
  let summary = result.summary;
  let evaluated: ReturnType<typeof submissionRow> | undefined;
  try {
    evaluated = submissionRow(body, round, result.outcome, result.reply, result.status);
    const routed = syncSheet(deps, round, { rows: [evaluated.row] });
    summary = { ...summary, proposalId: evaluated.row.source.id, row: routed.kind };
  } catch (err) {
    deps.log.error(`onFormSubmit: ${body.responseId} row not written`, { error: String(err) });
  }
  if (evaluated && shouldConfirm(result.outcome, result.reply)) {
    try {
      const job = confirmationJob({
        responseId: body.responseId,
        to: evaluated.email,
        title: evaluated.row.source.title,
        issues: evaluated.issues,
        ...(body.editUrl ? { editUrl: body.editUrl } : {}),
        queued: result.outcome === 'queued',
      });
      const reserve = config.ok ? config.config.mailReserve : DEFAULT_MAIL_RESERVE;
      summary = { ...summary, mail: sendConfirmation(deps, job, reserve) };
    } catch (err) {
      deps.log.error(`onFormSubmit: ${body.responseId} confirmation not sent`, { error: String(err) });
    }
  }
  return summary;
}

/** A first submission or an edit is confirmed; a duplicate firing, an older copy or a refusal is not. */
function shouldConfirm(outcome: DeliveredOutcome, reply?: IngestReply): boolean {
  if (outcome === 'queued') return true;
  if (outcome === 'failed') return false;
  return reply?.result !== 'unchanged' && reply?.result !== 'stale';
}

function deliver(
  deps: SubmitDeps,
  config: ReturnType<typeof readScriptConfig>,
  body: SubmissionBody,
  unknownTitles: string[],
): { summary: SubmitResult; outcome: DeliveredOutcome; status?: number; reply?: IngestReply } {
  const raw = JSON.stringify(body);
  const id = body.responseId;
  const done = (outcome: DeliveredOutcome, status?: number, reply?: IngestReply) => ({
    outcome,
    ...(status !== undefined ? { status } : {}),
    ...(reply ? { reply } : {}),
    summary: { responseId: id, outcome, ...(status !== undefined ? { status } : {}), unknownTitles },
  });
  if (unknownTitles.length)
    deps.log.warn(`onFormSubmit: ${id} has questions the spec does not know`, { unknownTitles });
  if (!config.ok) {
    const error = `configuration incomplete: ${config.problems.map((p) => p.en).join('; ')}`;
    deps.log.error(`onFormSubmit: ${id} queued, ${error}`);
    enqueue(deps, id, raw, { error });
    return done('queued');
  }
  // While the API is known to be down this queues at once instead of hanging on the network.
  const delivery = guardedPost(deps, config.config, PROPOSALS_PATH, raw);
  switch (delivery.kind) {
    case 'delivered':
      deps.log.info(`onFormSubmit: ${id} delivered (${delivery.status})`);
      return done('delivered', delivery.status, parseIngestReply(delivery.status, delivery.body));
    case 'invalid':
      deps.log.warn(`onFormSubmit: ${id} stored but not valid (422)`, {
        response: truncate(delivery.body, 2000),
      });
      return done('invalid', delivery.status, parseIngestReply(delivery.status, delivery.body));
    case 'rejected': {
      deps.log.error(`onFormSubmit: ${id} refused (${delivery.status}); kept in the failed list`, {
        response: truncate(delivery.body, 2000),
      });
      keepRefused(deps, id, raw, delivery);
      return done('failed', delivery.status);
    }
    case 'retry':
      deps.log.warn(`onFormSubmit: ${id} not delivered; queued for retry`, { error: delivery.error });
      enqueue(deps, id, raw, {
        ...(delivery.status !== undefined ? { status: delivery.status } : {}),
        error: delivery.error,
      });
      return done('queued', delivery.status);
  }
}
