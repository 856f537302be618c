import { describe, expect, it } from '@jest/globals';
import { handleFormSubmit, type SubmitDeps } from '../../../../apps-script/src/ingest/ingest';
import { parseIngestReply, submissionRow } from '../../../../apps-script/src/ingest/ingest-reply';
import { retryOutbox } from '../../../../apps-script/src/outbox/retry';
import type { FormSubmitEventLike } from '../../../../apps-script/src/ports';
import { columnNumber } from '../../../../apps-script/src/review/review-layout';
import { ensureReviewSpreadsheet } from '../../../../apps-script/src/review/review-spreadsheet';
import { formSpec } from '../../../../shared/definitions/form-spec';
import type { WorkingGroup } from '../../../../shared/definitions/round';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { answersToTitles } from '../../../../shared/ingest/answers';
import { proposalId } from '../../../../shared/ingest/proposal';
import { tabName } from '../../../../shared/review/review-sheet';
import {
  configured,
  MemoryHttp,
  MemoryLog,
  type MemorySheet,
  MemorySpreadsheets,
  memoryScriptDeps,
  type Responder,
} from '../in-memory-ports';

const spec = formSpec(DEFAULT_ROUND);
const cell = (row: unknown[], key: Parameters<typeof columnNumber>[0]) => row[columnNumber(key) - 1];

function event(
  responseId: string,
  answers: Record<string, string | string[]>,
  at = '2026-11-26T03:15:00Z',
): FormSubmitEventLike {
  const byTitle = answersToTitles(spec, answers);
  return {
    response: {
      getId: () => responseId,
      getTimestamp: () => new Date(at),
      getEditResponseUrl: () => `https://docs.google.com/forms/d/e/x/viewform?edit2=${responseId}`,
      getItemResponses: () =>
        Object.entries(byTitle).map(([t, a]) => ({
          getItem: () => ({ getTitle: () => t }),
          getResponse: () => a,
        })),
    },
  };
}

function setup(responder: Responder) {
  const props = configured();
  const sheets = new MemorySpreadsheets();
  const log = new MemoryLog();
  ensureReviewSpreadsheet({ props, sheets, log }, DEFAULT_ROUND);
  const { deps, http, clock } = memoryScriptDeps({ props, sheets, http: new MemoryHttp(responder) });
  return { d: deps as SubmitDeps, http, clock, gedsi: sheets.open('ss-1').sheet('GEDSI') as MemorySheet };
}

const answers = {
  title: 'Data anggaran desa terbuka',
  organisation: 'Yayasan Contoh',
  working_group: 'gedsi',
};

describe('parseIngestReply', () => {
  it('reads the id, result, revision and issues of a 201 and of a 422', () => {
    const issue = { code: 'required', field: 'title', message: { id: 'Wajib', en: 'Required' } };
    expect(
      parseIngestReply(201, JSON.stringify({ id: 'p_1', result: 'create', revision: 1, issues: [] })),
    ).toEqual({
      id: 'p_1',
      result: 'create',
      revision: 1,
      issues: [],
    });
    expect(
      parseIngestReply(
        422,
        JSON.stringify({
          error: { code: 'invalid_proposal', details: { id: 'p_2', issues: [issue, { junk: 1 }] } },
        }),
      ),
    ).toEqual({ id: 'p_2', issues: [issue] });
    expect(parseIngestReply(502, '<html>Bad gateway</html>')).toBeUndefined();
  });
});

describe('submissionRow', () => {
  it('uses the same proposal id as the API and validates locally when the API did not answer', () => {
    const body = { responseId: 'resp-9', submittedAt: '2026-11-26T03:15:00.000Z', answers };
    const { row, issues } = submissionRow(body, DEFAULT_ROUND, 'queued');
    expect(row.source.id).toBe(proposalId(DEFAULT_ROUND.id, 'resp-9'));
    expect(row.workingGroupId).toBe('gedsi');
    expect(issues.map((i) => i.code)).toContain('required');
    expect(row.note.en).toBe('Not yet sent to the server; will be resent automatically');
  });
});

describe('onFormSubmit and the review sheet', () => {
  it('writes the delivered proposal into its working group tab with the issues the API found', () => {
    const reply = { id: 'p_00000000000000aa', result: 'create', revision: 1, valid: true, issues: [] };
    const { d, gedsi } = setup(() => ({ status: 201, body: JSON.stringify(reply) }));
    expect(handleFormSubmit(d, event('resp-1', answers))).toMatchObject({
      outcome: 'delivered',
      proposalId: 'p_00000000000000aa',
      row: 'written',
    });
    const row = gedsi.row(2);
    expect(cell(row, 'proposalId')).toBe('p_00000000000000aa');
    expect(cell(row, 'validity')).toBe('Lengkap / Complete');
    expect(cell(row, 'syncNote')).toBe('Tersimpan di server / Stored by the server');
  });

  it('writes a queued proposal with its local validation, and retryOutbox updates the note once sent', () => {
    let up = false;
    const { d, gedsi } = setup(() =>
      up ? { status: 201, body: '{"result":"create","issues":[]}' } : { status: 503, body: 'down' },
    );
    expect(handleFormSubmit(d, event('resp-2', answers))).toMatchObject({
      outcome: 'queued',
      row: 'written',
    });
    expect(cell(gedsi.row(2), 'validity')).toMatch(/^Perlu perbaikan \(\d+\) \/ Needs fixes/);
    expect(cell(gedsi.row(2), 'syncNote')).toMatch(/^Belum terkirim/);
    up = true;
    expect(retryOutbox(d, { force: true })).toMatchObject({ delivered: 1, rows: 'written' });
    expect(gedsi.lastRow()).toBe(2);
    expect(cell(gedsi.row(2), 'syncNote')).toBe('Tersimpan di server / Stored by the server');
    expect(cell(gedsi.row(2), 'validity')).toBe('Lengkap / Complete');
  });

  it('says in the sync note that the submitter revised the proposal', () => {
    const { d, gedsi } = setup(() => ({ status: 200, body: '{"result":"revise","revision":2,"issues":[]}' }));
    handleFormSubmit(d, event('resp-3', answers));
    expect(cell(gedsi.row(2), 'syncNote')).toBe(
      'Diperbarui oleh pengusul (revisi 2) / Updated by the submitter (revision 2)',
    );
  });

  it('still reports the delivery when the sheet cannot be written', () => {
    const { d, gedsi } = setup(() => ({ status: 201, body: '{}' }));
    gedsi.write(2, 1, [['p_something']]);
    // A new row's tab is not read (only its last row is needed), so the failure is in the write.
    gedsi.read = gedsi.write = () => {
      throw new Error('Service Spreadsheets failed');
    };
    expect(handleFormSubmit(d, event('resp-4', answers))).toMatchObject({
      outcome: 'delivered',
      row: 'pending',
    });
  });

  it('finds a resubmitted row by one search, moves it to its new group with the reviewer cells, and reads no other tab', () => {
    const { d, gedsi } = setup(() => ({ status: 200, body: '{"result":"revise","revision":2,"issues":[]}' }));
    const doc = (d.sheets as MemorySpreadsheets).open('ss-1');
    handleFormSubmit(d, event('resp-5', answers));
    gedsi.write(2, columnNumber('reviewer'), [['Peninjau A (fiktif)']]);
    const reads = new Map(doc.tabs.map((t) => [t.name, t.reads]));
    // The respondent edits the response: same id, a later timestamp.
    const moved = handleFormSubmit(
      d,
      event('resp-5', { ...answers, working_group: 'legal-aid-justice' }, '2026-11-26T04:00:00Z'),
    );
    expect(moved.row).toBe('written');
    const legal = doc.sheet(tabName(DEFAULT_ROUND.workingGroups[1] as WorkingGroup)) as MemorySheet;
    expect(gedsi.lastRow()).toBe(1);
    expect(cell(legal.row(2), 'proposalId')).toBe(moved.proposalId);
    expect(cell(legal.row(2), 'reviewer')).toBe('Peninjau A (fiktif)');
    const readAgain = doc.tabs.filter((t) => t.reads > (reads.get(t.name) ?? 0)).map((t) => t.name);
    expect(readAgain).toEqual(['GEDSI']);
  });
});
