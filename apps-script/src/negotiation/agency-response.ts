// onAgencyResponse: an agency answered the agency-response form (its own installable form-submit trigger).
// The answer becomes one negotiation edit carrying the form response id, sent signed; the server applies
// each response id once, so a retried or twice-fired trigger changes nothing more. The form collects no
// name and no email. Not delivered: queued under the response id (a resend replaces it, never adds one).
import {
  AGENCY_FORM_QUESTIONS_BY_ID,
  positionFromAnswer,
} from '../../../shared/negotiation/google/agency-form-spec';
import type { NegotiationEdit } from '../../../shared/negotiation/negotiation-api';
import type { FormSubmitEventLike } from '../ports';
import { type NegotiationSyncDeps, refreshTab, sendNegotiations } from './negotiation-sync';

export interface AgencyResponseSummary {
  outcome: 'delivered' | 'duplicate' | 'queued' | 'refused' | 'failed' | 'ignored';
  responseId?: string;
  reason?: string;
}

/** The negotiation edit of an agency-form response, or why it is not one. */
export function agencyAnswer(e: FormSubmitEventLike): NegotiationEdit | { error: string } {
  const response = e.response;
  if (!response) return { error: 'the event has no form response' };
  const byTitle = new Map<string, string>();
  for (const item of response.getItemResponses()) {
    const v = item.getResponse();
    byTitle.set(item.getItem().getTitle(), Array.isArray(v) ? v.join(', ') : String(v ?? ''));
  }
  const answer = (id: keyof typeof AGENCY_FORM_QUESTIONS_BY_ID) =>
    (byTitle.get(AGENCY_FORM_QUESTIONS_BY_ID[id]) ?? '').trim();
  const commitmentId = answer('commitment_id');
  const agency = answer('agency').replace(/\s+/g, ' ');
  const position = positionFromAnswer(answer('position'));
  if (!/^[\w-]{1,100}$/.test(commitmentId)) return { error: `invalid commitment id «${commitmentId}»` };
  if (!agency || agency.length > 200) return { error: 'no agency' };
  if (!position) return { error: `unknown position «${answer('position')}»` };
  const changes = answer('changes');
  return {
    commitmentId,
    agency,
    actor: `${agency} (formulir tanggapan / response form)`.slice(0, 200),
    responseId: response.getId(),
    changes: [
      { field: 'position', to: position },
      { field: 'channel', to: 'form' },
      { field: 'respondedAt', to: new Date(response.getTimestamp().getTime()).toISOString() },
      ...(changes ? [{ field: 'note' as const, to: changes.slice(0, 3000) }] : []),
    ],
  };
}

export function handleAgencyResponse(
  deps: NegotiationSyncDeps,
  e: FormSubmitEventLike,
): AgencyResponseSummary {
  const edit = agencyAnswer(e);
  if ('error' in edit) {
    deps.log.error(`onAgencyResponse: not an agency answer: ${edit.error}`);
    return { outcome: 'ignored', reason: edit.error };
  }
  const responseId = edit.responseId as string;
  const sent = sendNegotiations(deps, `agency-${responseId}`, { edits: [edit] });
  if (sent.kind === 'queued') return { outcome: 'queued', responseId };
  if (sent.kind === 'failed') return { outcome: 'failed', responseId };
  const [result] = sent.answer.results;
  if (sent.answer.negotiations && deps.lock.tryLock(20_000)) {
    try {
      refreshTab(deps, sent.answer.negotiations);
    } finally {
      deps.lock.release();
    }
  }
  if (!result?.ok) {
    deps.log.error(`onAgencyResponse: ${responseId} refused`, {
      code: result && !result.ok ? result.code : 'none',
    });
    return { outcome: 'refused', responseId, reason: result && !result.ok ? result.code : 'no result' };
  }
  return { outcome: result.duplicate ? 'duplicate' : 'delivered', responseId };
}
