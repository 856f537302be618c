// Builds the Google Form from shared/definitions/form-spec.ts: a section header, then one page break per later section,
// each question as the item of its type with its help text, required flag, choices and validation. Re-running
// updates the same items in place: the question id -> item id map lives in the Script Property
// COCREATE_FORM_ITEMS; a question new to the spec is appended; one whose item was deleted by hand is added again.

import { choiceLabel, type FormSpec, type Question, questionTitle } from '../../shared/definitions/form-spec';
import { bilingual } from '../../shared/platform/i18n';
import type { FormDoc, FormItemKind, FormItemSpec, Log, PropertyStore } from './ports';

export const FORM_ITEMS_PROP = 'COCREATE_FORM_ITEMS';

export interface KeyedItem {
  /** `s:<section id>` or `q:<question id>`. */
  key: string;
  item: FormItemSpec;
}

const KIND: Record<Question['type'], FormItemKind> = {
  text: 'text',
  email: 'text',
  number: 'text',
  paragraph: 'paragraph',
  choice: 'choice',
  checkbox: 'checkbox',
  date: 'date',
};

function questionItem(q: Question): FormItemSpec {
  const item: FormItemSpec = {
    kind: KIND[q.type],
    title: questionTitle(q),
    help: q.help ? bilingual(q.help) : '',
    required: q.required,
  };
  if (q.choices) item.choices = q.choices.map(choiceLabel);
  if (q.type === 'email')
    item.validation = {
      email: true,
      helpText: bilingual({ id: 'Isi alamat email yang valid', en: 'Enter a valid email address' }),
    };
  else if (q.type === 'number')
    item.validation = { number: true, helpText: bilingual({ id: 'Isi angka', en: 'Enter a number' }) };
  else if (q.maxLength && (q.type === 'text' || q.type === 'paragraph'))
    item.validation = {
      maxLength: q.maxLength,
      helpText: bilingual({
        id: `Maksimal ${q.maxLength} karakter`,
        en: `At most ${q.maxLength} characters`,
      }),
    };
  return item;
}

/** Every item of the form, in order, keyed by the spec id it comes from. */
export function formItems(spec: FormSpec): KeyedItem[] {
  return spec.sections.flatMap((section, i) => [
    {
      key: `s:${section.id}`,
      item: {
        kind: i === 0 ? ('header' as const) : ('page' as const),
        title: bilingual(section.title),
        help: section.description ? bilingual(section.description) : '',
        required: false,
      },
    },
    ...section.questions.map((q) => ({ key: `q:${q.id}`, item: questionItem(q) })),
  ]);
}

export interface FormBuildResult {
  added: number;
  updated: number;
  /** Items the map pointed at that now hold another kind of question (replaced). */
  replaced: number;
}

function readMap(props: PropertyStore): Record<string, string> {
  try {
    const map = JSON.parse(props.get(FORM_ITEMS_PROP) ?? '{}') as unknown;
    return typeof map === 'object' && map !== null && !Array.isArray(map)
      ? (map as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Makes the form match the spec. An item the map does not know is adopted when one of the same kind and
 * title exists (a lost map, or a form built by hand), otherwise appended.
 */
export function buildForm(
  deps: { props: PropertyStore; log: Log },
  form: FormDoc,
  spec: FormSpec,
  destinationId: string,
): FormBuildResult {
  const result: FormBuildResult = { added: 0, updated: 0, replaced: 0 };
  const map = readMap(deps.props);
  const existing = form.items();
  const known = new Set(existing.map((i) => i.id));
  const claimed = new Set(Object.values(map).filter((id) => known.has(id)));
  for (const { key, item } of formItems(spec)) {
    let id = map[key];
    if (!id || !known.has(id)) {
      const twin = existing.find((x) => !claimed.has(x.id) && x.kind === item.kind && x.title === item.title);
      id = twin?.id;
    }
    if (id && form.updateItem(id, item)) {
      result.updated++;
    } else {
      if (id && known.has(id)) {
        form.deleteItem(id);
        result.replaced++;
      }
      id = form.addItem(item);
      result.added++;
    }
    map[key] = id;
    claimed.add(id);
  }
  deps.props.set(FORM_ITEMS_PROP, JSON.stringify(map));
  form.applySettings({
    title: bilingual(spec.title),
    description: bilingual(spec.description),
    confirmation: bilingual(spec.confirmation),
    // The contact email is a required, validated question of the spec. "Collect email addresses" may mean
    // verified collection, which makes every respondent sign in to a Google account (CSO staff often have
    // none), and it would add a second copy of the address: off.
    collectEmail: false,
    allowResponseEdits: true,
    // On a Workspace domain a form may admit only accounts of that domain; CSOs are outside it.
    requireLogin: false,
  });
  // Setting the destination again would make Forms add another responses tab: only when it differs.
  if (form.destinationId() !== destinationId) form.setDestination(destinationId);
  deps.log.info('form built from the spec', result);
  return result;
}
