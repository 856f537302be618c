// Service-account auth for the Sheets and Forms APIs. A self-signed JWT carries the scopes, so no token
// endpoint is called (developers.google.com/identity/protocols/oauth2/service-account
// "Addendum: Service account authorization without OAuth").
import { auth, type sheets_v4 } from '@googleapis/sheets';

export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/forms.responses.readonly',
  'https://www.googleapis.com/auth/forms.body.readonly',
];

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

export function parseServiceAccountKey(json: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(json) as Partial<ServiceAccountKey>;
  } catch {
    throw new Error('Google service-account key is not valid JSON');
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new Error('Google service-account key needs client_email and private_key');
  }
  return key as ServiceAccountKey;
}

export function serviceAccountAuth(key: ServiceAccountKey) {
  const jwt = new auth.JWT({
    email: key.client_email,
    key: key.private_key,
    ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
    scopes: GOOGLE_SCOPES,
  });
  // Sign every request with the scopes in the JWT itself: the token exchange (gtoken) is never used, and
  // the Lambda bundles leave it out (lambdas/build-stand-ins/gtoken.ts).
  jwt.useJWTAccessWithScope = true;
  return jwt;
}

/** Where and how the Sheets and Forms clients connect: the auth, and a local fake's address in tests. */
export interface GoogleApiOptions {
  auth: sheets_v4.Options['auth'];
  rootUrl?: string;
}

/** The options both googleapis clients are built with. */
export function googleClientOptions(options: GoogleApiOptions) {
  return {
    auth: options.auth,
    // Node's own fetch: otherwise gaxios imports node-fetch (ESM) dynamically, which CommonJS hosts
    // such as jest cannot load. The Lambda bundles ship no node-fetch (lambdas/build-stand-ins/node-fetch.ts).
    fetchImplementation: fetch,
    ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
  };
}
