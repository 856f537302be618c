// Bundled in place of gtoken (see infra/build/build.mjs). gtoken trades a signed JWT for an OAuth access or ID
// token at the token endpoint. The JWT client only reaches it without useJWTAccessWithScope, with
// additionalClaims.target_audience, or from authorize()/fetchIdToken(); lambdas/adapters/google/google-auth.ts
// sets useJWTAccessWithScope with scopes, so every request carries a self-signed JWT and no token endpoint
// is called.
export class GoogleToken {
  constructor() {
    throw new Error(
      'gtoken (OAuth token exchange) is not bundled in this Lambda: the service account signs its own ' +
        'JWT (useJWTAccessWithScope), see lambdas/build-stand-ins/gtoken.ts',
    );
  }
}
