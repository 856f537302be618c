// Bundled in place of https-proxy-agent (and agent-base, debug, ms, supports-color it pulls in; see
// infra/build/build.mjs). gaxios loads it only when HTTPS_PROXY/HTTP_PROXY (or a proxy option) is set, and only
// to hand a Node `agent` to the fetch implementation. The Lambdas always give gaxios Node's own fetch
// (lambdas/adapters/google/google-sheets.ts, google-forms.ts), and Node's fetch ignores `agent`: with the real
// package the proxy was never used either, requests went direct. This stand-in keeps that behaviour but
// says so once, instead of pretending to proxy. Lambda itself sets no proxy variable.
let warned = false;

export class HttpsProxyAgent {
  readonly proxy: string;

  constructor(proxy: string | URL) {
    this.proxy = String(proxy);
    if (!warned) {
      warned = true;
      console.warn(
        'HTTPS_PROXY/HTTP_PROXY is set, but Google API requests use Node fetch, which takes no proxy agent: ' +
          'they go direct (lambdas/build-stand-ins/https-proxy-agent.ts)',
      );
    }
  }
}
