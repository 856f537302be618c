import { describe, expect, it } from '@jest/globals';
import { createAppsScriptServices } from '../../../../infra/apps-script-sim/services';

// biome-ignore lint/suspicious/noExplicitAny: test access to untyped fakes
type Any = any;

describe('FormApp fake: items', () => {
  it('appends typed items with integer ids, finds them by id and casts them only to their own type', () => {
    const sim = createAppsScriptServices();
    const { FormApp }: Any = sim.globals;
    const form = FormApp.create('Usulan');
    const text = form.addTextItem().setTitle('Judul').setRequired(true);
    form.addPageBreakItem().setTitle('Bagian 2');
    expect(Number.isInteger(text.getId())).toBe(true);
    const found = form.getItemById(text.getId());
    expect(found.getType()).toBe(FormApp.ItemType.TEXT);
    expect(() => found.asCheckboxItem()).toThrow(/not of type CHECKBOX/);
    expect(form.getItemById(123)).toBeNull();
    expect(form.getItems().map((i: Any) => i.getTitle())).toEqual(['Judul', 'Bagian 2']);
    form.deleteItem(found);
    expect(
      sim
        .forms()
        .find((f) => f.id === form.getId())
        ?.items.map((i) => i.title),
    ).toEqual(['Bagian 2']);
  });

  it('accepts a text validation on a text item and refuses it on a paragraph item', () => {
    const { FormApp }: Any = createAppsScriptServices().globals;
    const form = FormApp.create('Usulan');
    const email = FormApp.createTextValidation().requireTextIsEmail().setHelpText('Email').build();
    expect(() => form.addTextItem().setValidation(email)).not.toThrow();
    expect(() => form.addParagraphTextItem().setValidation(email)).toThrow(/Invalid validation/);
    expect(FormApp.createParagraphTextValidation().requireTextIsEmail).toBeUndefined();
    expect(() => FormApp.createTextValidation().build()).toThrow(/no requirement/);
  });

  it('links a response spreadsheet, which gains a Form Responses tab each time it is linked', () => {
    const sim = createAppsScriptServices();
    const { FormApp, SpreadsheetApp }: Any = sim.globals;
    const form = FormApp.getActiveForm();
    expect(() => form.getDestinationId()).toThrow(/no response destination/);
    const ss = SpreadsheetApp.create('Tinjauan');
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    expect(form.getDestinationId()).toBe(ss.getId());
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    expect(sim.spreadsheets()[0]?.sheets.map((s) => s.name)).toEqual([
      'Form Responses 2',
      'Form Responses 1',
      'Sheet1',
    ]);
    expect(() => form.setDestination(FormApp.DestinationType.SPREADSHEET, 'nope')).toThrow(/No spreadsheet/);
  });

  it('records settings set in a chain', () => {
    const sim = createAppsScriptServices();
    const { FormApp }: Any = sim.globals;
    FormApp.getActiveForm()
      .setTitle('Judul / Title')
      .setConfirmationMessage('Terima kasih / Thank you')
      .setCollectEmail(true)
      .setAllowResponseEdits(true);
    expect(sim.forms()[0]).toMatchObject({
      title: 'Judul / Title',
      confirmation: 'Terima kasih / Thank you',
      collectEmail: true,
      allowResponseEdits: true,
    });
  });
});
