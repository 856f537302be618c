import { describe, expect, it } from '@jest/globals';
import { PROP } from '../../../../apps-script/src/config';
import { PropertyQueue } from '../../../../apps-script/src/outbox/property-queue';
import { type RetryDeps, retryOutbox } from '../../../../apps-script/src/outbox/retry';
import type { HttpRequest, SheetEdit } from '../../../../apps-script/src/ports';
import {
  handleReviewEdit,
  type ReviewEditDeps,
  UNKNOWN_ACTOR,
} from '../../../../apps-script/src/review/review-edit';
import { columnNumber } from '../../../../apps-script/src/review/review-layout';
import { ensureReviewSpreadsheet } from '../../../../apps-script/src/review/review-spreadsheet';
import { syncSheet } from '../../../../apps-script/src/review/review-sync';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { verifyRequest } from '../../../../shared/platform/signing';
import { initialReviewState, type ReviewState } from '../../../../shared/review/review';
import {
  applyReviewEdit,
  parseReviewEdits,
  type ReviewEditResult,
} from '../../../../shared/review/review-api';
import { DASHBOARD_TAB } from '../../../../shared/review/review-sheet';
import {
  configured,
  MemoryHttp,
  MemoryLock,
  MemoryLog,
  type MemorySheet,
  type MemorySpreadsheet,
  MemorySpreadsheets,
  memoryScriptDeps,
  nodeHmac,
  type Responder,
  SECRET,
} from '../in-memory-ports';

const C = (key: Parameters<typeof columnNumber>[0]) => columnNumber(key);
const NOW = '2026-11-26T03:00:00.000Z';
const IDS = ['p_00000000000000a1', 'p_00000000000000a2', 'p_00000000000000a3'];

function setup(responder: Responder = okFor()) {
  const props = configured();
  const sheets = new MemorySpreadsheets();
  const log = new MemoryLog();
  const lock = new MemoryLock();
  ensureReviewSpreadsheet({ props, sheets, log }, DEFAULT_ROUND);
  syncSheet({ props, sheets, lock, log }, DEFAULT_ROUND, {
    rows: IDS.map((id) => ({
      source: {
        id,
        title: `Usulan ${id}`,
        organisation: 'OMS',
        submittedAt: '2026-11-26T03:00:00Z',
        issues: [],
      },
      workingGroupId: 'gedsi',
      note: { id: 'Tersimpan di server', en: 'Stored by the server' },
    })),
  });
  const { deps, http } = memoryScriptDeps({ props, sheets, lock, http: new MemoryHttp(responder) });
  const d: ReviewEditDeps & RetryDeps = {
    ...deps,
    log,
    users: { activeEmail: () => '', effectiveEmail: () => '' },
  };
  const doc = sheets.open('ss-1') as MemorySpreadsheet;
  return { d, http, lock, props, doc, gedsi: doc.sheet('GEDSI') as MemorySheet };
}

/** Answers every edit as applied, with version + 1. */
function okFor(version = 2): Responder {
  return (req) => {
    const { edits } = parseReviewEdits(req.payload ?? '');
    const results: ReviewEditResult[] = edits.map((e) => ({
      proposalId: e.proposalId,
      ok: true,
      version,
      rebased: false,
      state: { ...initialReviewState(e.proposalId), version },
    }));
    return { status: 200, body: JSON.stringify({ results }) };
  };
}

/** A person types into cells, then the trigger fires. */
function edit(
  doc: MemorySpreadsheet,
  at: { sheet?: string; row: number; column: number },
  values: (string | number)[][],
  extra: Partial<SheetEdit> = {},
): SheetEdit {
  const sheet = doc.sheet(at.sheet ?? 'GEDSI') as MemorySheet;
  const single = values.length === 1 && values[0]?.length === 1;
  const old = single ? sheet.row(at.row)[at.column - 1] : undefined;
  sheet.write(at.row, at.column, values);
  return {
    spreadsheet: doc,
    sheetName: sheet.name,
    block: { row: at.row, column: at.column, numRows: values.length, numColumns: values[0]?.length ?? 0 },
    ...(old !== undefined && old !== '' ? { oldValue: String(old) } : {}),
    user: 'ana@example.org',
    ...extra,
  };
}

const posted = (req: HttpRequest | undefined) => parseReviewEdits(req?.payload ?? '');

describe('handleReviewEdit', () => {
  it('sends one signed POST /v1/reviews with the row version, the editor and the replaced value', () => {
    const { d, http, doc } = setup();
    const e = edit(doc, { row: 2, column: C('status') }, [['Sedang ditinjau / In review']]);
    expect(handleReviewEdit(d, e)).toEqual({ outcome: 'synced', edits: 1, ok: 1, refused: 0, status: 200 });
    expect(http.requests).toHaveLength(1);
    const [req] = http.requests;
    expect(req?.url).toBe('https://api.example.org/v1/reviews');
    expect(
      verifyRequest({
        headers: req?.headers ?? {},
        rawBody: req?.payload ?? '',
        nowSeconds: Date.parse('2026-11-26T03:00:00Z') / 1000,
        secrets: [SECRET],
        hmac: nodeHmac,
        target: { method: 'POST', path: '/v1/reviews' },
        v1AcceptedUntil: 0, // only a v2 signature (method and path covered) passes
      }).ok,
    ).toBe(true);
    expect(posted(req).edits).toEqual([
      {
        proposalId: IDS[0],
        expectedVersion: 1,
        actor: 'ana@example.org',
        changes: [{ field: 'status', from: 'submitted', to: 'in_review' }],
      },
    ]);
    expect(JSON.parse(req?.payload ?? '').requestId).toMatch(/^req-/);
  });

  it('writes the new version and a sync note back, and leaves the reviewer cells as typed', () => {
    const { d, doc, gedsi } = setup(okFor(3));
    const before = gedsi.writes;
    handleReviewEdit(d, edit(doc, { row: 3, column: C('status') }, [['Sedang ditinjau / In review']]));
    const row = gedsi.row(3);
    expect(row[C('version') - 1]).toBe(3);
    expect(row[C('syncNote') - 1]).toBe('Tersinkron v3 / Synced v3');
    expect(row[C('status') - 1]).toBe('Sedang ditinjau / In review');
    // The test's own typing is one write; the write-back is one per system column (version, sync note).
    expect(gedsi.writes - before).toBe(1 + 2);
  });

  it('turns a pasted block into one edit per row in one request, without from values', () => {
    const { d, http, doc, gedsi } = setup();
    gedsi.write(5, 1, [['']]);
    const e = edit(doc, { row: 2, column: C('scores.ogpRelevance') }, [
      [4, 3],
      [5, 2],
      [3, 3],
      [1, 1],
    ]);
    expect(handleReviewEdit(d, e)).toMatchObject({ outcome: 'synced', edits: 3 });
    expect(http.requests).toHaveLength(1);
    expect(posted(http.requests[0]).edits.map((x) => [x.proposalId, x.changes])).toEqual([
      [
        IDS[0],
        [
          { field: 'scores.ogpRelevance', to: 4 },
          { field: 'scores.specificity', to: 3 },
        ],
      ],
      [
        IDS[1],
        [
          { field: 'scores.ogpRelevance', to: 5 },
          { field: 'scores.specificity', to: 2 },
        ],
      ],
      [
        IDS[2],
        [
          { field: 'scores.ogpRelevance', to: 3 },
          { field: 'scores.specificity', to: 3 },
        ],
      ],
    ]);
  });

  it('sends only the review columns of an edit that also covers system columns', () => {
    const { d, http, doc } = setup();
    handleReviewEdit(d, edit(doc, { row: 2, column: C('validity') }, [['x', 'budi@example.org']]));
    expect(posted(http.requests[0]).edits[0]?.changes).toEqual([
      { field: 'reviewer', to: 'budi@example.org' },
    ]);
  });

  it.each([
    ['the header row', { row: 1, column: C('status') }],
    ['a system column', { row: 2, column: C('title') }],
    ['the dashboard', { sheet: DASHBOARD_TAB, row: 5, column: 2 }],
  ])('ignores an edit of %s and sends nothing', (_what, at) => {
    const { d, http, doc } = setup();
    expect(handleReviewEdit(d, edit(doc, at, [['x']])).outcome).toBe('ignored');
    expect(http.requests).toEqual([]);
  });

  it('ignores tabs it does not own, such as the form responses tab', () => {
    const { d, http, doc } = setup();
    doc.insertSheet('Form Responses 1', 9);
    expect(
      handleReviewEdit(d, edit(doc, { sheet: 'Form Responses 1', row: 2, column: 8 }, [['x']])).outcome,
    ).toBe('ignored');
    expect(http.requests).toEqual([]);
  });

  describe('reopening a final decision', () => {
    const WHY = 'Data baru dari K/L mengubah masalahnya (ilustratif)';
    /** The API's answer computed by the review domain over stored states (IDS[0] accepted at v3). */
    function server() {
      const accepted = {
        ...initialReviewState(IDS[0] as string),
        status: 'accepted' as const,
        reasonedResponse: 'Diterima: relevan dengan nilai OGP (ilustratif).',
        version: 3,
      };
      const states = new Map<string, ReviewState>([[accepted.proposalId, accepted]]);
      const responder: Responder = (req) => {
        const results = posted(req).edits.map((e) => {
          const r = applyReviewEdit(states.get(e.proposalId) ?? initialReviewState(e.proposalId), e, NOW);
          if (r.ok) states.set(e.proposalId, r.state);
          return r;
        });
        return { status: 200, body: JSON.stringify({ results }) };
      };
      return { responder, states };
    }
    const decided = (gedsi: MemorySheet) => {
      gedsi.write(2, C('version'), [[3]]);
      gedsi.write(2, C('status'), [['Diterima / Accepted']]);
      gedsi.write(2, C('reasonedResponse'), [[WHY]]);
    };

    it('sends "Dibuka kembali / Reopened" as a reopen with the reason cell as note, and shows the reopened row', () => {
      const api = server();
      const { d, http, doc, gedsi } = setup(api.responder);
      decided(gedsi);
      const e = edit(doc, { row: 2, column: C('status') }, [['Dibuka kembali / Reopened']]);
      expect(handleReviewEdit(d, e)).toMatchObject({ outcome: 'synced', ok: 1 });
      expect(posted(http.requests[0]).edits[0]).toMatchObject({
        expectedVersion: 3,
        changes: [{ field: 'status', from: 'accepted', to: 'in_review' }],
        reopen: true,
        note: WHY,
      });
      expect(api.states.get(IDS[0] as string)?.audit.at(-1)).toMatchObject({ action: 'reopen', note: WHY });
      const row = gedsi.row(2);
      expect([row[C('version') - 1], row[C('status') - 1], row[C('syncNote') - 1]]).toEqual([
        4,
        'Dibuka kembali / Reopened',
        'Dibuka kembali: Sedang ditinjau, tersinkron v4 / Reopened: In review, synced v4',
      ]);
    });

    it('tells on the row how to reopen when a reviewer changes a final decision directly', () => {
      const { d, doc, gedsi } = setup(server().responder);
      decided(gedsi);
      handleReviewEdit(d, edit(doc, { row: 2, column: C('status') }, [['Ditolak / Rejected']]));
      expect(gedsi.row(2)[C('syncNote') - 1]).toMatch(
        /Untuk membuka kembali di lembar ini: tulis alasannya di kolom «Tanggapan beralasan», lalu pilih «Dibuka kembali \/ Reopened» di kolom «Status» \/ .*To reopen it in this sheet: write why/,
      );
      expect(gedsi.row(2)[C('version') - 1]).toBe(3);
    });

    it('sends no reopen when only another cell of a reopened row changes', () => {
      const { d, http, doc, gedsi } = setup();
      gedsi.write(2, C('status'), [['Dibuka kembali / Reopened']]);
      handleReviewEdit(d, edit(doc, { row: 2, column: C('reviewer') }, [['Ana']]));
      expect(posted(http.requests[0]).edits[0]).not.toHaveProperty('reopen');
    });
  });

  describe('the review spreadsheet guard', () => {
    /** The same spreadsheet, counting how often its id is asked (Spreadsheet.getId() on Apps Script). */
    const counting = (doc: MemorySpreadsheet, id = doc.id) => {
      const asked = { n: 0 };
      const view = Object.create(doc, {
        id: {
          get: () => {
            asked.n++;
            return id;
          },
        },
      }) as MemorySpreadsheet;
      return { view, asked };
    };
    const record = (props: ReturnType<typeof setup>['props'], spreadsheetId: string, triggerId: string) =>
      props.set(PROP.reviewEditTrigger, JSON.stringify({ spreadsheetId, triggerId }));

    it('ignores an edit from a spreadsheet that is not the configured review spreadsheet', () => {
      const { d, http, doc } = setup();
      const { view } = counting(doc, 'ss-old');
      const e = edit(doc, { row: 2, column: C('reviewer') }, [['Ana']], { spreadsheet: view });
      expect(handleReviewEdit(d, e)).toMatchObject({
        outcome: 'ignored',
        reason: 'not the review spreadsheet',
      });
      expect(http.requests).toEqual([]);
    });

    it('knows the trigger setup installed by its id, without asking the spreadsheet its id', () => {
      const { d, http, doc, props } = setup();
      record(props, doc.id, 'trigger-9');
      const { view, asked } = counting(doc);
      const e = edit(doc, { row: 2, column: C('reviewer') }, [['Ana']], {
        spreadsheet: view,
        triggerId: 'trigger-9',
      });
      expect(handleReviewEdit(d, e).outcome).toBe('synced');
      expect(asked.n).toBe(0);
      expect(http.requests).toHaveLength(1);
    });

    it('asks the spreadsheet its id for any other trigger, and ignores one left on another spreadsheet', () => {
      const { d, http, doc, props } = setup();
      record(props, doc.id, 'trigger-9');
      const mine = counting(doc);
      const twin = edit(doc, { row: 2, column: C('reviewer') }, [['Ana']], {
        spreadsheet: mine.view,
        triggerId: 'other-user',
      });
      expect(handleReviewEdit(d, twin).outcome).toBe('synced');
      expect(mine.asked.n).toBe(1);
      const stale = counting(doc, 'ss-old').view;
      const e = edit(doc, { row: 2, column: C('reviewer') }, [['Budi']], {
        spreadsheet: stale,
        triggerId: 'old-trigger',
      });
      expect(handleReviewEdit(d, e).outcome).toBe('ignored');
      expect(http.requests).toHaveLength(1);
    });

    it('does not trust the recorded trigger once the configured spreadsheet changed', () => {
      const { d, http, doc, props } = setup();
      record(props, doc.id, 'trigger-9');
      props.set(PROP.spreadsheetId, 'ss-new');
      const e = edit(doc, { row: 2, column: C('reviewer') }, [['Ana']], { triggerId: 'trigger-9' });
      expect(handleReviewEdit(d, e).outcome).toBe('ignored');
      expect(http.requests).toEqual([]);
    });
  });

  it('falls back to the session user, then to an explicit unknown actor', () => {
    const { d, http, doc } = setup();
    const owner = 'sekretariat@example.org';
    d.users = { activeEmail: () => 'ana@example.org', effectiveEmail: () => owner };
    handleReviewEdit(d, edit(doc, { row: 2, column: C('reviewer') }, [['Ana']], { user: '' }));
    d.users = { activeEmail: () => '', effectiveEmail: () => owner };
    handleReviewEdit(d, edit(doc, { row: 2, column: C('reviewer') }, [['Budi']], { user: '' }));
    expect(http.requests.map((r) => posted(r).edits[0]?.actor)).toEqual(['ana@example.org', UNKNOWN_ACTOR]);
  });

  it('never attributes an edit to the trigger owner just because the session names them', () => {
    // In an installable trigger the script runs as its owner, and the session may name the owner rather
    // than the editor: that would credit every reviewer's edit to the secretariat.
    const { d, http, doc } = setup();
    const owner = 'sekretariat@example.org';
    d.users = { activeEmail: () => owner, effectiveEmail: () => owner };
    handleReviewEdit(d, edit(doc, { row: 2, column: C('reviewer') }, [['Citra']], { user: '' }));
    handleReviewEdit(d, edit(doc, { row: 2, column: C('reviewer') }, [['Dewi']], { user: owner }));
    expect(http.requests.map((r) => posted(r).edits[0]?.actor)).toEqual([UNKNOWN_ACTOR, owner]);
  });

  it('shows a conflict with the stored value next to the reviewer value, and keeps the reviewer cell', () => {
    const stored = { ...initialReviewState(IDS[0] as string), status: 'accepted' as const, version: 5 };
    const { d, doc, gedsi } = setup(() => ({
      status: 200,
      body: JSON.stringify({
        results: [
          {
            proposalId: IDS[0],
            ok: false,
            code: 'conflict',
            message: { id: 'Bentrok: status sudah diubah', en: 'Conflict: status changed' },
            state: stored,
            conflicts: [{ field: 'status', current: 'accepted', yours: 'rejected' }],
          },
        ],
      }),
    }));
    expect(
      handleReviewEdit(d, edit(doc, { row: 2, column: C('status') }, [['Ditolak / Rejected']])),
    ).toMatchObject({
      ok: 0,
      refused: 1,
    });
    const row = gedsi.row(2);
    expect(row[C('status') - 1]).toBe('Ditolak / Rejected');
    expect(row[C('version') - 1]).toBe(5);
    expect(row[C('syncNote') - 1]).toBe(
      'Bentrok: status sudah diubah. Status: tersimpan «Diterima / Accepted», Anda «Ditolak / Rejected» / ' +
        'Conflict: status changed. Status: stored «Diterima / Accepted», yours «Ditolak / Rejected»',
    );
  });

  it('keeps the edit in the outbox when the API is down, and retryOutbox sends it once and notes the result', () => {
    let up = false;
    const ok = okFor(2);
    const { d, http, doc, gedsi, props } = setup((req) => (up ? ok(req) : { status: 503, body: 'down' }));
    expect(
      handleReviewEdit(d, edit(doc, { row: 2, column: C('status') }, [['Sedang ditinjau / In review']])),
    ).toMatchObject({
      outcome: 'queued',
      status: 503,
    });
    const [head] = new PropertyQueue(props, 'outbox').heads();
    expect(head).toMatchObject({ kind: 'review', id: expect.stringMatching(/^review-/) });
    expect(gedsi.row(2)[C('syncNote') - 1]).toMatch(/^Belum tersinkron/);
    up = true;
    expect(retryOutbox(d, { force: true })).toMatchObject({ delivered: 1, stillQueued: 0 });
    expect(retryOutbox(d, { force: true })).toMatchObject({ attempted: 0 });
    expect(http.requests.map((r) => r.url)).toEqual([
      'https://api.example.org/v1/reviews',
      'https://api.example.org/v1/reviews',
    ]);
    expect(posted(http.requests[1]).edits[0]?.changes).toEqual([
      { field: 'status', from: 'submitted', to: 'in_review' },
    ]);
    expect(gedsi.row(2)[C('version') - 1]).toBe(2);
    expect(gedsi.row(2)[C('syncNote') - 1]).toBe('Tersinkron v2 / Synced v2');
  });

  it('keeps a request the API refuses as malformed in the failed list and says so on the row', () => {
    const { d, doc, gedsi, props } = setup(() => ({ status: 400, body: '{"error":{"code":"malformed"}}' }));
    expect(handleReviewEdit(d, edit(doc, { row: 2, column: C('reviewer') }, [['Ana']])).outcome).toBe(
      'failed',
    );
    expect(new PropertyQueue(props, 'failed').heads()).toEqual([expect.objectContaining({ kind: 'review' })]);
    expect(gedsi.row(2)[C('syncNote') - 1]).toBe(
      'Ditolak server (HTTP 400: malformed); perubahan tidak disimpan, lihat log skrip / ' +
        'Refused by the server (HTTP 400: malformed); change not saved, see the script log',
    );
  });

  it('queues the edit without touching the sheet while another execution holds the lock', () => {
    const { d, http, doc, gedsi, props, lock } = setup();
    const e = edit(doc, { row: 2, column: C('reviewer') }, [['Ana']]);
    const writes = gedsi.writes;
    lock.heldElsewhere = true;
    expect(handleReviewEdit(d, e)).toEqual({ outcome: 'queued', edits: 1 });
    expect(http.requests).toEqual([]);
    expect(gedsi.writes).toBe(writes);
    expect(new PropertyQueue(props, 'outbox').size()).toBe(1);
  });
});
