// What setup adds for negotiation, in its own module: the negotiation tab of the review spreadsheet, and
// the agency-response form built from the second spec (shared/negotiation/google/agency-form-spec.ts) with its
// own form-submit trigger. Setup never creates a form (see ports.ts FormPort): the secretariat makes an
// empty, published form and puts its id in COCREATE_AGENCY_FORM_ID; until then setup says so and goes on.
import type { RoundConfig } from '../../../shared/definitions/round';
import { agencyFormSpec, agencyQuestionTitle } from '../../../shared/negotiation/google/agency-form-spec';
import { LINK_PLACEHOLDERS } from '../../../shared/negotiation/google/form-link';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import type {
  FormItemSpec,
  FormPort,
  Log,
  PropertyStore,
  SpreadsheetDoc,
  TriggerInfo,
  TriggerPort,
} from '../ports';
import { reviewTabs } from '../review/review-layout';
import { AGENCY_FORM_LINK_PROP, ensureNegotiationTab } from './negotiation-tab';

export const AGENCY_FORM_ID_PROP = 'COCREATE_AGENCY_FORM_ID';
export const AGENCY_FORM_ITEMS_PROP = 'COCREATE_AGENCY_FORM_ITEMS';
export const AGENCY_RESPONSE_HANDLER = 'onAgencyResponse';

export interface NegotiationSetupDeps {
  props: PropertyStore;
  forms: FormPort;
  triggers: TriggerPort;
  log: Log;
}

export interface NegotiationSetup {
  trigger?: TriggerInfo;
  lines: Text[];
  warnings: Text[];
}

function readMap(props: PropertyStore): Record<string, string> {
  try {
    const m = JSON.parse(props.get(AGENCY_FORM_ITEMS_PROP) ?? '{}') as unknown;
    return m && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The tab, then the agency form and its trigger (the caller has removed setup's old triggers). */
export function setupNegotiation(
  deps: NegotiationSetupDeps,
  round: RoundConfig,
  review: SpreadsheetDoc,
): NegotiationSetup {
  ensureNegotiationTab(review, reviewTabs(round).length + 1);
  const out: NegotiationSetup = { lines: [], warnings: [] };
  const formId = (deps.props.get(AGENCY_FORM_ID_PROP) ?? '').trim();
  if (!formId) {
    out.lines.push({
      id: `Formulir tanggapan K/L belum diatur: buat formulir kosong yang dipublikasikan, isi ${AGENCY_FORM_ID_PROP} dengan ID-nya, lalu jalankan setup lagi`,
      en: `Agency-response form not set up yet: make an empty, published form, put its id in ${AGENCY_FORM_ID_PROP}, and run setup again`,
    });
    return out;
  }
  let form: ReturnType<FormPort['open']>;
  try {
    form = deps.forms.open(formId);
  } catch (e) {
    out.warnings.push({
      id: `Formulir tanggapan K/L ${formId} tidak dapat dibuka: ${String((e as Error)?.message ?? e)}`,
      en: `Agency-response form ${formId} cannot be opened: ${String((e as Error)?.message ?? e)}`,
    });
    return out;
  }
  const spec = agencyFormSpec(round.name);
  const map = readMap(deps.props);
  const existing = new Set(form.items().map((i) => i.id));
  for (const q of spec.questions) {
    const item: FormItemSpec = {
      kind: q.kind,
      title: agencyQuestionTitle(q),
      help: q.help ? bilingual(q.help) : '',
      required: q.required,
      ...(q.choices ? { choices: q.choices } : {}),
      ...(q.maxLength
        ? {
            validation: {
              maxLength: q.maxLength,
              helpText: bilingual({
                id: `Maksimal ${q.maxLength} karakter`,
                en: `At most ${q.maxLength} characters`,
              }),
            },
          }
        : {}),
    };
    const id = map[q.id];
    if (!(id && existing.has(id) && form.updateItem(id, item))) map[q.id] = form.addItem(item);
  }
  deps.props.set(AGENCY_FORM_ITEMS_PROP, JSON.stringify(map));
  // No email collection: the answer is the institution's, and focal points stay out of the responses.
  form.applySettings({
    title: bilingual(spec.title),
    description: bilingual(spec.description),
    confirmation: bilingual(spec.confirmation),
    collectEmail: false,
    allowResponseEdits: false,
    // Agencies answer from their own (government) accounts: never limited to the secretariat's domain.
    requireLogin: false,
  });
  const commitmentItem = map.commitment_id;
  const agencyItem = map.agency;
  if (form.prefilledUrl && commitmentItem && agencyItem) {
    const template = form.prefilledUrl({
      [commitmentItem]: LINK_PLACEHOLDERS.commitmentId,
      [agencyItem]: LINK_PLACEHOLDERS.agency,
    });
    deps.props.set(AGENCY_FORM_LINK_PROP, template);
    out.lines.push({
      id: `Templat tautan formulir K/L (isi parameter Lambda AGENCY_FORM_LINK dengan ini untuk email pengingat): ${template}`,
      en: `Agency form link template (set the Lambda parameter AGENCY_FORM_LINK to it for reminder emails): ${template}`,
    });
  }
  out.trigger = deps.triggers.createFormSubmit(AGENCY_RESPONSE_HANDLER, form.id);
  out.lines.push({
    id: `Formulir tanggapan K/L: ${form.title} (${form.id}); pemicu ${AGENCY_RESPONSE_HANDLER} dipasang`,
    en: `Agency-response form: ${form.title} (${form.id}); trigger ${AGENCY_RESPONSE_HANDLER} installed`,
  });
  return out;
}
