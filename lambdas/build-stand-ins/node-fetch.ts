// Bundled in place of node-fetch (and the web-streams-polyfill, fetch-blob and formdata-polyfill it pulls
// in; see infra/build/build.mjs). gaxios imports node-fetch only when a request has no fetchImplementation and
// there is no window.fetch. lambdas/adapters/google/google-sheets.ts and google-forms.ts pass Node's own fetch
// to every API call, and the self-signed JWT makes no request of its own.
const notBundled = (): never => {
  throw new Error(
    'node-fetch is not bundled in this Lambda: pass fetchImplementation (Node fetch) to the Google ' +
      'client, see lambdas/build-stand-ins/node-fetch.ts',
  );
};

export default notBundled;
