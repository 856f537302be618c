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

/**
 * Workload Identity Federation (no long-lived key): a credential configuration made by
 * `gcloud iam workload-identity-pools create-cred-config --aws` (`type: external_account`) holds no secret.
 * The function's own AWS credentials sign an STS GetCallerIdentity request, Google's STS exchanges it for a
 * federated token, and that token impersonates the service account for a one-hour access token
 * (cloud.google.com/iam/docs/workload-identity-federation-with-other-clouds).
 */
export interface ExternalAccountConfig {
  type: 'external_account';
  audience: string;
  subject_token_type: string;
  token_url?: string;
  service_account_impersonation_url?: string;
  credential_source: { environment_id: string; regional_cred_verification_url: string } & Record<
    string,
    unknown
  >;
}

export function externalAccountAuth(config: ExternalAccountConfig) {
  const client = new auth.AwsClient({
    ...config,
    scopes: GOOGLE_SCOPES,
    // Node's own fetch, as for the API calls (googleClientOptions): gaxios would import node-fetch.
    transporterOptions: { fetchImplementation: fetch },
  });
  // The token exchange builds its own HTTP client without that option: give it the client's one.
  (client as unknown as { stsCredential: { transporter: unknown } }).stsCredential.transporter =
    client.transporter;
  return client;
}

/** The credentials reconcile reads from SSM: a service-account key, or a key-less credential configuration. */
export function googleAuthFromJson(json: string) {
  let parsed: { type?: unknown };
  try {
    parsed = JSON.parse(json) as { type?: unknown };
  } catch {
    throw new Error('Google service-account key is not valid JSON');
  }
  if (parsed.type === 'external_account') {
    const config = parsed as unknown as ExternalAccountConfig;
    if (!String(config.credential_source?.environment_id ?? '').startsWith('aws'))
      throw new Error(
        'Google credential configuration must be for AWS (gcloud ... create-cred-config --aws)',
      );
    return externalAccountAuth(config);
  }
  return serviceAccountAuth(parseServiceAccountKey(json));
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
