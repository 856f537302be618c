// setup: check the Script Properties, create or update the review spreadsheet, the secretariat-only intake
// spreadsheet and the form (built from shared/definitions/form-spec.ts, responses going to the intake spreadsheet, never
// the review one) and (re)install this project's triggers.
// Safe to run any number of times: the spreadsheet and the form are reused (their ids are kept in
// COCREATE_SPREADSHEET_ID and COCREATE_FORM_ID, the form's items in COCREATE_FORM_ITEMS) and setup deletes its
// own triggers first, so there is always exactly one of each.
import { formSpec } from '../../shared/definitions/form-spec';
import { bilingual, type Text } from '../../shared/platform/i18n';
import { PROP, type ReviewEditTrigger, readScriptConfig } from './config';
import { buildForm, type FormBuildResult } from './form-build';
import { ensureIntakeSpreadsheet, leftoverResponseTabs } from './ingest/intake-spreadsheet';
import { AGENCY_RESPONSE_HANDLER, setupNegotiation } from './negotiation/negotiation-setup';
import { PropertyQueue } from './outbox/property-queue';
import type {
  FormDoc,
  FormPort,
  FormRef,
  Log,
  PropertyStore,
  ScriptContextPort,
  ScriptLock,
  SpreadsheetsPort,
  TriggerInfo,
  TriggerPort,
} from './ports';
import { ensureReviewSpreadsheet } from './review/review-spreadsheet';
import { REQUIRED_SCOPES, SCOPE_PURPOSE } from './scopes';

/** The global functions the installed triggers call (see main.ts). */
export const HANDLERS = {
  formSubmit: 'onFormSubmit',
  retry: 'retryOutbox',
  reviewEdit: 'onReviewEdit',
  agencyResponse: AGENCY_RESPONSE_HANDLER,
} as const;
/** Handlers whose triggers setup owns; triggers of any other function are left alone. */
export const MANAGED_HANDLERS: readonly string[] = Object.values(HANDLERS);
export const RETRY_EVERY_MINUTES = 10;
const SETUP_LOCK_MS = 30_000;

export interface SetupDeps {
  props: PropertyStore;
  triggers: TriggerPort;
  forms: FormPort;
  sheets: SpreadsheetsPort;
  lock: ScriptLock;
  log: Log;
  context: ScriptContextPort;
}

export interface SetupResult {
  ok: boolean;
  /** Bilingual summary, one "Bahasa Indonesia / English" line each. */
  message: string;
  problems: Text[];
  form?: FormRef;
  /** The link to share with proposers (only on success). */
  responderUrl?: string;
  /** What building the form from the spec did. */
  formItems?: FormBuildResult & { created: boolean };
  spreadsheet?: { id: string; url: string; created: boolean };
  /** The secretariat-only spreadsheet the responses go to. */
  intake?: { id: string; url: string; created: boolean };
  /** Things a person should do that do not stop setup. */
  warnings?: Text[];
  /** What setup did for negotiation (tab, agency form), one line each. */
  negotiation?: Text[];
  removed: number;
  installed: TriggerInfo[];
  outbox: number;
  failed: number;
}

export function runSetup(deps: SetupDeps): SetupResult {
  const base = { removed: 0, installed: [] as TriggerInfo[], ...queueSizes(deps.props) };
  const config = readScriptConfig(deps.props);
  const problems: Text[] = config.ok ? [] : [...config.problems];
  // Consent first: with a scope unticked, whatever needs it fails later, and submissions queue forever.
  const consent = missingConsent(deps.context);
  if (consent) return finish(deps, { ok: false, problems: [...problems, consent], ...base });
  const bound = boundForm(deps);
  if (!bound.ok) return finish(deps, { ok: false, problems: [...problems, bound.problem], ...base });
  const form: FormDoc = bound.form;
  const owner = triggerOwnerProblem(deps);
  if (owner) problems.push(owner);
  if (problems.length || !config.ok) return finish(deps, { ok: false, problems, form: ref(form), ...base });

  if (!deps.lock.tryLock(SETUP_LOCK_MS)) {
    const busy = {
      id: 'Penyiapan lain sedang berjalan; coba lagi sebentar lagi',
      en: 'Another setup is running; try again shortly',
    };
    return finish(deps, { ok: false, problems: [busy], ...(form ? { form: ref(form) } : {}), ...base });
  }
  const warnings: Text[] = [];
  try {
    const round = config.config.round;
    const sheet = ensureReviewSpreadsheet(deps, round);
    if (!sheet.ok) return finish(deps, { ok: false, problems: [sheet.problem], ...base });
    const spreadsheet = { id: sheet.doc.id, url: sheet.doc.url, created: sheet.created };
    const intakeDoc = ensureIntakeSpreadsheet(deps, round);
    if (!intakeDoc.ok) return finish(deps, { ok: false, problems: [intakeDoc.problem], ...base });
    const intake = { id: intakeDoc.doc.id, url: intakeDoc.doc.url, created: intakeDoc.created };
    const spec = formSpec(round);
    const built = { ...buildForm(deps, form, spec, intake.id), created: false };
    warnings.push(...leftoverResponseTabs(sheet.doc));
    // Forms made after the 2026 publishing change start unpublished and accept no responses until then.
    if (form.published() === false)
      warnings.push({
        id: 'Formulir belum diterbitkan: klik Terbitkan di editor formulir bila siap menerima usulan',
        en: 'The form is not published yet: click Publish in the form editor when it is ready for proposals',
      });
    let removed = 0;
    for (const t of deps.triggers.list()) {
      if (MANAGED_HANDLERS.includes(t.handler)) {
        deps.triggers.delete(t.id);
        removed++;
      }
    }
    const submit = deps.triggers.createFormSubmit(HANDLERS.formSubmit, form.id);
    const retry = deps.triggers.createEveryMinutes(HANDLERS.retry, RETRY_EVERY_MINUTES);
    const edit = deps.triggers.createSpreadsheetEdit(HANDLERS.reviewEdit, spreadsheet.id);
    const installed = [submit, retry, edit];
    // onReviewEdit knows its own trigger by e.triggerUid, so it need not ask the spreadsheet its id.
    const record: ReviewEditTrigger = { spreadsheetId: spreadsheet.id, triggerId: edit.id };
    deps.props.set(PROP.reviewEditTrigger, JSON.stringify(record));
    const negotiation = setupNegotiation(deps, round, sheet.doc);
    if (negotiation.trigger) installed.push(negotiation.trigger);
    warnings.push(...negotiation.warnings);
    const me = deps.context.effectiveUser();
    if (me) deps.props.set(PROP.triggerOwner, me);
    return finish(deps, {
      ok: true,
      problems: [],
      form: ref(form),
      responderUrl: form.responderUrl(),
      formItems: built,
      spreadsheet,
      intake,
      warnings,
      negotiation: negotiation.lines,
      ...base,
      removed,
      installed,
    });
  } finally {
    deps.lock.release();
  }
}

const ref = (form: FormDoc): FormRef => ({ id: form.id, title: form.title });

/** The scopes the user did not grant, each with what it is for, and where to grant them; null when none. */
export function missingConsent(context: ScriptContextPort): Text | null {
  const { missing, url } = context.authorization(REQUIRED_SCOPES);
  if (!missing.length) return null;
  const list = (lang: 'id' | 'en') =>
    missing.map((s) => `${s} (${SCOPE_PURPOSE[s]?.[lang] ?? '?'})`).join('; ');
  const where = url ?? '';
  return {
    id: `Izin belum diberikan: ${list('id')}. Jalankan setup lagi dan centang semua izin${where ? `, atau buka ${where}` : ''}.`,
    en: `Permissions not granted: ${list('en')}. Run setup again and tick every permission${where ? `, or open ${where}` : ''}.`,
  };
}

/** Setup runs in the form's own script (More (⋮) > Apps Script in the form editor), nowhere else. */
function boundForm(deps: SetupDeps): { ok: true; form: FormDoc } | { ok: false; problem: Text } {
  const how = {
    id: 'Skrip harus terikat pada formulir: buka formulir usulan > Lainnya (⋮) > Editor skrip (Apps Script), lalu pasang kode di sana',
    en: 'The script must be bound to the form: open the proposal form > More (⋮) > Script editor (Apps Script), and push the code there',
  };
  const form = deps.forms.active();
  if (!form) {
    const where = deps.context.spreadsheetBound()
      ? { id: 'Skrip ini terikat pada spreadsheet.', en: 'This script is bound to a spreadsheet.' }
      : { id: 'Skrip ini berdiri sendiri (standalone).', en: 'This script is standalone.' };
    return { ok: false, problem: { id: `${where.id} ${how.id}`, en: `${where.en} ${how.en}` } };
  }
  const configured = (deps.props.get(PROP.formId) ?? '').trim();
  if (configured && configured !== form.id)
    return {
      ok: false,
      problem: {
        id: `${PROP.formId} (${configured}) bukan formulir tempat skrip ini terikat (${form.id}): hapus atau perbaiki`,
        en: `${PROP.formId} (${configured}) is not the form this script is bound to (${form.id}): delete or fix it`,
      },
    };
  return { ok: true, form };
}

/**
 * Triggers belong to the user who installed them and only they can see or remove them: a second person's
 * setup would add a second set. Setup refuses, and says how to hand over.
 */
function triggerOwnerProblem(deps: SetupDeps): Text | null {
  const owner = (deps.props.get(PROP.triggerOwner) ?? '').trim();
  const me = deps.context.effectiveUser();
  if (!owner || !me || owner.toLowerCase() === me.toLowerCase()) return null;
  return {
    id:
      `Pemicu dimiliki oleh ${owner}; hanya pemiliknya yang dapat melihat dan menggantinya. Minta ${owner} menjalankan setup. ` +
      `Serah terima: ${owner} menghapus pemicunya (Apps Script > Pemicu), lalu hapus Properti Skrip ${PROP.triggerOwner} dan jalankan setup sebagai ${me}.`,
    en:
      `The triggers belong to ${owner}; only their owner can see and replace them. Ask ${owner} to run setup. ` +
      `To hand over: ${owner} deletes their triggers (Apps Script > Triggers), then delete the Script Property ${PROP.triggerOwner} and run setup as ${me}.`,
  };
}

function queueSizes(props: PropertyStore): { outbox: number; failed: number } {
  return {
    outbox: new PropertyQueue(props, 'outbox').size(),
    failed: new PropertyQueue(props, 'failed').size(),
  };
}

/** How to set and rotate the signing secret: shown by every setup run, so nobody has to look it up. */
export const SECRET_HELP: Text = {
  id:
    'Kunci penandatanganan: Setelan Proyek > Properti Skrip > COCREATE_SIGNING_SECRET (min. 32 karakter), nilai yang sama ' +
    'dengan parameter SSM /ogp-cocreate/<stage>/signing-secret. Rotasi: salin nilai lama ke ...-previous di SSM, isi nilai baru ' +
    'di SSM lalu di sini, jalankan setup; antrean dikirim ulang dengan kunci baru.',
  en:
    'Signing secret: Project Settings > Script Properties > COCREATE_SIGNING_SECRET (32+ characters), the same value as SSM ' +
    'parameter /ogp-cocreate/<stage>/signing-secret. Rotation: copy the old value to ...-previous in SSM, put the new value in ' +
    'SSM and then here, run setup; queued entries are re-signed with the new secret.',
};

function finish(deps: SetupDeps, r: Omit<SetupResult, 'message'>): SetupResult {
  const lines: Text[] = [];
  if (r.ok) {
    lines.push({ id: 'Penyiapan selesai.', en: 'Setup complete.' });
    if (r.form)
      lines.push({
        id: `Formulir: ${r.form.title} (${r.form.id})`,
        en: `Form: ${r.form.title} (${r.form.id})`,
      });
    if (r.responderUrl)
      lines.push({
        id: `Tautan formulir untuk pengusul: ${r.responderUrl}`,
        en: `Form link for proposers: ${r.responderUrl}`,
      });
    if (r.formItems)
      lines.push({
        id: `Formulir ${r.formItems.created ? 'dibuat' : 'diperbarui'}: ${r.formItems.added} butir ditambahkan, ${r.formItems.updated} diperbarui`,
        en: `Form ${r.formItems.created ? 'created' : 'updated'}: ${r.formItems.added} items added, ${r.formItems.updated} updated`,
      });
    if (r.spreadsheet)
      lines.push({
        id: `Spreadsheet tinjauan ${r.spreadsheet.created ? 'dibuat' : 'diperbarui'}: ${r.spreadsheet.url}`,
        en: `Review spreadsheet ${r.spreadsheet.created ? 'created' : 'updated'}: ${r.spreadsheet.url}`,
      });
    if (r.intake)
      lines.push({
        id: `Spreadsheet respons (sekretariat saja, jangan dibagikan) ${r.intake.created ? 'dibuat' : 'dipakai'}: ${r.intake.url}`,
        en: `Intake spreadsheet (secretariat only, never share it) ${r.intake.created ? 'created' : 'in use'}: ${r.intake.url}`,
      });
    lines.push(...(r.negotiation ?? []));
    for (const w of r.warnings ?? []) lines.push({ id: `! ${w.id}`, en: `! ${w.en}` });
    lines.push({ id: `Pemicu lama dihapus: ${r.removed}`, en: `Old triggers removed: ${r.removed}` });
    const owner = deps.props.get(PROP.triggerOwner);
    if (owner) lines.push({ id: `Pemilik pemicu: ${owner}`, en: `Triggers owned by: ${owner}` });
    lines.push({
      id: `Pemicu dipasang: ${HANDLERS.formSubmit} (saat formulir dikirim), ${HANDLERS.retry} (setiap ${RETRY_EVERY_MINUTES} menit), ${HANDLERS.reviewEdit} (saat spreadsheet tinjauan diedit)`,
      en: `Triggers installed: ${HANDLERS.formSubmit} (on form submit), ${HANDLERS.retry} (every ${RETRY_EVERY_MINUTES} minutes), ${HANDLERS.reviewEdit} (on review spreadsheet edit)`,
    });
  } else {
    lines.push({ id: 'Penyiapan belum selesai. Perbaiki:', en: 'Setup not complete. Please fix:' });
    for (const p of r.problems) lines.push({ id: `- ${p.id}`, en: `- ${p.en}` });
  }
  lines.push(SECRET_HELP, {
    id: `Antrean kirim ulang: ${r.outbox}; gagal permanen: ${r.failed}`,
    en: `Outbox: ${r.outbox}; failed for good: ${r.failed}`,
  });
  const message = lines.map(bilingual).join('\n');
  if (r.ok) deps.log.info(message);
  else deps.log.warn(message);
  return { ...r, message };
}
