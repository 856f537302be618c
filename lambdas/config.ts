// Lambda configuration: read from the environment once, validated, failing fast with a clear message.
import { DEFAULT_ROUND, parseRoundConfig, type RoundConfig } from '../shared/definitions/round';
import { V1_ACCEPTED_UNTIL_DEFAULT } from '../shared/platform/signing';

export interface LambdaConfig {
  stage: string;
  tableName: string;
  /** Local stack only: the DynamoDB-compatible endpoint (dynalite). */
  dynamodbEndpoint?: string;
  /** Local stack only: the SES-compatible endpoint (aws-ses-v2-local). */
  sesEndpoint?: string;
  /** SSM parameter names holding the signing secret (current, then previous during rotation). */
  signingSecretParameters: string[];
  /** Local stack only: the secret itself, when there is no SSM. */
  signingSecretPlain?: string;
  /** Until when v1 signatures are still accepted (SIGNATURE_V1_UNTIL, ISO; default in shared/platform/signing.ts). */
  signatureV1Until: Date;
  /** Reconcile: the review spreadsheet and form, and the service-account key (SSM name or, locally, JSON). */
  reviewSpreadsheetId: string;
  formId: string;
  googleCredentialsParameter?: string;
  googleCredentialsJson?: string;
  /** Tests and the local stack only: where the Sheets and Forms APIs are served. */
  googleApiRootUrl?: string;
  digestFrom: string;
  digestTo: string[];
  /** The agency-response form's pre-filled link template (setup prints it), for agency reminders. */
  agencyFormLink?: string;
  round: RoundConfig;
  /** Publish: the S3 bucket of the public site (deployed), or a folder (the local stack). */
  siteBucket?: string;
  siteDir?: string;
  /** Tests only: an S3-compatible endpoint. */
  s3Endpoint?: string;
  /** Where readers find the public site (the CloudFront address): notifications link its pages. */
  publicSiteUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const problems: string[] = [];
  const need = (name: string): string => {
    const v = env[name]?.trim();
    if (!v) problems.push(`${name} is not set`);
    return v ?? '';
  };
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  let round = DEFAULT_ROUND;
  if (env.COCREATE_ROUND_CONFIG) {
    try {
      round = parseRoundConfig(JSON.parse(env.COCREATE_ROUND_CONFIG));
    } catch (e) {
      problems.push(`COCREATE_ROUND_CONFIG: ${(e as Error).message}`);
    }
  }
  const config: LambdaConfig = {
    stage: env.STAGE ?? 'dev',
    tableName: need('TABLE_NAME'),
    ...(env.DYNAMODB_ENDPOINT ? { dynamodbEndpoint: env.DYNAMODB_ENDPOINT } : {}),
    ...(env.SES_ENDPOINT ? { sesEndpoint: env.SES_ENDPOINT } : {}),
    signingSecretParameters: list(env.SIGNING_SECRET_PARAMETERS),
    ...(env.SIGNING_SECRET ? { signingSecretPlain: env.SIGNING_SECRET } : {}),
    signatureV1Until: v1Until(env.SIGNATURE_V1_UNTIL),
    reviewSpreadsheetId: env.REVIEW_SPREADSHEET_ID ?? '',
    formId: env.FORM_ID ?? '',
    ...(env.GOOGLE_CREDENTIALS_PARAMETER
      ? { googleCredentialsParameter: env.GOOGLE_CREDENTIALS_PARAMETER }
      : {}),
    ...(env.GOOGLE_CREDENTIALS ? { googleCredentialsJson: env.GOOGLE_CREDENTIALS } : {}),
    ...(env.GOOGLE_API_ROOT_URL ? { googleApiRootUrl: env.GOOGLE_API_ROOT_URL } : {}),
    digestFrom: env.DIGEST_FROM ?? '',
    // DIGEST_TO wins; a round file's digestRecipients fill in when it is not set.
    digestTo: env.DIGEST_TO?.trim() ? list(env.DIGEST_TO) : (round.digestRecipients ?? []),
    ...(env.AGENCY_FORM_LINK?.startsWith('https://') ? { agencyFormLink: env.AGENCY_FORM_LINK } : {}),
    round,
    ...(env.SITE_BUCKET ? { siteBucket: env.SITE_BUCKET } : {}),
    ...(env.SITE_DIR ? { siteDir: env.SITE_DIR } : {}),
    ...(env.S3_ENDPOINT ? { s3Endpoint: env.S3_ENDPOINT } : {}),
    ...(env.PUBLIC_SITE_URL ? { publicSiteUrl: env.PUBLIC_SITE_URL.replace(/\/+$/, '') } : {}),
  };
  if (problems.length) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

/** Makes a value on first call (a handler's production dependencies: config, clients) and keeps it for the life of the container. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

function v1Until(raw: string | undefined): Date {
  const at = new Date(raw?.trim() || V1_ACCEPTED_UNTIL_DEFAULT);
  if (Number.isNaN(at.getTime()))
    throw new Error(`Invalid configuration: SIGNATURE_V1_UNTIL is not a date: ${raw}`);
  return at;
}
