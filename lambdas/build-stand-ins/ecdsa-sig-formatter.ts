// Bundled in place of ecdsa-sig-formatter (see infra/build/build.mjs). google-auth-library's OAuth2Client
// loads it for one thing: converting ES256 signatures when it verifies IAP/ID tokens
// (verifySignedJwtWithCerts). The Lambdas only sign their own RS256 JWT (lambdas/build-stand-ins/jws.ts) and
// never verify a token, so neither function can be reached.
const unsupported = (what: string): never => {
  throw new Error(
    `ecdsa-sig-formatter ${what} is not bundled in this Lambda: no token is verified here (lambdas/build-stand-ins/ecdsa-sig-formatter.ts)`,
  );
};

export const derToJose = (): never => unsupported('derToJose');
export const joseToDer = (): never => unsupported('joseToDer');
