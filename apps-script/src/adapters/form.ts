// FormPort and MenuPort over FormApp: the bound (or configured, or created) form, its items and settings,
// and the form editor's menu bar. developers.google.com/apps-script/reference/forms/form-app
import type { FormDoc, FormItemKind, FormItemSpec, FormPort, MenuPort, NoticePort } from '../ports';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;

function kindOf(item: Item): FormItemKind | 'other' {
  const t = item.getType();
  const T = FormApp.ItemType;
  if (t === T.SECTION_HEADER) return 'header';
  if (t === T.PAGE_BREAK) return 'page';
  if (t === T.TEXT) return 'text';
  if (t === T.PARAGRAPH_TEXT) return 'paragraph';
  if (t === T.MULTIPLE_CHOICE) return 'choice';
  if (t === T.CHECKBOX) return 'checkbox';
  if (t === T.DATE) return 'date';
  return 'other';
}

/** Writes every property of the spec onto an item already known to be of spec.kind. */
function fill(item: Item, spec: FormItemSpec): void {
  const v = spec.validation;
  switch (spec.kind) {
    case 'header':
      item.asSectionHeaderItem().setTitle(spec.title).setHelpText(spec.help);
      return;
    case 'page':
      item.asPageBreakItem().setTitle(spec.title).setHelpText(spec.help);
      return;
    case 'text': {
      const text = item.asTextItem().setTitle(spec.title).setHelpText(spec.help).setRequired(spec.required);
      if (!v) {
        text.clearValidation();
        return;
      }
      const b = FormApp.createTextValidation();
      if (v.email) b.requireTextIsEmail();
      else if (v.number) b.requireNumber();
      else if (v.maxLength) b.requireTextLengthLessThanOrEqualTo(v.maxLength);
      if (v.helpText) b.setHelpText(v.helpText);
      text.setValidation(b.build());
      return;
    }
    case 'paragraph': {
      const para = item
        .asParagraphTextItem()
        .setTitle(spec.title)
        .setHelpText(spec.help)
        .setRequired(spec.required);
      if (!v?.maxLength) {
        para.clearValidation();
        return;
      }
      const b = FormApp.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(v.maxLength);
      if (v.helpText) b.setHelpText(v.helpText);
      para.setValidation(b.build());
      return;
    }
    case 'choice':
      item
        .asMultipleChoiceItem()
        .setTitle(spec.title)
        .setHelpText(spec.help)
        .setRequired(spec.required)
        .setChoiceValues(spec.choices ?? []);
      return;
    case 'checkbox':
      item
        .asCheckboxItem()
        .setTitle(spec.title)
        .setHelpText(spec.help)
        .setRequired(spec.required)
        .setChoiceValues(spec.choices ?? []);
      return;
    case 'date':
      item
        .asDateItem()
        .setTitle(spec.title)
        .setHelpText(spec.help)
        .setRequired(spec.required)
        .setIncludesYear(true);
      return;
  }
}

function add(form: Form, kind: FormItemKind): Item {
  switch (kind) {
    case 'header':
      return form.addSectionHeaderItem() as unknown as Item;
    case 'page':
      return form.addPageBreakItem() as unknown as Item;
    case 'text':
      return form.addTextItem() as unknown as Item;
    case 'paragraph':
      return form.addParagraphTextItem() as unknown as Item;
    case 'choice':
      return form.addMultipleChoiceItem() as unknown as Item;
    case 'checkbox':
      return form.addCheckboxItem() as unknown as Item;
    case 'date':
      return form.addDateItem() as unknown as Item;
  }
}

/** Item ids are integers in FormApp; the logic keeps them as strings. */
function find(form: Form, id: string): Item | null {
  const n = Number(id);
  return Number.isInteger(n) ? form.getItemById(n) : null;
}

function formDoc(form: Form): FormDoc {
  return {
    id: form.getId(),
    title: form.getTitle(),
    items: () =>
      form.getItems().map((i) => ({ id: String(i.getId()), kind: kindOf(i), title: i.getTitle() })),
    addItem(spec) {
      const item = add(form, spec.kind);
      // A new item is a specific type (TextItem, ...); getItemById gives the generic Item that fill expects.
      const id = String(item.getId());
      const generic = find(form, id);
      if (generic) fill(generic, spec);
      return id;
    },
    updateItem(id, spec) {
      const item = find(form, id);
      if (!item || kindOf(item) !== spec.kind) return false;
      fill(item, spec);
      return true;
    },
    deleteItem(id) {
      const item = find(form, id);
      if (item) form.deleteItem(item);
    },
    applySettings(s) {
      form
        .setTitle(s.title)
        .setDescription(s.description)
        .setConfirmationMessage(s.confirmation)
        .setCollectEmail(s.collectEmail)
        .setAllowResponseEdits(s.allowResponseEdits);
      try {
        // .../forms/form#setRequireLogin(Boolean): for Google Workspace domains; elsewhere it may throw.
        form.setRequireLogin(s.requireLogin);
      } catch {
        // A consumer account's form admits anyone with the link already.
      }
    },
    published() {
      // Form.isPublished() arrived with the 2026 publishing change; older runtimes lack it.
      const f = form as unknown as { isPublished?: () => boolean };
      return typeof f.isPublished === 'function' ? f.isPublished() : null;
    },
    destinationId() {
      try {
        return form.getDestinationId() || null;
      } catch {
        // Throws when the form has no destination yet.
        return null;
      }
    },
    setDestination(spreadsheetId) {
      form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheetId);
    },
    responderUrl: () => form.getPublishedUrl(),
    prefilledUrl(values) {
      const response = form.createResponse();
      for (const [id, value] of Object.entries(values)) {
        const item = find(form, id);
        if (item) response.withItemResponse(item.asTextItem().createResponse(value));
      }
      return response.toPrefilledUrl();
    },
  };
}

export function formApp(): FormPort {
  return {
    active() {
      const form = FormApp.getActiveForm();
      return form ? formDoc(form) : null;
    },
    open: (id) => formDoc(FormApp.openById(id)),
  };
}

/** Menus exist only in the editor of the form the script is bound to (visible to editors, not respondents). */
export function formMenu(): MenuPort {
  return {
    addMenu(title, items) {
      const menu = FormApp.getUi().createMenu(title);
      for (const item of items) menu.addItem(item.caption, item.functionName);
      menu.addToUi();
    },
  };
}

/**
 * NoticePort as a dialog in the form editor (FormApp.getUi().alert, scope script.container.ui), so the
 * person who clicked a menu item sees what happened; from the script editor or a trigger there is no UI,
 * and the message goes to the execution log instead.
 * developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet)
 */
export function formDialogOrLog(): NoticePort & { shown(): boolean } {
  let shown = false;
  return {
    show(message, title) {
      try {
        const ui = FormApp.getUi();
        ui.alert(title, message, ui.ButtonSet.OK);
        shown = true;
      } catch {
        Logger.log('%s: %s', title, message);
      }
    },
    shown: () => shown,
  };
}
