// What setup builds on (simulated) Google, checked on the BUILT bundle: where personal data goes, whose
// triggers run, which container the script sits in, what consent it has and what the person is told.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { SimCellValue } from '../../infra/apps-script-sim/services';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import { ensureBuilt, useBuiltAppsScript } from '../support/built-apps-script';

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
