// Bundled in place of google-auth-library/build/src/crypto/browser/crypto.js (and base64-js; see
// infra/build/build.mjs). google-auth-library's createCrypto() picks this SubtleCrypto implementation only when
// `window.crypto.subtle` exists, i.e. in a browser; in Node (Lambda) it always builds NodeCrypto.
export class BrowserCrypto {
  constructor() {
    throw new Error(
      'google-auth-library BrowserCrypto is not bundled: Node uses NodeCrypto (lambdas/build-stand-ins/google-auth-browser-crypto.ts)',
    );
  }
}
