// Builders of fake form-submit events, from answers keyed by question title (as the form shows them).
//
// Assumptions (developers.google.com/apps-script/guides/triggers/events#form-submit and
// developers.google.com/apps-script/reference/forms/item-response#getResponse()):
// - A trigger on the form gives `e.response` (a FormResponse) and `e.source`; a trigger on the response
//   spreadsheet gives `e.namedValues`, `e.values` and `e.range` instead. Both carry authMode and triggerUid.
//   By default the builder gives both shapes at once so one event exercises either path; `shape` narrows it.
// - getItemResponses() lists the answered items in form order, and only those: an unanswered question
//   (empty text, no choice ticked) is omitted, not given as ''; getResponse() is a string, or a string[]
//   for a checkbox item. getTimestamp() is a Date; getRespondentEmail() is '' when emails are not collected.
// - namedValues maps each column header to a one-element string array; checkbox answers are joined by
//   ", "; the first column is "Timestamp" in the spreadsheet's locale format (here d/M/yyyy H:mm:ss, WIB);
//   values lists the same strings in column order; an unanswered question is an empty string there.

export interface FormSubmitEventArgs {
  responseId: string;
  /** Default: now. */
  timestamp?: Date | string | number;
  /** Default: an https edit link derived from the response id. */
  editUrl?: string;
  answersByTitle: Record<string, string | string[]>;
  respondentEmail?: string;
  /** Item types by title (FormApp.ItemType names); default CHECKBOX for lists, TEXT otherwise. */
  itemTypes?: Record<string, string>;
  /** Which trigger's event to imitate: a trigger on the form (default) or on the response spreadsheet. */
  shape?: 'form' | 'sheet';
  /** Spreadsheet time zone offset for the Timestamp column, in hours (default 7, WIB). */
  utcOffsetHours?: number;
}

export interface FakeItemResponse {
  getItem(): { getTitle(): string; getType(): string };
  getResponse(): string | string[];
}

export interface FakeFormResponse {
  getId(): string;
  getTimestamp(): Date;
  getEditResponseUrl(): string;
  getRespondentEmail(): string;
  getItemResponses(): FakeItemResponse[];
}

export interface FakeFormSubmitEvent {
  authMode: 'FULL';
  triggerUid: string;
  response?: FakeFormResponse;
  source?: { getId(): string };
  namedValues?: Record<string, string[]>;
  values?: string[];
}

/** "d/M/yyyy H:mm:ss" in the given UTC offset, as a response spreadsheet in an Indonesian locale shows it. */
export function sheetTimestamp(date: Date, utcOffsetHours = 7): string {
  const d = new Date(date.getTime() + utcOffsetHours * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()} ${d.getUTCHours()}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

export function formSubmitEvent(args: FormSubmitEventArgs, formId = 'sim-form-1'): FakeFormSubmitEvent {
  const timestamp = args.timestamp === undefined ? new Date() : new Date(args.timestamp);
  const shape = args.shape ?? 'form';
  const editUrl =
    args.editUrl ??
    `https://docs.google.com/forms/d/e/${formId}/viewform?edit2=${encodeURIComponent(args.responseId)}`;
  const entries = Object.entries(args.answersByTitle);
  const event: FakeFormSubmitEvent = { authMode: 'FULL', triggerUid: 'sim-trigger' };
  const answered = (a: string | string[]) => (Array.isArray(a) ? a.length > 0 : a !== '');
  if (shape === 'form') {
    const items = entries
      .filter(([, answer]) => answered(answer))
      .map(([title, answer]) => {
        const type = args.itemTypes?.[title] ?? (Array.isArray(answer) ? 'CHECKBOX' : 'TEXT');
        const item = { getTitle: () => title, getType: () => type };
        return { getItem: () => item, getResponse: () => (Array.isArray(answer) ? [...answer] : answer) };
      });
    event.response = {
      getId: () => args.responseId,
      getTimestamp: () => new Date(timestamp.getTime()),
      getEditResponseUrl: () => editUrl,
      getRespondentEmail: () => args.respondentEmail ?? '',
      getItemResponses: () => [...items],
    };
    event.source = { getId: () => formId };
  }
  if (shape === 'sheet') {
    const stamp = sheetTimestamp(timestamp, args.utcOffsetHours ?? 7);
    const columns: [string, string][] = [['Timestamp', stamp]];
    if (args.respondentEmail) columns.push(['Email Address', args.respondentEmail]);
    for (const [title, answer] of entries)
      columns.push([title, Array.isArray(answer) ? answer.join(', ') : answer]);
    event.namedValues = Object.fromEntries(columns.map(([k, v]) => [k, [v]]));
    event.values = columns.map(([, v]) => v);
  }
  return event;
}
