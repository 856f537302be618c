// The intake spreadsheet: where Google Forms writes every response, contact name, email and phone included.
// Only the secretariat may open it (setup creates it in the runner's Drive, shared with nobody); it is never
// the review spreadsheet, which every working group opens (docs/security.md).

import type { RoundConfig } from '../../../shared/definitions/round';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import { PROP } from '../config';
import type { Log, PropertyStore, SpreadsheetDoc, SpreadsheetsPort } from '../ports';

export const INTAKE_ABOUT_TAB = 'Tentang / About';

/** Tab names Forms gives a linked responses tab, in the languages a secretariat's account may use. */
export const RESPONSE_TAB_PATTERN =
  /^(Form Responses|Form responses|Respons Formulir|Tanggapan Formulir) \d+$/;

export const INTAKE_NOTE: Text = {
  id: 'Hanya untuk sekretariat: berisi data pribadi narahubung (nama, email, telepon). Jangan dibagikan ke kelompok kerja.',
  en: 'Secretariat only: holds contacts’ personal data (name, email, phone). Never share it with working groups.',
};

export function intakeTitle(round: RoundConfig): string {
  return bilingual({
    id: `Respons formulir (sekretariat saja) — ${round.name.id}`,
    en: `Form responses (secretariat only) — ${round.name.en}`,
  });
}

export type IntakeResult = { ok: true; doc: SpreadsheetDoc; created: boolean } | { ok: false; problem: Text };

/** Opens COCREATE_INTAKE_SPREADSHEET_ID, or creates the intake spreadsheet and remembers its id. */
export function ensureIntakeSpreadsheet(
  deps: { sheets: SpreadsheetsPort; props: PropertyStore; log: Log },
  round: RoundConfig,
): IntakeResult {
  const id = (deps.props.get(PROP.intakeSpreadsheetId) ?? '').trim();
  if (id) {
    try {
      return { ok: true, doc: deps.sheets.open(id), created: false };
    } catch (e) {
      const why = String((e as Error)?.message ?? e);
      return {
        ok: false,
        problem: {
          id: `Spreadsheet respons ${id} tidak dapat dibuka (${why}); perbaiki atau hapus ${PROP.intakeSpreadsheetId}`,
          en: `Intake spreadsheet ${id} cannot be opened (${why}); fix or delete ${PROP.intakeSpreadsheetId}`,
        },
      };
    }
  }
  const doc = deps.sheets.create(intakeTitle(round), INTAKE_ABOUT_TAB);
  doc.sheet(INTAKE_ABOUT_TAB)?.write(1, 1, [[bilingual(INTAKE_NOTE)]]);
  deps.props.set(PROP.intakeSpreadsheetId, doc.id);
  deps.log.info(`intake spreadsheet created: ${doc.url}`);
  return { ok: true, doc, created: true };
}

/**
 * Responses tabs left in the review spreadsheet by an earlier setup that linked the form there: they hold
 * personal data every working group can read, and only a person can judge before deleting them.
 */
export function leftoverResponseTabs(review: SpreadsheetDoc): Text[] {
  return review
    .sheetNames()
    .filter((name) => RESPONSE_TAB_PATTERN.test(name))
    .map((name) => ({
      id: `Tab "${name}" di spreadsheet tinjauan berisi data pribadi dari penyiapan lama: hapus tab itu (respons tetap ada di formulir dan spreadsheet respons)`,
      en: `Tab "${name}" in the review spreadsheet holds personal data from an earlier setup: delete that tab (the responses stay in the form and the intake spreadsheet)`,
    }));
}
