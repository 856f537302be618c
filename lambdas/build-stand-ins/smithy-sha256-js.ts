// Bundled in place of @smithy/core's pure-JavaScript SHA-256 (checksum/sha256/Sha256Js; see
// infra/build/build.mjs). The SDK's Sha256Node falls back to it only when node:crypto cannot create a sha256
// hash, which Node on Lambda always can; the browser Sha256WebCrypto that also uses it is not bundled.
export class Sha256Js {
  constructor() {
    throw new Error(
      'The pure-JS SHA-256 fallback is not bundled in this Lambda: node:crypto provides sha256 (lambdas/build-stand-ins/smithy-sha256-js.ts)',
    );
  }
}
