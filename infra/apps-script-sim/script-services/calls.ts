// What every service fake shares: the call counter, the simulated clock, and the scope each call needs.

export type Counted = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => (...args: A) => R;

export class CallCounter {
  private readonly counts = new Map<string, number>();

  hit(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

/** The simulated "now": real time plus whatever tests or Utilities.sleep advanced it by. */
export class SimClock {
  private offsetMs = 0;

  constructor(start?: Date | number) {
    if (start !== undefined) this.offsetMs = new Date(start).getTime() - Date.now();
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const SCOPE = 'https://www.googleapis.com/auth/';
/**
 * The scope each service needs (developers.google.com/apps-script/concepts/scopes and each service's
 * "Authorization" section): calls without it throw once the user unticked it on the consent screen.
 */
export function scopeOf(call: string): string | null {
  if (call.startsWith('UrlFetchApp.')) return `${SCOPE}script.external_request`;
  if (call.startsWith('MailApp.sendEmail')) return `${SCOPE}script.send_mail`;
  if (call.startsWith('ScriptApp.newTrigger') || call.startsWith('ScriptApp.getProjectTriggers'))
    return `${SCOPE}script.scriptapp`;
  if (call.startsWith('SpreadsheetApp.openById') || call.startsWith('SpreadsheetApp.create'))
    return `${SCOPE}spreadsheets`;
  if (call.startsWith('Ui.')) return `${SCOPE}script.container.ui`;
  if (call.startsWith('FormApp.openById') || call.startsWith('FormApp.getActiveForm')) return `${SCOPE}forms`;
  if (call.startsWith('DocumentApp.create') || call.startsWith('DocumentApp.openById'))
    return `${SCOPE}documents`;
  return null;
}
