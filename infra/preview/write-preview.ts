// Writes the three preview pages (form.html, review-spreadsheet.html, intake-spreadsheet.html) from the
// simulation's state after setup and the sample round; used by `cocreate preview` and the demo.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../apps-script-sim/run-plan';
import { renderFormPreview, renderSpreadsheetPreview } from './render';

export const PREVIEW_FILES = {
  form: 'form.html',
  review: 'review-spreadsheet.html',
  intake: 'intake-spreadsheet.html',
} as const;

export function writePreview(
  dir: string,
  summary: Pick<RunSummary, 'forms' | 'spreadsheets' | 'properties'>,
): {
  form: string;
  review: string;
  intake: string;
} {
  const book = (prop: string) => {
    const id = summary.properties[prop];
    const found = summary.spreadsheets.find((s) => s.id === id);
    if (!found) throw new Error(`preview: no spreadsheet for ${prop} (did setup run?)`);
    return found;
  };
  const form = summary.forms[0];
  if (!form) throw new Error('preview: the simulation has no form');
  mkdirSync(dir, { recursive: true });
  const files = {
    form: join(dir, PREVIEW_FILES.form),
    review: join(dir, PREVIEW_FILES.review),
    intake: join(dir, PREVIEW_FILES.intake),
  };
  writeFileSync(files.form, renderFormPreview(form));
  writeFileSync(
    files.review,
    renderSpreadsheetPreview(
      book('COCREATE_SPREADSHEET_ID'),
      'Spreadsheet tinjauan: dibuka oleh semua kelompok kerja / Review spreadsheet: every working group opens it',
    ),
  );
  writeFileSync(
    files.intake,
    renderSpreadsheetPreview(
      book('COCREATE_INTAKE_SPREADSHEET_ID'),
      'Hanya sekretariat: berisi data pribadi narahubung / Secretariat only: holds contacts’ personal data',
    ),
  );
  return files;
}
