// ScriptApp: installable triggers (per user, at most 20) and authorization info.
import type { Counted } from './calls';

/** developers.google.com/apps-script/guides/services/quotas: "Triggers 20 / user / script". */
export const MAX_TRIGGERS = 20;

export interface SimTrigger {
  id: string;
  /** The user who installed it: it runs as them, and only they see it in getProjectTriggers(). */
  owner: string;
  handler: string;
  eventType: 'ON_FORM_SUBMIT' | 'CLOCK' | 'ON_EDIT' | 'ON_OPEN';
  source: 'FORMS' | 'CLOCK' | 'SPREADSHEETS';
  sourceId: string | null;
  everyMinutes?: number;
}

export function createScriptApp(
  counted: Counted,
  context: {
    /** Who runs the script now (they own the triggers it installs). */
    user: () => string;
    granted: Set<string> | null;
    hasForm: (id: string) => boolean;
    hasSpreadsheet: (id: string) => boolean;
  },
) {
  const { granted } = context;
  // developers.google.com/apps-script/reference/script/script-app: getProjectTriggers() lists this
  // project's triggers for the current user (new Trigger objects each call); deleteTrigger(trigger) removes
  // the one with the same unique id (assumed: a no-op when it is already gone); newTrigger(name) builds
  // .forForm(form|id).onFormSubmit().create() or .timeBased().everyMinutes(n).create() with n in
  // 1, 5, 10, 15, 30 (.../script/clock-trigger-builder#everyMinutes(Integer)); at most 20 triggers.
  const EventType = {
    CLOCK: 'CLOCK',
    ON_OPEN: 'ON_OPEN',
    ON_EDIT: 'ON_EDIT',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
    ON_CHANGE: 'ON_CHANGE',
  };
  const TriggerSource = {
    SPREADSHEETS: 'SPREADSHEETS',
    CLOCK: 'CLOCK',
    FORMS: 'FORMS',
    DOCUMENTS: 'DOCUMENTS',
    CALENDAR: 'CALENDAR',
  };
  const triggers: SimTrigger[] = [];
  let nextTriggerId = 1000;
  const triggerObject = (t: SimTrigger) => ({
    getUniqueId: counted('Trigger.getUniqueId', () => t.id),
    getHandlerFunction: counted('Trigger.getHandlerFunction', () => t.handler),
    getEventType: counted('Trigger.getEventType', () => t.eventType),
    getTriggerSource: counted('Trigger.getTriggerSource', () => t.source),
    getTriggerSourceId: counted('Trigger.getTriggerSourceId', () => t.sourceId),
  });
  const install = (t: Omit<SimTrigger, 'id' | 'owner'>) => {
    if (triggers.filter((x) => x.owner === context.user()).length >= MAX_TRIGGERS) {
      throw new Error(
        'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const trigger = { ...t, id: String(nextTriggerId++), owner: context.user() };
    triggers.push(trigger);
    return triggerObject(trigger);
  };
  const AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' };
  const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
  const ScriptApp = {
    EventType,
    TriggerSource,
    AuthMode,
    AuthorizationStatus,
    getScriptId: counted('ScriptApp.getScriptId', () => 'sim-script-1'),
    // developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String):
    // with a list of scopes, getAuthorizedScopes() gives those of the list the user granted; the status is
    // REQUIRED while any is missing, and getAuthorizationUrl() is where the user can grant the rest.
    getAuthorizationInfo: counted('ScriptApp.getAuthorizationInfo', (_mode: string, scopes?: string[]) => {
      const asked = scopes ? [...scopes] : [...(granted ?? [])];
      const authorized = granted ? asked.filter((x) => granted.has(x)) : asked;
      const missing = authorized.length < asked.length;
      return {
        getAuthorizationStatus: counted('AuthorizationInfo.getAuthorizationStatus', () =>
          missing ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED,
        ),
        getAuthorizationUrl: counted('AuthorizationInfo.getAuthorizationUrl', () =>
          missing ? 'https://script.google.com/macros/d/sim-script-1/authorize' : null,
        ),
        getAuthorizedScopes: counted('AuthorizationInfo.getAuthorizedScopes', () => authorized),
      };
    }),
    // Only the current user's triggers of this project, as new Trigger objects each call.
    getProjectTriggers: counted('ScriptApp.getProjectTriggers', () =>
      triggers.filter((t) => t.owner === context.user()).map(triggerObject),
    ),
    deleteTrigger: counted('ScriptApp.deleteTrigger', (trigger: { getUniqueId(): string }) => {
      const at = triggers.findIndex((t) => t.id === trigger.getUniqueId() && t.owner === context.user());
      if (at >= 0) triggers.splice(at, 1);
    }),
    newTrigger: counted('ScriptApp.newTrigger', (handler: string) => ({
      forForm: counted('TriggerBuilder.forForm', (form: string | { getId(): string }) => {
        const formId = typeof form === 'string' ? form : form.getId();
        let event: 'ON_FORM_SUBMIT' | null = null;
        const builder: Record<string, unknown> = {
          onFormSubmit: counted('FormTriggerBuilder.onFormSubmit', () => {
            event = 'ON_FORM_SUBMIT';
            return builder;
          }),
          create: counted('FormTriggerBuilder.create', () => {
            if (!event)
              throw new Error('Exception: Trigger has no event type: call onFormSubmit() or onOpen() first.');
            if (!context.hasForm(formId))
              throw new Error(`Exception: No item with the given ID could be found: ${formId}`);
            return install({ handler, eventType: event, source: 'FORMS', sourceId: formId });
          }),
        };
        return builder;
      }),
      forSpreadsheet: counted('TriggerBuilder.forSpreadsheet', (ss: string | { getId(): string }) => {
        const id = typeof ss === 'string' ? ss : ss.getId();
        let event: 'ON_EDIT' | 'ON_OPEN' | null = null;
        const builder: Record<string, unknown> = {
          onEdit: counted('SpreadsheetTriggerBuilder.onEdit', () => {
            event = 'ON_EDIT';
            return builder;
          }),
          onOpen: counted('SpreadsheetTriggerBuilder.onOpen', () => {
            event = 'ON_OPEN';
            return builder;
          }),
          create: counted('SpreadsheetTriggerBuilder.create', () => {
            if (!event)
              throw new Error('Exception: Trigger has no event type: call onEdit() or onOpen() first.');
            if (!context.hasSpreadsheet(id))
              throw new Error(`Exception: No item with the given ID could be found: ${id}`);
            return install({ handler, eventType: event, source: 'SPREADSHEETS', sourceId: id });
          }),
        };
        return builder;
      }),
      timeBased: counted('TriggerBuilder.timeBased', () => {
        let minutes: number | null = null;
        const builder: Record<string, unknown> = {
          everyMinutes: counted('ClockTriggerBuilder.everyMinutes', (n: number) => {
            if (![1, 5, 10, 15, 30].includes(n))
              throw new Error('Exception: The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
            minutes = n;
            return builder;
          }),
          create: counted('ClockTriggerBuilder.create', () => {
            if (minutes === null) throw new Error('Exception: Clock trigger has no schedule.');
            return install({
              handler,
              eventType: 'CLOCK',
              source: 'CLOCK',
              sourceId: null,
              everyMinutes: minutes,
            });
          }),
        };
        return builder;
      }),
    })),
  };
  return { ScriptApp, triggers };
}
