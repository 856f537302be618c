// NoticePort: a toast in the spreadsheet the person has open, when the script runs from one; otherwise
// (the form-bound script, a trigger) the message goes to the execution log through Logger.
// developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String)
import type { NoticePort } from '../ports';

export function toastOrLog(): NoticePort {
  return {
    show(message, title) {
      const open = SpreadsheetApp.getActive();
      if (open) open.toast(message, title);
      else Logger.log('%s: %s', title, message);
    },
  };
}
