// Session (who runs the script, who is at the keyboard) and the execution log (console, Logger).
import type { Counted } from './calls';

export interface SimLog {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export function createSession(counted: Counted, activeUser: string, user: () => string) {
  // developers.google.com/apps-script/reference/base/session#getActiveUser(): the active user's email may
  // be '' when Google does not disclose it (a user outside the owner's Workspace domain, most triggers).
  const Session = {
    getActiveUser: counted('Session.getActiveUser', () => ({
      getEmail: counted('User.getEmail', () => activeUser),
    })),
    getEffectiveUser: counted('Session.getEffectiveUser', () => ({
      getEmail: counted('User.getEmail', () => user()),
    })),
    getScriptTimeZone: counted('Session.getScriptTimeZone', () => 'Asia/Jakarta'),
  };
  return Session;
}

export function createLogging(counted: Counted, logs: SimLog[], echo = false) {
  // developers.google.com/apps-script/guides/logging: console.* and Logger.log write to the execution log
  // (and Cloud Logging); Logger.log formats %s placeholders.
  const write =
    (level: SimLog['level']) =>
    (...args: unknown[]) => {
      const message = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      logs.push({ level, message });
      if (echo) console[level](`[apps-script] ${message}`);
    };
  const simConsole = {
    log: counted('console.log', write('log')),
    info: counted('console.info', write('info')),
    warn: counted('console.warn', write('warn')),
    error: counted('console.error', write('error')),
  };
  const Logger: Record<string, unknown> = {
    log: counted('Logger.log', (format: unknown, ...values: unknown[]) => {
      let i = 0;
      const message = String(format).replace(/%s/g, () => String(values[i++]));
      logs.push({ level: 'log', message });
      return Logger;
    }),
  };
  return { console: simConsole, Logger };
}
