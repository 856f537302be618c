// Bundled in place of the google-auth-library entry point (see infra/build/build.mjs). The Lambdas sign their
// own service-account JWT (lambdas/adapters/google-auth.ts: JWT with useJWTAccessWithScope), which needs
// only JWT -> OAuth2Client -> AuthClient and JWTAccess. The entry point also loads Application Default
// Credentials discovery (GoogleAuth: key files, gcloud config, the GCE metadata server via gcp-metadata),
// and the Compute, user-refresh, impersonated, downscoped, ID-token and external-account (AWS, identity
// pool, pluggable executable) clients: nothing here constructs one.
//
// googleapis-common's AuthPlus (the `auth` export of @googleapis/sheets) subclasses GoogleAuth and is
// built when the package loads, so GoogleAuth stays constructible and each of its methods throws a clear
// Error. The other client classes AuthPlus exposes throw as soon as anything constructs them. Only the
// names the bundled code imports are exported.
export { AuthClient, DEFAULT_UNIVERSE } from 'google-auth-library/build/src/auth/authclient';
export { JWTAccess } from 'google-auth-library/build/src/auth/jwtaccess';
export { JWT } from 'google-auth-library/build/src/auth/jwtclient';
export { OAuth2Client } from 'google-auth-library/build/src/auth/oauth2client';

const unavailable = (what: string): never => {
  throw new Error(
    `${what} is not bundled in this Lambda: only the self-signed service-account JWT is ` +
      '(lambdas/build-stand-ins/google-auth-library.ts)',
  );
};

export class GoogleAuth {}
for (const method of [
  'getApplicationDefault',
  'getClient',
  'getProjectId',
  'getCredentials',
  'getUniverseDomain',
  'getAccessToken',
  'getRequestHeaders',
  'authorizeRequest',
  'request',
  'fetch',
  'fromJSON',
  'fromStream',
  'fromAPIKey',
  'getIdTokenClient',
  'sign',
]) {
  Object.defineProperty(GoogleAuth.prototype, method, {
    value: () => unavailable(`GoogleAuth.${method} (Application Default Credentials)`),
    writable: true,
    configurable: true,
  });
}

const client = (name: string) =>
  class {
    constructor() {
      unavailable(name);
    }
    static fromJSON(): never {
      return unavailable(`${name}.fromJSON`);
    }
  };

export const Compute = client('Compute (GCE metadata credentials)');
export const UserRefreshClient = client('UserRefreshClient');
export const ExternalAccountClient = client('ExternalAccountClient');
export const IdentityPoolClient = client('IdentityPoolClient');
export const AwsClient = client('AwsClient');
