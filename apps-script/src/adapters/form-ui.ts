// NoticePort as a dialog in the form editor (FormApp.getUi().alert, scope script.container.ui), so the
// person who clicked a menu item sees what happened; from the script editor or a trigger there is no UI,
// and the message goes to the execution log instead.
// developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet)
import type { NoticePort } from '../ports';

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
