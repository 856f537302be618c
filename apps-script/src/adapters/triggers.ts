// TriggerPort over ScriptApp installable triggers (only this project's triggers for the current user).
// developers.google.com/apps-script/reference/script/script-app
import type { TriggerInfo, TriggerKind, TriggerPort } from '../ports';

function info(t: GoogleAppsScript.Script.Trigger): TriggerInfo {
  const type = t.getEventType();
  const kind: TriggerKind =
    type === ScriptApp.EventType.ON_FORM_SUBMIT
      ? 'form-submit'
      : type === ScriptApp.EventType.CLOCK
        ? 'clock'
        : type === ScriptApp.EventType.ON_EDIT
          ? 'spreadsheet-edit'
          : 'other';
  return { id: t.getUniqueId(), handler: t.getHandlerFunction(), kind };
}

export function scriptAppTriggers(): TriggerPort {
  return {
    list: () => ScriptApp.getProjectTriggers().map(info),
    delete(id) {
      const trigger = ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === id);
      if (trigger) ScriptApp.deleteTrigger(trigger);
    },
    createFormSubmit: (handler, formId) =>
      info(ScriptApp.newTrigger(handler).forForm(formId).onFormSubmit().create()),
    createEveryMinutes: (handler, minutes) =>
      info(ScriptApp.newTrigger(handler).timeBased().everyMinutes(minutes).create()),
    createSpreadsheetEdit: (handler, spreadsheetId) =>
      info(ScriptApp.newTrigger(handler).forSpreadsheet(spreadsheetId).onEdit().create()),
  };
}
