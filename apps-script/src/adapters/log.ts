// Log over console: with exceptionLogging STACKDRIVER these lines reach Cloud Logging and the executions page.
// developers.google.com/apps-script/guides/logging
import type { Log } from '../ports';

const line = (message: string, data?: unknown) =>
  data === undefined ? message : `${message} ${JSON.stringify(data)}`;

export const consoleLog: Log = {
  info: (message, data) => console.info(line(message, data)),
  warn: (message, data) => console.warn(line(message, data)),
  error: (message, data) => console.error(line(message, data)),
};
