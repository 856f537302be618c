// Bundled in place of google-logging-utils (see infra/build/build.mjs). google-auth-library's AuthClient asks it
// for a logger when it loads, and writes to it only when GOOGLE_SDK_NODE_LOGGING is set (a debugging
// switch that logs every Google request with its headers, i.e. the bearer JWT). Without that variable
// the real package hands back this same no-op logger; with it, this build says once that the debug log is
// not bundled rather than dropping it silently.
type Logger = ((...args: unknown[]) => void) & {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  sublog(namespace: string): Logger;
  on(event: string, listener: (...args: unknown[]) => void): Logger;
};

const noop = () => undefined;
export const placeholder: Logger = Object.assign(noop, {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  sublog: () => placeholder,
  on: () => placeholder,
});

export const env = { nodeEnables: 'GOOGLE_SDK_NODE_LOGGING' };

let warned = false;

export function log(_namespace: string): Logger {
  if (process.env[env.nodeEnables] && !warned) {
    warned = true;
    console.warn(
      `${env.nodeEnables} is set, but the Google SDK debug log is not bundled in this Lambda (lambdas/build-stand-ins/google-logging-utils.ts)`,
    );
  }
  return placeholder;
}
