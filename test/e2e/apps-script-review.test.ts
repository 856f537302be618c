import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startCaptureServer } from '../../infra/apps-script-sim/capture-server';
import { type FormSubmitEventArgs, formSubmitEvent } from '../../infra/apps-script-sim/events';
import { loadAppsScript } from '../../infra/apps-script-sim/load';
import { createAppsScriptServices } from '../../infra/apps-script-sim/services';
import { allQuestions, formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import { NEGOTIATION_TAB } from '../../shared/negotiation/google/negotiation-sheet';
import { parseReviewEdits } from '../../shared/review/review-api';
import { DASHBOARD_TAB, headerRow, REVIEW_COLUMNS, UNASSIGNED_TAB } from '../../shared/review/review-sheet';
import { CODE, ensureBuilt, useBuiltAppsScript, verifySigned } from '../support/built-apps-script';

const SECRET = 'e2e-review-secret-0123456789abcdef';
type Properties = { deleteProperty(key: string): void };
const spec = formSpec(DEFAULT_ROUND);
const col = (key: string) => REVIEW_COLUMNS.findIndex((c) => c.key === key);

function submission(responseId: string, answers: Record<string, string | string[]>): FormSubmitEventArgs {
  return {
    responseId,
    timestamp: '2026-11-26T03:15:00Z',
    shape: 'form',
    answersByTitle: answersToTitles(spec, {
      organisation: 'Yayasan Keterbukaan',
      email: 'ana@example.org',
      working_group: 'gedsi',
      ...answers,
    }),
  };
}

const ingestReply = (id: string, issues: unknown[] = []) =>
  JSON.stringify({ id, result: 'create', revision: 1, valid: issues.length === 0, issues });

beforeAll(ensureBuilt);

describe('the review spreadsheet, through the built bundle', () => {
  const built = useBuiltAppsScript(SECRET);

  it('is created once by setup, however often it runs: tabs, header, validation, protection, dashboard', () => {
    built.app.call('setup');
    built.app.call('setup');
    expect(built.sim.triggers().map((t) => t.handler)).toEqual([
      'onFormSubmit',
      'retryOutbox',
      'onReviewEdit',
    ]);
    const books = built.sim.spreadsheets();
    // The review spreadsheet, and the secretariat's intake spreadsheet that the responses go to.
    expect(books).toHaveLength(2);
    expect(built.sim.properties().COCREATE_SPREADSHEET_ID).toBe(books[0]?.id);
    expect(built.sim.properties().COCREATE_INTAKE_SPREADSHEET_ID).toBe(books[1]?.id);
    expect(books[1]?.sheets.map((s) => s.name)).toEqual(['Form Responses 1', 'Tentang / About']);
    expect(books[0]?.sheets.map((s) => s.name)).toEqual([
      DASHBOARD_TAB,
      ...DEFAULT_ROUND.workingGroups.map((g) => g.name.id),
      UNASSIGNED_TAB,
      NEGOTIATION_TAB,
    ]);
    const gedsi = built.sim.sheet('GEDSI');
    expect(gedsi?.values).toEqual([headerRow()]);
    expect(gedsi?.frozenRows).toBe(1);
    expect(gedsi?.columnWidths[3]).toBe(320);
    expect(gedsi?.validations.map((v) => [v.a1, v.criteria, v.allowInvalid])).toEqual([
      ['H2:H1000', 'VALUE_IN_LIST', false],
      ['I2:I1000', 'CUSTOM_FORMULA', false],
      ['J2:J1000', 'CUSTOM_FORMULA', false],
      ['K2:K1000', 'CUSTOM_FORMULA', false],
      ['L2:L1000', 'CUSTOM_FORMULA', false],
      ['N2:N1000', 'CUSTOM_FORMULA', false],
    ]);
    expect(gedsi?.protections.map((p) => [p.a1, p.warningOnly])).toEqual([
      ['A1:P1', true],
      ['A2:F1000', true],
      ['O2:P1000', true],
    ]);
    expect(
      gedsi?.conditionalFormats.find((f) => f.whenTextEqualTo === 'Ditolak / Rejected')?.format,
    ).toMatchObject({
      strikethrough: true,
    });
    const dash = built.sim.sheet(DASHBOARD_TAB);
    expect(dash?.charts).toHaveLength(1);
    expect(dash?.formulas[4]?.[1]).toBe(`=COUNTIF('Anti Korupsi & Anggaran'!$H$2:$H,"Diajukan / Submitted")`);
  });

  it('builds the form from the spec once, however often setup runs, with responses to the intake spreadsheet', () => {
    built.app.call('setup');
    const first = built.sim.forms();
    built.app.call('setup');
    const [form, ...others] = built.sim.forms();
    expect(others).toEqual([]);
    expect(form?.items.map((i) => i.id)).toEqual(first[0]?.items.map((i) => i.id));
    expect(form?.items).toHaveLength(allQuestions(spec).length + spec.sections.length);
    expect(form).toMatchObject({
      collectEmail: false,
      requireLogin: false,
      allowResponseEdits: true,
      destinationId: built.sim.properties().COCREATE_INTAKE_SPREADSHEET_ID,
      confirmation: expect.stringMatching(/^Terima kasih\. .* \/ Thank you\./),
    });
    const byTitle = (re: RegExp) => form?.items.find((i) => re.test(i.title));
    expect(byTitle(/^Email narahubung/)).toMatchObject({
      type: 'TEXT',
      required: true,
      validation: { kind: 'text', rule: 'requireTextIsEmail' },
    });
    expect(byTitle(/^Masalah publik/)).toMatchObject({
      type: 'PARAGRAPH_TEXT',
      validation: { rule: 'requireTextLengthLessThanOrEqualTo', args: [5000] },
    });
    expect(byTitle(/^Kelompok kerja/)?.choices).toHaveLength(DEFAULT_ROUND.workingGroups.length);
    expect(byTitle(/^Tonggak 1: tanggal mulai/)).toMatchObject({ type: 'DATE', required: true });
    expect(form?.items.filter((i) => i.type === 'PAGE_BREAK')).toHaveLength(spec.sections.length - 1);
    expect(built.sim.triggers()[0]).toMatchObject({ handler: 'onFormSubmit', sourceId: form?.id });
  });

  it('puts a submission in its working group tab, with a formula-looking title kept as text', async () => {
    built.app.call('setup');
    await built.server.respondWith({ status: 201, body: ingestReply('p_00000000000000f1') });
    const result = built.app.call(
      'onFormSubmit',
      formSubmitEvent(submission('resp-formula', { title: '=HYPERLINK("http://evil.example","klik")' })),
    );
    expect(result).toMatchObject({ outcome: 'delivered', row: 'written' });
    const gedsi = built.sim.sheet('GEDSI');
    expect(gedsi?.values[1]?.[col('proposalId')]).toBe('p_00000000000000f1');
    expect(gedsi?.values[1]?.[col('title')]).toBe('=HYPERLINK("http://evil.example","klik")');
    expect(gedsi?.formulas[1]?.every((f) => f === '')).toBe(true);
    expect(gedsi?.values[1]?.[col('status')]).toBe('Diajukan / Submitted');
    // The IRM pre-check, as hints in its own (system) column of the working group's tab.
    expect(gedsi?.values[1]?.[col('irmCheck')]).toMatch(
      /^Belum dapat diverifikasi \/ Not verifiable: Belum ada K\/L pelaksana utama \/ No lead agency/,
    );
    expect(gedsi?.values[0]?.[col('irmCheck')]).toBe('Pra-periksa IRM (petunjuk) / IRM pre-check (hints)');
    const dash = built.sim.sheet(DASHBOARD_TAB);
    expect(dash?.values[8]?.slice(0, 2)).toEqual([
      'GEDSI / Gender Equality, Disability & Social Inclusion',
      1,
    ]);
  });

  it('emails the submitter a bilingual confirmation with what to fix and the edit link', async () => {
    built.app.call('setup');
    const issues = [
      {
        code: 'required',
        field: 'problem',
        message: { id: 'Wajib diisi: <Masalah>', en: 'Required: <Problem>' },
      },
    ];
    await built.server.respondWith({ status: 201, body: ingestReply('p_00000000000000f4', issues) });
    const result = built.app.call(
      'onFormSubmit',
      formSubmitEvent(submission('resp-mail', { title: 'Anggaran <desa>' })),
    );
    expect(result).toMatchObject({ mail: 'sent' });
    expect(built.sim.mails).toHaveLength(1);
    const [mail] = built.sim.mails;
    expect(mail).toMatchObject({
      to: 'ana@example.org',
      subject: 'Usulan diterima: Anggaran <desa> / Proposal received: Anggaran <desa>',
      name: 'OGP Cocreate',
    });
    expect(mail?.body).toMatch(/^Terima kasih\. Usulan Anda “Anggaran <desa>” telah diterima\./);
    expect(mail?.body).toContain('- Required: <Problem>');
    expect(mail?.htmlBody).toContain('<li>Wajib diisi: &lt;Masalah&gt;</li>');
    expect(mail?.htmlBody).toContain(
      'href="https://docs.google.com/forms/d/e/sim-form-1/viewform?edit2=resp-mail"',
    );
  });

  it('routes into a tab of ~1,000 rows with the same number of reads and writes as into an empty one', async () => {
    built.app.call('setup');
    await built.server.setDefault({ status: 201, body: ingestReply('p_00000000000000f2') });
    const count = () => ({
      reads: built.sim.calls.count('Range.getValues'),
      writes: built.sim.calls.count('Range.setValues'),
      cellReads: built.sim.calls.count('Range.getValue'),
      cellWrites: built.sim.calls.count('Range.setValue'),
    });
    built.sim.calls.reset();
    built.app.call('onFormSubmit', formSubmitEvent(submission('resp-first', { title: 'Pertama' })));
    const small = count();
    built.sim.seedCells({
      sheet: 'GEDSI',
      row: 3,
      column: 1,
      // Rows 3..992 of the sheet's 1,000: the new row still fits (growing the sheet is tested on its own).
      values: Array.from({ length: 990 }, (_, i) => [
        `p_1${i.toString(16).padStart(15, '0')}`,
        1,
        `Usulan ${i}`,
      ]),
    });
    built.sim.calls.reset();
    await built.server.setDefault({ status: 201, body: ingestReply('p_00000000000000f3') });
    built.app.call('onFormSubmit', formSubmitEvent(submission('resp-second', { title: 'Kedua' })));
    const large = count();
    expect(large.writes).toBe(small.writes);
    // A new proposal's tab is not read at all: one search finds no row of it, and it goes after the last.
    expect(large.reads).toBe(small.reads);
    expect([large.cellReads, large.cellWrites]).toEqual([0, 0]);
    expect(built.sim.sheet('GEDSI')?.values[992]?.[col('proposalId')]).toBe('p_00000000000000f3');
    await built.server.setDefault({ status: 201, body: '{"ok":true}' });
  });
});

describe('a reviewer edit, through the built bundle', () => {
  const built = useBuiltAppsScript(SECRET);
  const ID = 'p_00000000000000e1';
  const STATUS = col('status') + 1;

  beforeEach(async () => {
    built.app.call('setup');
    await built.server.respondWith({ status: 201, body: ingestReply(ID) });
    built.app.call(
      'onFormSubmit',
      formSubmitEvent(submission(`resp-${Math.random()}`, { title: 'Anggaran terbuka' })),
    );
    seen = (await built.server.requests()).length;
  });

  /** The /v1/reviews requests of this test (the server is shared by the tests of this block). */
  let seen = 0;
  const reviews = async () =>
    (await built.server.requests()).slice(seen).filter((r) => r.path === '/v1/reviews');
  const row = () => built.sim.sheet('GEDSI')?.values[1] ?? [];
  const answer = (results: unknown[]) => ({ status: 200, body: JSON.stringify({ results }) });
  const applied = (version: number) => ({
    proposalId: ID,
    ok: true,
    version,
    rebased: false,
    state: { proposalId: ID, status: 'in_review', version },
  });

  it('posts one signed /v1/reviews request and writes back the version and a sync note', async () => {
    await built.server.respondWith(answer([applied(2)]));
    const event = built.sim.userEdit({
      sheet: 'GEDSI',
      row: 2,
      column: STATUS,
      values: [['Sedang ditinjau / In review']],
      user: 'peninjau@example.org',
    });
    expect(event).toMatchObject({ oldValue: 'Diajukan / Submitted', value: 'Sedang ditinjau / In review' });
    built.sim.calls.reset();
    expect(built.app.call('onReviewEdit', event)).toMatchObject({ outcome: 'synced', edits: 1, ok: 1 });
    const [req, ...more] = await reviews();
    expect(more).toEqual([]);
    expect(verifySigned(req, SECRET).ok).toBe(true);
    expect(parseReviewEdits(req?.body ?? '').edits).toEqual([
      {
        proposalId: ID,
        expectedVersion: 1,
        actor: 'peninjau@example.org',
        changes: [{ field: 'status', from: 'submitted', to: 'in_review' }],
      },
    ]);
    expect(row()[col('version')]).toBe(2);
    expect(row()[col('syncNote')]).toBe('Tersinkron v2 / Synced v2');
    expect(row()[col('status')]).toBe('Sedang ditinjau / In review');
    expect(built.sim.calls.count('Range.getValues')).toBe(1);
    expect(built.sim.calls.count('Range.setValues')).toBe(2);
    // The trigger setup installed is known by its uid: the spreadsheet is not asked its id.
    expect(built.sim.calls.count('Spreadsheet.getId')).toBe(0);
    expect(built.sim.sheet(DASHBOARD_TAB)?.values[8]?.slice(1, 3)).toEqual([0, 1]);
  });

  it('ignores an edit whose trigger was left on an earlier review spreadsheet, and sends nothing', async () => {
    const earlier = built.sim.properties().COCREATE_SPREADSHEET_ID;
    // The secretariat starts over with a new review spreadsheet; a trigger someone else installed on the
    // earlier one still fires there.
    const props = (
      built.sim.globals.PropertiesService as { getScriptProperties(): Properties }
    ).getScriptProperties();
    props.deleteProperty('COCREATE_SPREADSHEET_ID');
    built.app.call('setup');
    expect(built.sim.properties().COCREATE_SPREADSHEET_ID).not.toBe(earlier);
    const event = built.sim.userEdit({
      spreadsheetId: earlier,
      sheet: 'GEDSI',
      row: 2,
      column: col('reviewer') + 1,
      values: [['Ana']],
      triggerUid: 'another-users-trigger',
    });
    expect(built.app.call('onReviewEdit', event)).toMatchObject({
      outcome: 'ignored',
      reason: 'not the review spreadsheet',
    });
    expect(await reviews()).toEqual([]);
  });

  it('shows a conflict in the sync note and leaves the reviewer cell as typed', async () => {
    await built.server.respondWith(
      answer([
        {
          proposalId: ID,
          ok: false,
          code: 'conflict',
          message: {
            id: 'Bentrok: status sudah diubah orang lain (versi 4)',
            en: 'Conflict: status changed by someone else (version 4)',
          },
          state: { proposalId: ID, status: 'accepted', version: 4 },
          conflicts: [{ field: 'status', current: 'accepted', yours: 'rejected' }],
        },
      ]),
    );
    built.app.call(
      'onReviewEdit',
      built.sim.userEdit({ sheet: 'GEDSI', row: 2, column: STATUS, values: [['Ditolak / Rejected']] }),
    );
    expect(row()[col('status')]).toBe('Ditolak / Rejected');
    expect(row()[col('version')]).toBe(4);
    expect(row()[col('syncNote')]).toMatch(
      /^Bentrok: status sudah diubah orang lain \(versi 4\)\. Status: tersimpan «Diterima \/ Accepted», Anda «Ditolak \/ Rejected» \/ Conflict: .* stored «Diterima \/ Accepted», yours «Ditolak \/ Rejected»$/,
    );
  });

  it('keeps the edit in the outbox while the API is down, and retryOutbox delivers it exactly once', async () => {
    await built.server.respondWith({ status: 503, body: 'maintenance' }, answer([applied(2)]));
    const event = built.sim.userEdit({
      sheet: 'GEDSI',
      row: 2,
      column: col('reviewer') + 1,
      values: [['Ana']],
    });
    expect(built.app.call('onReviewEdit', event)).toMatchObject({ outcome: 'queued', status: 503 });
    expect(Object.keys(built.sim.properties()).filter((k) => k.startsWith('outbox:review-'))).toHaveLength(1);
    expect(row()[col('syncNote')]).toMatch(/^Belum tersinkron/);
    expect(built.app.call('retryOutbox')).toMatchObject({ delivered: 1, stillQueued: 0 });
    expect(built.app.call('retryOutbox')).toMatchObject({ attempted: 0 });
    const sent = await reviews();
    expect(sent.map((r) => r.status)).toEqual([503, 200]);
    expect(sent[0]?.body && JSON.parse(sent[0].body).requestId).not.toBe(
      JSON.parse(sent[1]?.body ?? '{}').requestId,
    );
    expect(row()[col('syncNote')]).toBe('Tersinkron v2 / Synced v2');
    expect(row()[col('reviewer')]).toBe('Ana');
  });

  it('keeps a reopen in the outbox while the API is down, sends it once as a reopen, then shows the reopened row', async () => {
    const reason = 'Data baru dari K/L mengubah masalahnya (ilustratif)';
    built.sim.seedCells({ sheet: 'GEDSI', row: 2, column: col('version') + 1, values: [[4]] });
    built.sim.seedCells({ sheet: 'GEDSI', row: 2, column: STATUS, values: [['Diterima / Accepted']] });
    built.sim.seedCells({ sheet: 'GEDSI', row: 2, column: col('reasonedResponse') + 1, values: [[reason]] });
    const reopened = {
      ...applied(5),
      state: {
        proposalId: ID,
        status: 'in_review',
        version: 5,
        audit: [{ action: 'reopen', version: 5, note: reason }],
      },
    };
    await built.server.respondWith({ status: 503, body: 'maintenance' }, answer([reopened]));
    const event = built.sim.userEdit({
      sheet: 'GEDSI',
      row: 2,
      column: STATUS,
      values: [['Dibuka kembali / Reopened']],
    });
    built.sim.calls.reset();
    expect(built.app.call('onReviewEdit', event)).toMatchObject({ outcome: 'queued', status: 503 });
    // A reopen costs what any single-cell edit costs.
    expect(built.sim.calls.count('Range.getValues')).toBe(1);
    expect(built.sim.calls.count('Spreadsheet.getId')).toBe(0);
    expect(row()[col('syncNote')]).toMatch(/^Belum tersinkron/);
    expect(built.app.call('retryOutbox')).toMatchObject({ delivered: 1, stillQueued: 0 });
    expect(built.app.call('retryOutbox')).toMatchObject({ attempted: 0 });
    const sent = await reviews();
    expect(sent.map((r) => r.status)).toEqual([503, 200]);
    for (const r of sent)
      expect(parseReviewEdits(r.body).edits).toEqual([
        {
          proposalId: ID,
          expectedVersion: 4,
          actor: 'tidak diketahui / unknown',
          changes: [{ field: 'status', from: 'accepted', to: 'in_review' }],
          reopen: true,
          note: reason,
        },
      ]);
    expect([row()[col('status')], row()[col('version')], row()[col('syncNote')]]).toEqual([
      'Dibuka kembali / Reopened',
      5,
      'Dibuka kembali: Sedang ditinjau, tersinkron v5 / Reopened: In review, synced v5',
    ]);
  });

  it('ignores edits of the header, of system columns and of the dashboard', async () => {
    for (const e of [
      built.sim.userEdit({ sheet: 'GEDSI', row: 1, column: STATUS, values: [['x']] }),
      built.sim.userEdit({ sheet: 'GEDSI', row: 2, column: col('title') + 1, values: [['x']] }),
      built.sim.userEdit({ sheet: DASHBOARD_TAB, row: 5, column: 2, values: [['x']] }),
    ])
      expect(built.app.call('onReviewEdit', e)).toMatchObject({ outcome: 'ignored' });
    expect(await reviews()).toEqual([]);
  });
});

describe('sendDigestNow, through the built bundle', () => {
  it('posts one signed /v1/digest request and shows the bilingual result in a dialog', async () => {
    const server = await startCaptureServer();
    const sim = createAppsScriptServices({
      properties: { COCREATE_API_URL: server.url, COCREATE_SIGNING_SECRET: SECRET },
      fetchTimeoutMs: 5_000,
    });
    try {
      const app = loadAppsScript(CODE, sim);
      await server.respondWith({ status: 200, body: '{"sent":true,"period":"2026-W48","proposals":3}' });
      expect(app.call('sendDigestNow')).toMatchObject({ ok: true, proposals: 3 });
      const [req, ...more] = await server.requests();
      expect(more).toEqual([]);
      expect(req?.path).toBe('/v1/digest');
      expect(verifySigned(req, SECRET).ok).toBe(true);
      // Run from the form's menu: the person who clicked sees the result in the form editor.
      expect(sim.alerts).toEqual([
        {
          title: 'OGP Cocreate',
          message:
            'Ringkasan terkirim: periode 2026-W48, 3 usulan / Digest sent: period 2026-W48, 3 proposals',
        },
      ]);
    } finally {
      await sim.close();
      await server.close();
    }
  });
});
