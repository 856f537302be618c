// How a negotiation is stored: one bounded item (current state, CSO and latest text, the last events) and its
// history as items of their own (every event, every text revision, each meeting, each applied answer id).

import { keys } from '../../../shared/definitions/table';
import {
  latestText,
  type Meeting,
  type NegotiationEvent,
  type NegotiationState,
} from '../../../shared/negotiation/negotiation';
import { auditTail } from '../../../shared/review/review';

/** Marks an item written with its history in items of its own (items before it hold everything inline). */
const LAYOUT = 'historyItems';

/** The negotiation item: the texts cut to the CSO and the latest one, the audit to its tail, no meetings. */
export function negotiationItem(roundId: string, state: NegotiationState): Record<string, unknown> {
  const { meetings, texts, audit, ...rest } = state;
  const latest = latestText(state);
  const first = texts[0];
  return {
    ...rest,
    ...keys.negotiation(roundId, state.commitmentId),
    texts: first && first.revision !== latest.revision ? [first, latest] : [latest],
    audit: auditTail(audit),
    meetingCount: meetings.length,
    [LAYOUT]: true,
  };
}

/** Whether an item keeps its history in items of its own (false: an item written before, all inline). */
export const hasHistoryItems = (item: Record<string, unknown>) => item[LAYOUT] === true;

/** The state an item holds; its meetings come from their own items (legacy items hold them inline). */
export function negotiationFromItem(item: Record<string, unknown>, meetings?: Meeting[]): NegotiationState {
  const { pk: _pk, sk: _sk, meetingCount: _count, [LAYOUT]: _layout, ...state } = item;
  const out = state as unknown as NegotiationState;
  return meetings ? { ...out, meetings: sortMeetings(meetings) } : out;
}

export const meetingCountOf = (item: Record<string, unknown>) => Number(item.meetingCount ?? 0);

export const sortMeetings = (meetings: Meeting[]) =>
  meetings.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

/**
 * The history items a save writes: the events after `expectedVersion`, the text revision and meetings they
 * changed, and a marker per agency-form answer they applied. `everything`: all the state carries (a new
 * negotiation, or one read from an item that held its history inline).
 */
export function historyItemsOf(
  roundId: string,
  state: NegotiationState,
  expectedVersion: number,
  everything: boolean,
): Record<string, unknown>[] {
  const { commitmentId } = state;
  const events = everything ? state.audit : state.audit.filter((e) => e.version > expectedVersion);
  const changed = (test: (field: string) => boolean) =>
    events.flatMap((e) => e.changes.filter((c) => test(c.field)).map((c) => String(c.to)));
  const touched = new Set(changed((f) => f === 'meeting'));
  const texts = everything
    ? state.texts
    : changed((f) => f.startsWith('text.')).length
      ? [latestText(state)]
      : [];
  const meetings = everything
    ? state.meetings
    : state.meetings.filter((m) => touched.has(`${m.date} ${m.type}`));
  return [
    ...events.map((event) => ({
      ...keys.negotiationEvent(roundId, commitmentId, event.version),
      commitmentId,
      event,
    })),
    ...texts.map((text) => ({
      ...keys.negotiationText(roundId, commitmentId, text.revision),
      commitmentId,
      text,
    })),
    ...meetings.map((meeting) => ({
      ...keys.negotiationMeeting(roundId, commitmentId, meeting.id),
      commitmentId,
      meeting,
    })),
    ...events
      .filter((e): e is NegotiationEvent & { responseId: string } => Boolean(e.responseId))
      .map((e) => ({
        ...keys.negotiationAnswer(roundId, commitmentId, e.responseId),
        commitmentId,
        responseId: e.responseId,
        version: e.version,
      })),
  ];
}
