import { describe, expect, it } from '@jest/globals';
import { isAcceptableApiUrl, readScriptConfig } from '../../../apps-script/src/config';
import type { FormPort } from '../../../apps-script/src/ports';
import { runSetup, type SetupDeps } from '../../../apps-script/src/setup';
import {
  configured,
  MemoryContext,
  type MemoryForm,
  type MemoryForms,
  MemoryLock,
  MemoryLog,
  MemoryProperties,
  MemorySpreadsheets,
  MemoryTriggers,
  memoryForms,
  SECRET,
} from './in-memory-ports';

const FORM = { id: 'form-1', title: 'Usulan Komitmen' };

function deps(props = configured(), forms: FormPort = memoryForms(FORM)) {
  const triggers = new MemoryTriggers();
  const lock = new MemoryLock();
  const d: SetupDeps = {
    props,
    triggers,
    forms,
    lock,
    log: new MemoryLog(),
    sheets: new MemorySpreadsheets(),
    context: new MemoryContext(),
  };
  return { d, triggers, lock };
}

describe('script configuration', () => {
  it.each([
    'https://abc.execute-api.ap-southeast-3.amazonaws.com',
    'https://api.example.org/stage',
    'http://127.0.0.1:8700',
    'http://localhost:8700',
  ])('accepts %s as the API URL', (url) => {
    expect(isAcceptableApiUrl(url)).toBe(true);
  });

  it.each([
    'http://api.example.org',
    'ftp://x',
    'https://',
    'http://127.0.0.2:8700',
    'http://localhost.evil.org',
  ])('refuses %s as the API URL', (url) => {
    expect(isAcceptableApiUrl(url)).toBe(false);
  });

  it('refuses a signing secret shorter than 32 characters, in both languages', () => {
    const r = readScriptConfig(
      new MemoryProperties({ COCREATE_API_URL: 'https://x.org', COCREATE_SIGNING_SECRET: 'short' }),
    );
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          id: 'COCREATE_SIGNING_SECRET minimal 32 karakter',
          en: 'COCREATE_SIGNING_SECRET must be at least 32 characters',
        },
      ],
    });
  });

  it('drops a trailing slash from the API URL and reads an optional round config', () => {
    const r = readScriptConfig(
      configured({
        COCREATE_API_URL: 'https://x.org/',
        COCREATE_ROUND_CONFIG: JSON.stringify({
          id: 'r-2027',
          name: { id: 'Putaran 2027', en: 'Round 2027' },
          periodStart: '2027-01-01',
          periodEnd: '2028-12-31',
          submissionDeadline: '2026-12-31',
          workingGroups: [{ id: 'wg', name: { id: 'KK', en: 'WG' } }],
        }),
      }),
    );
    expect(r.ok && r.config.apiUrl).toBe('https://x.org');
    expect(r.ok && r.config.round.id).toBe('r-2027');
    expect(r.ok && r.config.signingSecret).toBe(SECRET);
  });
});

describe('runSetup', () => {
  it('installs a form-submit trigger on the form, a retry trigger every 10 minutes and an edit trigger on the review spreadsheet', () => {
    const { d, triggers, lock } = deps();
    const r = runSetup(d);
    expect(r.ok).toBe(true);
    expect(triggers.triggers).toEqual([
      { id: 't1', handler: 'onFormSubmit', kind: 'form-submit', formId: 'form-1' },
      { id: 't2', handler: 'retryOutbox', kind: 'clock', minutes: 10 },
      { id: 't3', handler: 'onReviewEdit', kind: 'spreadsheet-edit', spreadsheetId: 'ss-1' },
    ]);
    expect(lock.held).toBe(false);
  });

  it('records the edit trigger it installed with its spreadsheet, replacing the record on every run', () => {
    const { d } = deps();
    runSetup(d);
    expect(JSON.parse(d.props.get('COCREATE_REVIEW_EDIT_TRIGGER') ?? '')).toEqual({
      spreadsheetId: 'ss-1',
      triggerId: 't3',
    });
    runSetup(d);
    expect(JSON.parse(d.props.get('COCREATE_REVIEW_EDIT_TRIGGER') ?? '')).toEqual({
      spreadsheetId: 'ss-1',
      triggerId: 't6',
    });
  });

  it('points the form at a separate intake spreadsheet, never at the review spreadsheet, and keeps using it', () => {
    const { d } = deps();
    const first = runSetup(d);
    const form = (d.forms as MemoryForms).bound as MemoryForm;
    expect(first.intake?.id).toBeDefined();
    expect(first.intake?.id).not.toBe(first.spreadsheet?.id);
    expect(form.destination).toBe(first.intake?.id);
    expect(d.props.get('COCREATE_INTAKE_SPREADSHEET_ID')).toBe(first.intake?.id);
    expect(runSetup(d).intake).toEqual({ ...first.intake, created: false });
    expect(form.destinationSets).toBe(1);
    expect(first.message).toMatch(/Intake spreadsheet \(secretariat only, never share it\) created/);
  });

  it('moves a form that an earlier setup linked to the review spreadsheet, and says to delete the responses tab left there', () => {
    const { d } = deps();
    const before = runSetup(d);
    const sheets = d.sheets as MemorySpreadsheets;
    const review = sheets.open(before.spreadsheet?.id ?? '');
    review.insertSheet('Form Responses 1', 0);
    const form = (d.forms as MemoryForms).bound as MemoryForm;
    form.destination = review.id;
    const after = runSetup(d);
    expect(form.destination).toBe(after.intake?.id);
    expect(after.warnings?.map((w) => w.en)).toEqual([
      expect.stringMatching(/^Tab "Form Responses 1" in the review spreadsheet holds personal data/),
    ]);
    expect(after.message).toContain('! Tab "Form Responses 1"');
  });

  it('can run again and again: there is always exactly one trigger of each kind', () => {
    const { d, triggers } = deps();
    runSetup(d);
    const again = runSetup(d);
    runSetup(d);
    expect(again.removed).toBe(3);
    expect(
      triggers
        .list()
        .map((t) => `${t.handler}:${t.kind}`)
        .sort(),
    ).toEqual(['onFormSubmit:form-submit', 'onReviewEdit:spreadsheet-edit', 'retryOutbox:clock']);
  });

  it('leaves triggers of other functions alone', () => {
    const { d, triggers } = deps();
    triggers.createEveryMinutes('someoneElsesJob', 5);
    runSetup(d);
    expect(
      triggers
        .list()
        .map((t) => t.handler)
        .sort(),
    ).toEqual(['onFormSubmit', 'onReviewEdit', 'retryOutbox', 'someoneElsesJob']);
  });

  it.each([
    ['standalone', false, /^This script is standalone\. The script must be bound to the form/],
    [
      'spreadsheet-bound',
      true,
      /^This script is bound to a spreadsheet\. The script must be bound to the form/,
    ],
  ])('refuses to run in a %s script, and builds nothing', (_, spreadsheetBound, why) => {
    const { d, triggers } = deps(configured(), memoryForms(null));
    d.context = new MemoryContext('a@x.org', [], spreadsheetBound);
    const r = runSetup(d);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.en)).toEqual([expect.stringMatching(why)]);
    expect(r.problems[0]?.id).toMatch(/Skrip harus terikat pada formulir/);
    expect(triggers.list()).toEqual([]);
    expect((d.sheets as MemorySpreadsheets).docs).toEqual([]);
  });

  it('lists each permission the user did not grant, with what it is for, before touching anything', () => {
    const { d, triggers } = deps();
    d.context = new MemoryContext('a@x.org', ['https://www.googleapis.com/auth/script.external_request']);
    const r = runSetup(d);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.en)).toEqual([
      'Permissions not granted: https://www.googleapis.com/auth/script.external_request (send proposals and reviews to the API). Run setup again and tick every permission, or open https://script.google.com/macros/d/x/authorize.',
    ]);
    expect(triggers.list()).toEqual([]);
    expect((d.sheets as MemorySpreadsheets).docs).toEqual([]);
  });

  it('records the trigger owner, and refuses another user with the hand-over steps', () => {
    const { d, triggers } = deps();
    expect(runSetup(d).ok).toBe(true);
    expect(d.props.get('COCREATE_TRIGGER_OWNER')).toBe('sekretariat@example.org');
    d.context = new MemoryContext('budi@example.org');
    const r = runSetup(d);
    expect(r.ok).toBe(false);
    expect(r.problems[0]?.en).toMatch(
      /^The triggers belong to sekretariat@example\.org; .*delete the Script Property COCREATE_TRIGGER_OWNER and run setup as budi@example\.org\.$/,
    );
    expect(triggers.list()).toHaveLength(3);
  });

  it('installs nothing and says what to fix when the configured form is not the bound one or the configuration is missing', () => {
    const unknownForm = deps(configured({ COCREATE_FORM_ID: 'missing' }));
    expect(runSetup(unknownForm.d).problems[0]?.en).toMatch(
      /COCREATE_FORM_ID \(missing\) is not the form this script is bound to \(form-1\)/,
    );
    const noConfig = deps(new MemoryProperties());
    const r = runSetup(noConfig.d);
    expect(r.problems.map((p) => p.en)).toEqual([
      'COCREATE_API_URL is not set',
      'COCREATE_SIGNING_SECRET is not set',
    ]);
    expect([unknownForm, noConfig].flatMap((x) => x.triggers.list())).toEqual([]);
    expect((noConfig.d.sheets as MemorySpreadsheets).docs).toEqual([]);
  });

  it('does not touch the triggers while another setup holds the lock', () => {
    const { d, triggers, lock } = deps();
    lock.heldElsewhere = true;
    expect(runSetup(d).ok).toBe(false);
    expect(triggers.list()).toEqual([]);
  });

  it('summarises in Bahasa Indonesia first, English second, including the outbox size', () => {
    const { d } = deps(
      configured({
        'outbox:x': JSON.stringify({
          v: 1,
          responseId: 'x',
          stamp: 's',
          attempts: 1,
          queuedAt: '',
          nextAttemptAt: '',
        }),
      }),
    );
    const lines = runSetup(d).message.split('\n');
    expect(lines[0]).toBe('Penyiapan selesai. / Setup complete.');
    expect(lines).toContain('Antrean kirim ulang: 1; gagal permanen: 0 / Outbox: 1; failed for good: 0');
  });

  it('prints the link proposers open to respond, right after the form', () => {
    const { d } = deps();
    const result = runSetup(d);
    expect(result.responderUrl).toBe('https://docs.google.com/forms/d/e/form-1-published/viewform');
    const lines = result.message.split('\n');
    const at = lines.indexOf(
      'Tautan formulir untuk pengusul: https://docs.google.com/forms/d/e/form-1-published/viewform / Form link for proposers: https://docs.google.com/forms/d/e/form-1-published/viewform',
    );
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toMatch(/^Formulir: /);
  });

  it('explains how to set and rotate the signing secret, whether setup succeeded or not', () => {
    for (const props of [configured(), new MemoryProperties()]) {
      const { message } = runSetup(deps(props).d);
      expect(message).toContain('COCREATE_SIGNING_SECRET');
      expect(message).toContain('/ogp-cocreate/<stage>/signing-secret');
      expect(message).toMatch(
        /Rotasi: .* \/ Signing secret: .*Rotation: copy the old value to \.\.\.-previous/,
      );
    }
  });
});
