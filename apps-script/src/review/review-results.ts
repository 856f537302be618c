// What POST /v1/reviews answered, and how it shows in the sheet: each edited row gets the version the
// server now holds and a sync note ("Tersinkron v3 / Synced v3", or the bilingual refusal, with the stored
// value next to the reviewer's for a conflict). Only the version and sync-note cells are written: the
// reviewer's own cells keep what they typed, even when it was refused.
import { bilingual, type Text } from '../../../shared/platform/i18n';
import { REOPEN_LABEL, STATUS_LABELS } from '../../../shared/review/lifecycle';
import type { FieldValue } from '../../../shared/review/review';
import type { ReviewEditResult, ReviewEditsBody } from '../../../shared/review/review-api';
import {
  fieldCell,
  REVIEW_COLUMNS,
  type ReviewField,
  refusalInSheet,
} from '../../../shared/review/review-sheet';
import type { Delivery } from '../outbox/delivery';
import type { ReviewBook } from './review-book';

/** The per-edit results of a 200 answer `{ results: [...] }`; undefined when the body is not one. */
export function parseReviewResults(body: string): ReviewEditResult[] | undefined {
  let json: { results?: unknown };
  try {
    json = JSON.parse(body) as { results?: unknown };
  } catch {
    return undefined;
  }
  if (!Array.isArray(json?.results)) return undefined;
  return json.results.filter(
    (r): r is ReviewEditResult =>
      typeof r === 'object' && r !== null && typeof r.proposalId === 'string' && typeof r.ok === 'boolean',
  );
}

const fieldLabel = (field: ReviewField): Text =>
  REVIEW_COLUMNS.find((c) => c.key === field)?.header ?? { id: field, en: field };

const shown = (field: ReviewField, v: FieldValue) => {
  const cell = fieldCell(field, v);
  return cell === '' ? '—' : String(cell);
};

/** Whether the server's last audit event, at the version it answered, reopened the decision. */
function reopened(r: ReviewEditResult & { ok: true }): boolean {
  const last = Array.isArray(r.state?.audit) ? r.state.audit[r.state.audit.length - 1] : undefined;
  return last?.action === 'reopen' && last.version === r.version;
}

/** The sync note of one result. */
export function resultNote(r: ReviewEditResult): Text {
  if (r.ok && reopened(r)) {
    const status = STATUS_LABELS[r.state.status] ?? { id: r.state.status, en: r.state.status };
    return {
      id: `${REOPEN_LABEL.id}: ${status.id}, tersinkron v${r.version}`,
      en: `${REOPEN_LABEL.en}: ${status.en}, synced v${r.version}`,
    };
  }
  if (r.ok) return { id: `Tersinkron v${r.version}`, en: `Synced v${r.version}` };
  const message = refusalInSheet(
    isText(r.message) ? r.message : { id: r.code, en: r.code },
    r.code,
    r.state?.status,
  );
  const conflicts = Array.isArray(r.conflicts) ? r.conflicts : [];
  if (!conflicts.length) return message;
  const id = conflicts
    .map(
      (c) =>
        `${fieldLabel(c.field).id}: tersimpan «${shown(c.field, c.current)}», Anda «${shown(c.field, c.yours)}»`,
    )
    .join('; ');
  const en = conflicts
    .map(
      (c) =>
        `${fieldLabel(c.field).en}: stored «${shown(c.field, c.current)}», yours «${shown(c.field, c.yours)}»`,
    )
    .join('; ');
  return { id: `${message.id}. ${id}`, en: `${message.en}. ${en}` };
}

function isText(t: unknown): t is Text {
  return typeof (t as Text)?.id === 'string' && typeof (t as Text)?.en === 'string';
}

/** The version the server holds after this result, when it says. */
export function resultVersion(r: ReviewEditResult): number | undefined {
  if (r.ok) return r.version;
  return typeof r.state?.version === 'number' ? r.state.version : undefined;
}

export interface NoteForRows {
  proposalIds: readonly string[];
  note: Text;
}

/**
 * Writes each result's version and note to its proposal's row in the book (found by proposal id, so a
 * row the reviewer moved or sorted is still found). Returns the ids it found no row for.
 */
export function applyReviewResults(book: ReviewBook, results: readonly ReviewEditResult[]): string[] {
  const where = book.index();
  const missing: string[] = [];
  for (const r of results) {
    const at = where.get(r.proposalId);
    if (!at) {
      missing.push(r.proposalId);
      continue;
    }
    const version = resultVersion(r);
    if (version !== undefined) at.tab.set(at.index, 'version', version);
    at.tab.set(at.index, 'syncNote', bilingual(resultNote(r)));
  }
  return missing;
}

/** The same note on several rows (queued, refused by the server as a whole). */
export function noteRows(book: ReviewBook, rows: NoteForRows): void {
  const where = book.index();
  for (const id of rows.proposalIds) {
    const at = where.get(id);
    if (at) at.tab.set(at.index, 'syncNote', bilingual(rows.note));
  }
}

export const QUEUED_NOTE: Text = {
  id: 'Belum tersinkron (server tidak terjangkau); akan dikirim ulang otomatis',
  en: 'Not synced yet (server unreachable); will be resent automatically',
};

function refusedNote(status: number, body: string): Text {
  let code = '';
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown } }).error;
    if (typeof error?.code === 'string') code = `: ${error.code}`;
  } catch {
    // not JSON: the status says enough
  }
  return {
    id: `Ditolak server (HTTP ${status}${code}); perubahan tidak disimpan, lihat log skrip`,
    en: `Refused by the server (HTTP ${status}${code}); change not saved, see the script log`,
  };
}

/** The proposal ids a stored review body is about. */
export function editedProposalIds(rawBody: string): string[] {
  try {
    const body = JSON.parse(rawBody) as ReviewEditsBody;
    return Array.isArray(body?.edits)
      ? body.edits.map((e) => String(e?.proposalId ?? '')).filter(Boolean)
      : [];
  } catch {
    return [];
  }
}

/** What the sheet should show after one POST /v1/reviews attempt. */
export function reviewSheetChanges(
  rawBody: string,
  delivery: Delivery,
): { results: ReviewEditResult[]; notes: NoteForRows[] } {
  const proposalIds = editedProposalIds(rawBody);
  switch (delivery.kind) {
    case 'delivered': {
      const results = parseReviewResults(delivery.body);
      if (results) return { results, notes: [] };
      return {
        results: [],
        notes: [
          {
            proposalIds,
            note: {
              id: `Jawaban server tidak terbaca (HTTP ${delivery.status}); periksa ulang baris ini`,
              en: `Unreadable server answer (HTTP ${delivery.status}); check this row again`,
            },
          },
        ],
      };
    }
    case 'retry':
      return { results: [], notes: [{ proposalIds, note: QUEUED_NOTE }] };
    case 'invalid':
    case 'rejected':
      return { results: [], notes: [{ proposalIds, note: refusedNote(delivery.status, delivery.body) }] };
  }
}
