// What setup builds on (simulated) Google, checked on the BUILT bundle: where personal data goes, whose
// triggers run, which container the script sits in, what consent it has and what the person is told.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DOCUMENTS_SCOPE, MANIFEST_SCOPES, REQUIRED_SCOPES } from '../../apps-script/src/scopes';
import { type CaptureServer, startCaptureServer } from '../../infra/apps-script-sim/capture-server';
import { loadAppsScript } from '../../infra/apps-script-sim/load';
import {
  type AppsScriptSim,
  createAppsScriptServices,
  type SimCellValue,
} from '../../infra/apps-script-sim/services';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import { REVIEW_COLUMNS } from '../../shared/review/review-sheet';
import { CODE, ensureBuilt, useBuiltAppsScript } from '../support/built-apps-script';

function useCaptureServer() {
  let server: CaptureServer | undefined;
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const get = () => {
    if (!server) throw new Error('capture server not started');
    return server;
  };
  return {
    url: () => get().url,
    requests: () => get().requests(),
    respondWith: (...r: Parameters<CaptureServer['respondWith']>) => get().respondWith(...r),
  };
}

const SECRET = 'e2e-signing-secret-0123456789abcdef';
const spec = formSpec(DEFAULT_ROUND);
const sample = SAMPLE_PROPOSALS.slice(0, 3);
const event = (s: (typeof sample)[number]) => ({
  responseId: s.responseId,
  timestamp: s.submittedAt,
  answersByTitle: answersToTitles(spec, s.answers),
});

/** Every cell of a spreadsheet as text. */
const cellsOf = (sheets: { values: SimCellValue[][] }[]) =>
  sheets.flatMap((t) => t.values.flat().map((v) => (v instanceof Date ? v.toISOString() : String(v))));

beforeAll(ensureBuilt);

describe('setup on Google', () => {
  const built = useBuiltAppsScript(SECRET);

  const spreadsheet = (prop: string) => {
    const id = built.sim.properties()[prop];
    return built.sim.spreadsheets().find((s) => s.id === id);
  };

  it('sends form responses to a secretariat-only intake spreadsheet: no contact name, email or phone reaches the review spreadsheet', () => {
    built.app.call('setup');
    for (const s of sample) built.app.call('onFormSubmit', built.sim.submitResponse(event(s)));
    const review = spreadsheet('COCREATE_SPREADSHEET_ID');
    const intake = spreadsheet('COCREATE_INTAKE_SPREADSHEET_ID');
    expect(review).toBeDefined();
    expect(intake).toBeDefined();
    expect(intake?.id).not.toBe(review?.id);
    const form = built.sim.forms()[0];
    expect(form?.destinationId).toBe(intake?.id);
    const reviewCells = cellsOf(review?.sheets ?? []);
    const intakeCells = cellsOf(intake?.sheets ?? []);
    for (const s of sample) {
      // The proposals are in the review tabs; the people behind them are not.
      expect(reviewCells).toContain(String(s.answers.title));
      for (const key of ['contact_name', 'email', 'phone'] as const) {
        const personal = String(s.answers[key]);
        expect(reviewCells.filter((c) => c.includes(personal))).toEqual([]);
        expect(intakeCells).toContain(personal);
      }
    }
  });
});

describe('setup in the wrong container, without consent, or run by a second person', () => {
  const server = useCaptureServer();
  const start = (options: Parameters<typeof createAppsScriptServices>[0] = {}) => {
    const sim = createAppsScriptServices({
      properties: { COCREATE_API_URL: server.url(), COCREATE_SIGNING_SECRET: SECRET },
      fetchTimeoutMs: 5_000,
      ...options,
    });
    opened.push(sim);
    return { sim, app: loadAppsScript(CODE, sim) };
  };
  const opened: AppsScriptSim[] = [];
  afterEach(async () => {
    for (const sim of opened.splice(0)) await sim.close();
  });

  it.each([
    ['standalone', { activeForm: null }, /standalone/],
    ['bound to a spreadsheet', { activeForm: null, spreadsheetBound: true }, /bound to a spreadsheet/],
  ] as const)(
    'stops with a bilingual message when the script is %s, and builds nothing',
    (_, options, why) => {
      const { sim, app } = start(options);
      expect(() => app.call('setup')).toThrow(why);
      expect(() => app.call('setup')).toThrow(/Skrip harus terikat pada formulir/);
      expect(sim.triggers()).toEqual([]);
      expect(sim.forms().filter((f) => f.items.length)).toEqual([]);
      expect(sim.spreadsheets().filter((s) => !s.id.startsWith('sim-container'))).toEqual([]);
    },
  );

  it('says exactly which permissions were not granted, and installs no trigger', () => {
    const { sim, app } = start({
      grantedScopes: REQUIRED_SCOPES.filter((s) => !/external_request|send_mail/.test(s)),
    });
    let message = '';
    try {
      app.call('setup');
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(message).toMatch(/script\.external_request/);
    expect(message).toMatch(/script\.send_mail/);
    expect(message).not.toMatch(/auth\/spreadsheets\b/);
    expect(message).toMatch(/https:\/\/script\.google\.com\/macros\/d\/sim-script-1\/authorize/);
    expect(sim.triggers()).toEqual([]);
  });

  it('records who owns the triggers, and refuses with a clear hand-over message when someone else runs setup', () => {
    const { sim, app } = start({ user: 'ana@sekretariat.example' });
    app.call('setup');
    expect(sim.properties().COCREATE_TRIGGER_OWNER).toBe('ana@sekretariat.example');
    sim.setUser('budi@sekretariat.example');
    expect(() => app.call('setup')).toThrow(/ana@sekretariat\.example/);
    expect(() => app.call('setup')).toThrow(/COCREATE_TRIGGER_OWNER/);
    expect(sim.triggers().map((t) => t.owner)).toEqual(Array(3).fill('ana@sekretariat.example'));
    // The owner may run it again as often as they like.
    sim.setUser('ana@sekretariat.example');
    expect(() => app.call('setup')).not.toThrow();
    expect(sim.triggers()).toHaveLength(3);
  });

  it('handles each submission and each edit exactly once even when two people installed triggers', async () => {
    const { sim, app } = start({ user: 'ana@sekretariat.example' });
    app.call('setup');
    // An older setup recorded no owner: a second person's setup installs a second set.
    const props = sim.globals.PropertiesService as {
      getScriptProperties(): { deleteProperty(k: string): void };
    };
    props.getScriptProperties().deleteProperty('COCREATE_TRIGGER_OWNER');
    sim.setUser('budi@sekretariat.example');
    app.call('setup');
    const submitTriggers = sim.triggers().filter((t) => t.eventType === 'ON_FORM_SUBMIT');
    expect(submitTriggers.map((t) => t.owner)).toEqual([
      'ana@sekretariat.example',
      'budi@sekretariat.example',
    ]);
    const first = sample[0] as (typeof sample)[number];
    const e = sim.submitResponse(event(first));
    const results = submitTriggers.map((t) => {
      sim.setUser(t.owner);
      return app.call('onFormSubmit', e) as { outcome: string };
    });
    expect(results.map((r) => r.outcome).sort()).toEqual(['delivered', 'duplicate']);
    const posts = (await server.requests()).filter((r) => r.path === '/v1/proposals');
    expect(posts).toHaveLength(1);
    expect(sim.mails).toHaveLength(1);
    // The same for an edit of the review spreadsheet: one trigger of each set fires.
    const tab = DEFAULT_ROUND.workingGroups.find((g) => g.id === first.answers.working_group)?.name.id ?? '';
    await server.respondWith({ status: 200, body: JSON.stringify({ results: [] }) });
    const edit = sim.userEdit({ sheet: tab, row: 2, column: 7, values: [['Ana']] });
    const edits = sim
      .triggers()
      .filter((t) => t.eventType === 'ON_EDIT')
      .map((t) => {
        sim.setUser(t.owner);
        return app.call('onReviewEdit', edit) as { outcome: string };
      });
    expect(edits.map((r) => r.outcome).sort()).toEqual(['ignored', 'synced']);
    expect((await server.requests()).filter((r) => r.path === '/v1/reviews')).toHaveLength(1);
  });

  it('shows the result of setup, "send digest now" and "retry the outbox now" in a dialog in the form editor', async () => {
    const { sim, app } = start();
    app.call('setup');
    expect(sim.alerts[0]).toMatchObject({
      title: 'OGP Cocreate',
      message: expect.stringMatching(/^Penyiapan selesai\. \/ Setup complete\./),
    });
    await server.respondWith({
      status: 200,
      body: JSON.stringify({ sent: true, period: '2026-W48', proposals: 3 }),
    });
    app.call('sendDigestNow');
    expect(sim.alerts[1]).toEqual({
      title: 'OGP Cocreate',
      message: 'Ringkasan terkirim: periode 2026-W48, 3 usulan / Digest sent: period 2026-W48, 3 proposals',
    });
    app.call('retryOutbox');
    expect(sim.alerts[2]?.message).toMatch(/^Antrean: 0 dicoba, .* \/ Outbox: 0 tried/);
    // A trigger run has nobody to show anything to.
    app.call('retryOutbox', { triggerUid: 't-1' });
    expect(sim.alerts).toHaveLength(3);
  });
});

describe('the manifest', () => {
  it('asks for exactly the scopes setup checks, the form-editor dialogs included', () => {
    const manifest = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'dist', 'apps-script', 'appsscript.json'), 'utf8'),
    );
    expect([...manifest.oauthScopes].sort()).toEqual([...MANIFEST_SCOPES].sort());
    // Google Docs is asked for by the action-plan draft when it is made, not required by setup.
    expect(REQUIRED_SCOPES).not.toContain(DOCUMENTS_SCOPE);
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/script.container.ui');
  });
});

describe('what setup lays out in the review tabs', () => {
  const built = useBuiltAppsScript(SECRET);
  const first = sample[0] as (typeof sample)[number];
  const tab = DEFAULT_ROUND.workingGroups.find((g) => g.id === first.answers.working_group)?.name.id ?? '';
  const col = (key: string) => REVIEW_COLUMNS.findIndex((c) => c.key === key) + 1;
  /** Whether an A1 range covers (row, column). */
  const covers = (range: string, row: number, column: number) => {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
    if (!m) return false;
    const n = (l: string) => [...l].reduce((v, ch) => v * 26 + ch.charCodeAt(0) - 64, 0);
    const [c1, r1] = [n(m[1] ?? ''), Number(m[2])];
    const [c2, r2] = [n(m[3] ?? m[1] ?? ''), Number(m[4] ?? m[2])];
    return row >= r1 && row <= r2 && column >= c1 && column <= c2;
  };

  it('keeps text as text: a title "007", an organisation "TRUE" and a date-like text are not converted', () => {
    built.app.call('setup');
    const answers = { ...first.answers, title: '007', organisation: 'TRUE' };
    built.app.call(
      'onFormSubmit',
      built.sim.submitResponse({ ...event(first), answersByTitle: answersToTitles(spec, answers) }),
    );
    const row = built.sim.sheet(tab)?.values[1] ?? [];
    expect(row[col('title') - 1]).toBe('007');
    expect(row[col('organisation') - 1]).toBe('TRUE');
    expect(typeof row[col('submittedAt') - 1]).toBe('string');
    // Typed by a reviewer into a text column, too.
    built.sim.userEdit({
      sheet: tab,
      row: 2,
      column: col('reasonedResponse'),
      values: [['2022-08-01 09:30']],
    });
    expect(built.sim.sheet(tab)?.values[1]?.[col('reasonedResponse') - 1]).toBe('2022-08-01 09:30');
    // Numbers stay numbers where the sheet counts them.
    expect(typeof built.sim.sheet(tab)?.values[1]?.[col('version') - 1]).toBe('number');
  });

  it('extends validation, protection and formats to rows added after setup', () => {
    built.app.call('setup');
    const before = built.sim.sheet(tab);
    const max = before?.maxRows ?? 0;
    // Fill the tab to its last row, then one more proposal arrives and the sheet grows.
    const ids = Array.from({ length: max - 1 }, (_, i) => [
      `p_${(0x1000000 + i).toString(16).padStart(16, '0')}`,
    ]);
    built.sim.seedCells({ sheet: tab, row: 2, column: 1, values: ids });
    built.app.call('onFormSubmit', built.sim.submitResponse(event(first)));
    const after = built.sim.sheet(tab);
    expect(after?.maxRows).toBeGreaterThan(max);
    const last = after?.maxRows ?? 0;
    expect(after?.values[max]?.[0]).toMatch(/^p_/);
    const status = col('status');
    expect(after?.validations.some((v) => covers(v.a1, last, status))).toBe(true);
    expect(after?.protections.some((p) => covers(p.a1, last, col('proposalId')))).toBe(true);
    expect(after?.conditionalFormats.some((f) => f.ranges.some((r) => covers(r, last, status)))).toBe(true);
    expect(after?.numberFormats.some((f) => f.format === '@' && covers(f.a1, last, col('title')))).toBe(true);
  });
});

describe('who can answer the form', () => {
  const server = useCaptureServer();
  const opened: AppsScriptSim[] = [];
  afterEach(async () => {
    for (const sim of opened.splice(0)) await sim.close();
  });

  it('asks for the email as a question instead of "collecting" it (no forced sign-in), opens the form beyond the owner domain, and says when it is not published yet', () => {
    const sim = createAppsScriptServices({
      properties: { COCREATE_API_URL: server.url(), COCREATE_SIGNING_SECRET: SECRET },
      activeForm: { id: 'form-new', title: 'Baru', published: false },
      fetchTimeoutMs: 5_000,
    });
    opened.push(sim);
    const message = String(loadAppsScript(CODE, sim).call('setup'));
    const form = sim.forms()[0];
    expect(form).toMatchObject({ collectEmail: false, requireLogin: false, published: false });
    expect(form?.items.some((i) => /^Email narahubung/.test(i.title) && i.required)).toBe(true);
    expect(message).toMatch(/The form is not published yet/);
  });
});
