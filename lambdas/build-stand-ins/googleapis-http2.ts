// Bundled in place of googleapis-common/build/src/http2.js (see infra/build/build.mjs). googleapis-common sends a
// request over its own HTTP/2 session only when the API options set `http2: true`; the Sheets and Forms
// adapters (lambdas/adapters/google-sheets.ts, google-forms.ts) never do, so every call goes through
// gaxios and Node fetch.
export const sessions = {};

export function request(): never {
  throw new Error(
    'googleapis-common HTTP/2 transport is not bundled in this Lambda: do not set `http2` (lambdas/build-stand-ins/googleapis-http2.ts)',
  );
}

export function closeSession(): Promise<void> {
  return Promise.resolve();
}
