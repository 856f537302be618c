// FormPort and MenuPort over FormApp: the bound (or configured) form and the form editor's menu bar.
// developers.google.com/apps-script/reference/forms/form-app
import type { FormPort, FormRef, MenuPort } from '../ports';

const ref = (form: GoogleAppsScript.Forms.Form): FormRef => ({ id: form.getId(), title: form.getTitle() });

export function formApp(): FormPort {
  return {
    active() {
      const form = FormApp.getActiveForm();
      return form ? ref(form) : null;
    },
    open: (id) => ref(FormApp.openById(id)),
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
