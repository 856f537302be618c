import { describe, expect, it } from '@jest/globals';
import { buildForm, FORM_ITEMS_PROP, formItems } from '../../../apps-script/src/form-build';
import { allQuestions, formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { configured, MemoryForm, MemoryLog } from './in-memory-ports';

const spec = formSpec(DEFAULT_ROUND);
const item = (form: MemoryForm, title: RegExp) => form.itemList.find((i) => title.test(i.title));

function build(form = new MemoryForm('f1', 'Form'), props = configured(), s = spec) {
  const result = buildForm({ props, log: new MemoryLog() }, form, s, 'ss-1');
  return { form, props, result };
}

describe('formItems', () => {
  it('opens with a section header, then one page break per later section, each followed by its questions', () => {
    const items = formItems(spec);
    const sections = items.filter((i) => i.key.startsWith('s:'));
    expect(sections.map((s) => s.item.kind)).toEqual(['header', 'page', 'page', 'page', 'page']);
    expect(items.filter((i) => i.key.startsWith('q:'))).toHaveLength(allQuestions(spec).length);
    expect(items[0]?.item.title).toBe('Pengusul / Submitter');
  });

  it('maps each question type to its item, with bilingual titles, help, required flags and choices', () => {
    const byKey = new Map(formItems(spec).map((i) => [i.key, i.item]));
    expect(byKey.get('q:email')).toMatchObject({ kind: 'text', required: true, validation: { email: true } });
    expect(byKey.get('q:title')).toMatchObject({ kind: 'text', validation: { maxLength: 200 } });
    expect(byKey.get('q:problem')).toMatchObject({ kind: 'paragraph', validation: { maxLength: 5000 } });
    expect(byKey.get('q:m1_start')).toMatchObject({ kind: 'date', required: true });
    expect(byKey.get('q:m2_start')).toMatchObject({ kind: 'date', required: false });
    expect(byKey.get('q:working_group')).toMatchObject({ kind: 'choice' });
    expect(byKey.get('q:working_group')?.choices?.[0]).toBe(
      'Anti Korupsi & Anggaran / Anti-Corruption & Budget',
    );
    expect(byKey.get('q:ogp_values')?.kind).toBe('checkbox');
    expect(byKey.get('q:budget')?.help).toBe('Contoh: Rp 150.000.000 / Example: Rp 150.000.000');
    expect(byKey.get('q:title')?.validation?.helpText).toBe('Maksimal 200 karakter / At most 200 characters');
  });
});

describe('buildForm', () => {
  it('builds every item, the settings and the destination on a new form', () => {
    const { form, props, result } = build();
    expect(result).toEqual({ added: formItems(spec).length, updated: 0, replaced: 0 });
    expect(form.itemList.map((i) => i.title)).toEqual(formItems(spec).map((i) => i.item.title));
    expect(form.settings).toEqual({
      title: `Usulan Komitmen — ${DEFAULT_ROUND.name.id} / Commitment Proposal — ${DEFAULT_ROUND.name.en}`,
      description: expect.stringMatching(/^Formulir usulan .* \/ Commitment proposal form/),
      confirmation: expect.stringMatching(/^Terima kasih\. .* \/ Thank you\./),
      collectEmail: false,
      requireLogin: false,
      allowResponseEdits: true,
    });
    expect(form.destination).toBe('ss-1');
    expect(Object.keys(JSON.parse(props.get(FORM_ITEMS_PROP) ?? '{}'))).toHaveLength(formItems(spec).length);
  });

  it('updates the same items when run again, and sets the destination only once', () => {
    const { form, props } = build();
    const ids = form.itemList.map((i) => i.id);
    const again = build(form, props);
    expect(again.result).toEqual({ added: 0, updated: ids.length, replaced: 0 });
    expect(form.itemList.map((i) => i.id)).toEqual(ids);
    expect(form.destinationSets).toBe(1);
  });

  it('updates titles, choices and required flags in place and appends a question new to the spec', () => {
    const { form, props } = build();
    const round = {
      ...DEFAULT_ROUND,
      workingGroups: [
        ...DEFAULT_ROUND.workingGroups,
        { id: 'health', name: { id: 'Kesehatan', en: 'Health' } },
      ],
    };
    const changed = formSpec(round);
    const first = changed.sections[0];
    if (!first) throw new Error('no section');
    first.questions = first.questions.map((q) => (q.id === 'phone' ? { ...q, required: true } : q));
    first.questions.push({
      id: 'website',
      type: 'text',
      required: false,
      title: { id: 'Situs web', en: 'Website' },
    });
    const before = form.itemList.length;
    const wgId = item(form, /^Kelompok kerja/)?.id;
    const r = buildForm({ props, log: new MemoryLog() }, form, changed, 'ss-1');
    expect(r).toMatchObject({ added: 1, replaced: 0 });
    expect(form.itemList).toHaveLength(before + 1);
    expect(form.itemList.at(-1)?.title).toBe('Situs web / Website');
    expect(item(form, /^Kelompok kerja/)).toMatchObject({
      id: wgId,
      choices: expect.arrayContaining(['Kesehatan / Health']),
    });
    expect(item(form, /^Nomor telepon/)?.required).toBe(true);
  });

  it('adds again an item someone deleted by hand, and adopts same-titled items when the map is lost', () => {
    const { form, props } = build();
    const deleted = item(form, /^Judul komitmen/)?.id ?? '';
    form.deleteItem(deleted);
    expect(build(form, props).result).toMatchObject({ added: 1 });
    props.delete(FORM_ITEMS_PROP);
    const count = form.itemList.length;
    expect(build(form, props).result).toMatchObject({ added: 0, updated: count });
    expect(form.itemList).toHaveLength(count);
  });

  it('replaces an item whose question changed type', () => {
    const { form, props } = build();
    const changed = formSpec(DEFAULT_ROUND);
    const first = changed.sections[0];
    if (!first) throw new Error('no section');
    first.questions = first.questions.map((q) =>
      q.id === 'phone' ? { ...q, type: 'paragraph' as const } : q,
    );
    const r = buildForm({ props, log: new MemoryLog() }, form, changed, 'ss-1');
    expect(r).toMatchObject({ added: 1, replaced: 1 });
    expect(item(form, /^Nomor telepon/)?.kind).toBe('paragraph');
  });
});
