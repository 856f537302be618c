// A local HTTP fake of exactly the Google API calls our adapters make (lambdas/adapters/google/*.ts),
// reached by the real @googleapis clients through `rootUrl`. It checks auth the way Google does, holds one
// spreadsheet and one form in memory, and fails on purpose when told to. Loopback only, port 0.
//
// Assumptions, each from the public reference (anything else is answered 501 so a new call fails loudly):
// - Auth: the adapters send a self-signed service-account JWT as the bearer token (no token endpoint):
//   header { alg: RS256, typ: JWT, kid: private_key_id }, claims { iss = sub = client_email, scope (space
//   separated) or aud, iat, exp }, exp at most 1 hour after iat.
//   developers.google.com/identity/protocols/oauth2/service-account#jwt-auth
//   A token the key does not verify (wrong key, kid, issuer, expired) is 401 UNAUTHENTICATED; a valid token
//   without one of the method's scopes is 403 PERMISSION_DENIED, reason ACCESS_TOKEN_SCOPE_INSUFFICIENT.
//   Scopes per method are the "Authorization scopes" section of each method page below.
// - Errors: `{ "error": { "code", "message", "status", "details"? } }` with the canonical status names
//   (INVALID_ARGUMENT 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404, RESOURCE_EXHAUSTED
//   429, INTERNAL 500, UNAVAILABLE 503). developers.google.com/sheets/api/limits (429 and retrying),
//   cloud.google.com/apis/design/errors (the error model shared by Google REST APIs).
// - Sheets GET /v4/spreadsheets/{id}/values:batchGet?ranges=..&ranges=..&valueRenderOption=..
//   developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet
//   Answers { spreadsheetId, valueRanges: [{ range, majorDimension: 'ROWS', values? }] } in request order.
//   Trailing empty cells of a row and trailing empty rows are omitted, an empty row inside the range is
//   [], an empty range has no `values` (developers.google.com/sheets/api/guides/values#read_a_single_range
//   and spreadsheets.values#ValueRange). A range on a missing tab fails the whole call with 400
//   "Unable to parse range". The returned `range` is clipped to the tab's grid (1000 rows unless the
//   data is longer, like a new sheet). UNFORMATTED_VALUE returns numbers and booleans as JSON numbers and
//   booleans; FORMATTED_VALUE (the default) returns them as strings; FORMULA equals UNFORMATTED_VALUE here
//   since the fake never holds formulas (developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption).
// - A1 notation (developers.google.com/sheets/api/guides/concepts#cell): `Tab!A1`, `Tab!A1:O9`,
//   `Tab!A2:O` (open row end), `Tab!A:O`, or just `Tab`; a tab name with spaces or symbols is quoted as
//   'My tab' with '' for a quote inside. Unquoted names are taken verbatim up to the `!`.
// - Sheets POST /v4/spreadsheets/{id}/values:batchUpdate { valueInputOption, data: [{ range, values }] }
//   developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate
//   Only RAW is modelled: "the values the user has entered will not be parsed and will be stored as-is"
//   (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), so "=1+2" stays a string and a
//   leading "'" is kept as part of the text (only the Sheets UI and USER_ENTERED treat it as a prefix).
//   A null value leaves the cell as it was; "" clears it (spreadsheets.values#ValueRange). Values that do
//   not fit a bounded range are a 400. Answers { spreadsheetId, totalUpdated*, responses[] }.
// - Sheets POST /v4/spreadsheets/{id}/values/{range}:append?valueInputOption=RAW&insertDataOption=..
//   developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/append and
//   developers.google.com/sheets/api/guides/values#append_values: the range is where a "table" is searched
//   for; values go to the row after the table, from the table's first column. The fake's table is the
//   block of consecutive non-empty rows (within the range's columns) starting at the range's first row,
//   so a blank row ends the table as it does in Sheets. INSERT_ROWS inserts rows there (rows below move
//   down); OVERWRITE (the default) writes over. Answers { spreadsheetId, tableRange, updates }.
// - Forms GET /v1/forms/{id}: the Form resource { formId, info, revisionId, responderUri, items[] }, each
//   question item { itemId, title, questionItem: { question: { questionId, required, ... } } }.
//   developers.google.com/forms/api/reference/rest/v1/forms/get and .../v1/forms#Item
// - Forms GET /v1/forms/{id}/responses?pageSize=&pageToken=: { responses[], nextPageToken? } with
//   FormResponse { responseId, createTime, lastSubmittedTime, respondentEmail?, answers: { [questionId]:
//   { questionId, textAnswers: { answers: [{ value }] } } } }; "If unspecified or zero, at most 5000
//   responses are returned"; the token is opaque and a bad one is 400.
//   developers.google.com/forms/api/reference/rest/v1/forms.responses/list and forms.responses#FormResponse
//   The fake's page size is an option (default 5000) so a test can make paging happen with a few responses.
//   `filter` is not used by our adapter and answers 501.
// - Workload Identity Federation (key-less reconcile, lambdas/adapters/google/google-auth.ts externalAccountAuth):
//   STS POST /v1/token, form-encoded: grant_type urn:ietf:params:oauth:grant-type:token-exchange,
//   subject_token_type urn:ietf:params:aws:token-type:aws4_request, requested_token_type
//   urn:ietf:params:oauth:token-type:access_token, audience (the pool provider), scope, subject_token = the
//   URL-encoded JSON { url, method: POST, headers: [{ key, value }] } of a SigV4-signed AWS STS
//   GetCallerIdentity request; answers { access_token, issued_token_type, token_type: Bearer, expires_in }
//   (cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token,
//   cloud.google.com/iam/docs/workload-identity-federation-with-other-clouds#rest). Google checks the
//   signature by calling AWS; the fake checks the request's shape and that it was signed with the access
//   key a test trusted (trustAwsAccessKey: the provider's condition on the Lambda role).
//   IAM Credentials POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken { scope[], lifetime? }
//   with the federated token as bearer: { accessToken, expireTime }
//   (cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateAccessToken).
//   The Sheets and Forms calls then accept that access token with the scopes it was issued for.
import { generateKeyPairSync, type KeyObject, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CellValue = string | number | boolean;
export type Endpoint =
  | 'sheets.values.batchGet'
  | 'sheets.values.batchUpdate'
  | 'sheets.values.append'
  | 'forms.get'
  | 'forms.responses.list';
/** The token endpoints of Workload Identity Federation (not API methods: no METHOD_SCOPES). */
export type TokenEndpoint = 'sts.token' | 'iam.generateAccessToken';

export interface FakeRequest {
  endpoint: Endpoint | TokenEndpoint | 'unknown';
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
  status: number;
}

export interface FormItem {
  itemId?: string;
  title: string;
  /** Absent for items that are not questions (section headers, text, images). */
  questionId?: string;
  required?: boolean;
}

export interface FakeFormResponse {
  responseId: string;
  createTime: string;
  lastSubmittedTime: string;
  respondentEmail?: string;
  /** Answers by question id: one value, or several for a checkbox question. */
  answers: Record<string, string | string[]>;
}

export interface GoogleApiFakeOptions {
  spreadsheetId?: string;
  formId?: string;
  /** Responses per page of forms.responses.list when the caller sends no pageSize (Google: 5000). */
  formsPageSize?: number;
  /** Clock used for JWT iat/exp checks (ms). */
  now?: () => number;
}

const SCOPE = 'https://www.googleapis.com/auth/';
const DRIVE = [`${SCOPE}drive`, `${SCOPE}drive.file`];
/** "Authorization scopes" of each method's reference page: any one of them is enough. */
export const METHOD_SCOPES: Record<Endpoint, { service: string; scopes: string[] }> = {
  'sheets.values.batchGet': {
    service: 'sheets.googleapis.com',
    scopes: [...DRIVE, `${SCOPE}drive.readonly`, `${SCOPE}spreadsheets`, `${SCOPE}spreadsheets.readonly`],
  },
  'sheets.values.batchUpdate': {
    service: 'sheets.googleapis.com',
    scopes: [...DRIVE, `${SCOPE}spreadsheets`],
  },
  'sheets.values.append': { service: 'sheets.googleapis.com', scopes: [...DRIVE, `${SCOPE}spreadsheets`] },
  'forms.get': {
    service: 'forms.googleapis.com',
    scopes: [...DRIVE, `${SCOPE}drive.readonly`, `${SCOPE}forms.body`, `${SCOPE}forms.body.readonly`],
  },
  'forms.responses.list': {
    service: 'forms.googleapis.com',
    scopes: [...DRIVE, `${SCOPE}forms.responses.readonly`],
  },
};

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

const FAILURE_MESSAGES: Record<429 | 500 | 503, string> = {
  429: "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user'.",
  500: 'Internal error encountered.',
  503: 'The service is currently unavailable.',
};

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details?: unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

class OAuthError extends Error {
  constructor(
    readonly code: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** The workload identity pool provider of the fake (a project number, pool and provider of our choosing). */
export const FEDERATION_AUDIENCE =
  '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/cocreate/providers/aws';

function safeJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'Invalid JSON payload received.');
  }
}

const UNAUTHENTICATED =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

// ---- A1 notation -------------------------------------------------------------------------------------

export interface A1Range {
  tab: string;
  /** 1-based; undefined = open (whole column / row span). */
  startRow?: number;
  endRow?: number;
  startCol?: number;
  endCol?: number;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function parseA1(range: string): A1Range {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))(?:!([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?)?$/.exec(range.trim());
  if (!m) throw new ApiError(400, `Unable to parse range: ${range}`);
  const tab = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] as string);
  const [, , , c1, r1, c2, r2] = m;
  const num = (s: string | undefined) => (s ? Number(s) : undefined);
  const col = (s: string | undefined) => (s ? columnNumber(s) : undefined);
  const out: A1Range = { tab };
  if (m[3] === undefined) return out;
  if (!c1 && !r1) throw new ApiError(400, `Unable to parse range: ${range}`);
  out.startCol = col(c1);
  out.startRow = num(r1);
  // A single cell (no ':') is a 1x1 range.
  const single = m[5] === undefined;
  out.endCol = single ? out.startCol : col(c2);
  out.endRow = single ? out.startRow : num(r2);
  if (!single && !c2 && !r2) throw new ApiError(400, `Unable to parse range: ${range}`);
  return out;
}

function quoteTab(tab: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(tab) ? tab : `'${tab.replace(/'/g, "''")}'`;
}

function a1(tab: string, c1: number, r1: number, c2: number, r2: number): string {
  return `${quoteTab(tab)}!${columnLetters(c1)}${r1}:${columnLetters(c2)}${r2}`;
}

const isEmpty = (v: CellValue | undefined | null) => v === undefined || v === null || v === '';

// ---- the fake --------------------------------------------------------------------------------------

export class GoogleApiFake {
  readonly spreadsheetId: string;
  readonly formId: string;
  /** Every request received, in order (bodies parsed), with the status it was answered with. */
  readonly requests: FakeRequest[] = [];
  private readonly tabs = new Map<string, CellValue[][]>();
  private formItems: FormItem[] = [];
  private responses: FakeFormResponse[] = [];
  private readonly failures: { status: 429 | 500 | 503; endpoint?: Endpoint }[] = [];
  private readonly keyId = randomUUID().replace(/-/g, '');
  private readonly clientEmail = 'reconcile@ogp-cocreate-test.iam.gserviceaccount.com';
  private readonly privateKeyPem: string;
  private readonly publicKey: KeyObject;
  private readonly formsPageSize: number;
  private readonly now: () => number;
  private server?: Server;
  private baseUrl = '';
  private readonly trustedAwsKeys = new Set<string>();
  private readonly federatedTokens = new Set<string>();
  /** Access tokens issued by generateAccessToken: their scopes and expiry (ms). */
  private readonly accessTokens = new Map<string, { scopes: string[]; exp: number }>();

  private constructor(opts: GoogleApiFakeOptions) {
    this.spreadsheetId = opts.spreadsheetId ?? 'review-sheet-test-1';
    this.formId = opts.formId ?? 'proposal-form-test-1';
    this.formsPageSize = opts.formsPageSize ?? 5000;
    this.now = opts.now ?? Date.now;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.publicKey = publicKey;
  }

  static async start(opts: GoogleApiFakeOptions = {}): Promise<GoogleApiFake> {
    const fake = new GoogleApiFake(opts);
    const server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.server = server;
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Root URL for the googleapis clients (`rootUrl`). */
  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The test service account's key file, as the Google Cloud console downloads it. */
  serviceAccountKeyJson(): string {
    return JSON.stringify({
      type: 'service_account',
      project_id: 'ogp-cocreate-test',
      private_key_id: this.keyId,
      private_key: this.privateKeyPem,
      client_email: this.clientEmail,
      client_id: '100000000000000000001',
      token_uri: 'https://oauth2.googleapis.com/token',
    });
  }

  /** A key-less credential configuration, as `gcloud iam workload-identity-pools create-cred-config --aws` writes it. */
  externalAccountConfigJson(): string {
    return JSON.stringify({
      type: 'external_account',
      audience: FEDERATION_AUDIENCE,
      subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request',
      token_url: `${this.baseUrl}/v1/token`,
      service_account_impersonation_url: `${this.baseUrl}/v1/projects/-/serviceAccounts/${this.clientEmail}:generateAccessToken`,
      credential_source: {
        environment_id: 'aws1',
        region_url: 'http://169.254.169.254/latest/meta-data/placement/availability-zone',
        url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials',
        regional_cred_verification_url:
          'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
      },
    });
  }

  /** The AWS access key whose signed GetCallerIdentity the pool accepts (the Lambda role's credentials). */
  trustAwsAccessKey(accessKeyId: string): void {
    this.trustedAwsKeys.add(accessKeyId);
  }

  // ---- spreadsheet helpers ----

  /** Creates (or replaces) a tab; row 1 is the header. */
  addTab(name: string, rows: CellValue[][] = []): void {
    this.tabs.set(
      name,
      rows.map((r) => [...r]),
    );
  }

  tabNames(): string[] {
    return [...this.tabs.keys()];
  }

  /** A copy of a tab's cells (row 1 = header). */
  tab(name: string): CellValue[][] {
    return this.sheet(name).map((r) => [...r]);
  }

  /** A cell by A1 address (`B5`), '' when empty. */
  cell(tab: string, address: string): CellValue {
    const { startRow, startCol } = parseA1(`${quoteTab(tab)}!${address}`);
    return this.sheet(tab)[(startRow ?? 1) - 1]?.[(startCol ?? 1) - 1] ?? '';
  }

  /**
   * Changes a cell as another script or an API client would: the value is stored as is and nothing else
   * happens (in Sheets, edits by scripts and APIs fire no onEdit trigger).
   */
  setCell(tab: string, address: string, value: CellValue): void {
    const { startRow, startCol } = parseA1(`${quoteTab(tab)}!${address}`);
    this.write(this.sheet(tab), (startRow ?? 1) - 1, (startCol ?? 1) - 1, [[value]]);
  }

  /** 1-based number of the first row whose cells match, or undefined. */
  findRow(tab: string, match: (cells: readonly CellValue[]) => boolean): number | undefined {
    const i = this.sheet(tab).findIndex((r) => match(r));
    return i < 0 ? undefined : i + 1;
  }

  // ---- form helpers ----

  setFormItems(items: FormItem[]): void {
    this.formItems = items.map((i, n) => ({ itemId: i.itemId ?? `item${n}`, ...i }));
  }

  addResponse(response: FakeFormResponse): void {
    this.responses.push(response);
  }

  // ---- request accounting and failure injection ----

  /** How many requests reached this endpoint (answered with any status). */
  count(endpoint: Endpoint | TokenEndpoint): number {
    return this.requests.filter((r) => r.endpoint === endpoint).length;
  }

  /** The requests to one endpoint, in order. */
  requestsTo(endpoint: Endpoint | TokenEndpoint): FakeRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  /** Answers the next `n` API requests (to `endpoint`, or to any) with this error status. */
  failNext(n: number, status: 429 | 500 | 503, endpoint?: Endpoint): void {
    for (let i = 0; i < n; i++) this.failures.push(endpoint ? { status, endpoint } : { status });
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) query[k] = [...(query[k] ?? []), v];
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const entry: FakeRequest = {
      endpoint: 'unknown',
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      body: undefined,
      status: 0,
    };
    this.requests.push(entry);
    let status = 200;
    let payload: unknown;
    let headers: Record<string, string> = {};
    try {
      const token = this.tokenRoute(entry.method, url.pathname);
      if (token?.endpoint === 'sts.token') {
        // STS answers errors the OAuth 2.0 way (RFC 8693 section 2.2.2 -> RFC 6749 section 5.2).
        entry.endpoint = token.endpoint;
        entry.body = Object.fromEntries(new URLSearchParams(raw));
        try {
          payload = token.run(req.headers.authorization, entry.body);
        } catch (e) {
          const err = e instanceof OAuthError ? e : new OAuthError(400, 'invalid_request', String(e));
          status = err.code;
          payload = { error: err.error, error_description: err.message };
        }
        entry.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(payload));
        return;
      }
      if (token) {
        entry.endpoint = token.endpoint;
        entry.body = safeJson(raw);
        payload = token.run(req.headers.authorization, entry.body);
        entry.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(payload));
        return;
      }
      const route = this.route(entry.method, url.pathname);
      entry.endpoint = route.endpoint;
      if (raw) entry.body = safeJson(raw);
      const failureAt = this.failures.findIndex((f) => !f.endpoint || f.endpoint === route.endpoint);
      if (failureAt >= 0) {
        const [failure] = this.failures.splice(failureAt, 1);
        const code = (failure as { status: 429 | 500 | 503 }).status;
        throw new ApiError(code, FAILURE_MESSAGES[code]);
      }
      this.authorize(req.headers.authorization, route.endpoint);
      payload = route.run(query, entry.body);
    } catch (e) {
      const err =
        e instanceof ApiError ? e : new ApiError(500, `Fake failed: ${(e as Error)?.message ?? String(e)}`);
      status = err.code;
      headers = err.headers;
      payload = {
        error: {
          code: err.code,
          message: err.message,
          status: STATUS_NAMES[err.code] ?? 'UNKNOWN',
          ...(err.details ? { details: err.details } : {}),
        },
      };
    }
    entry.status = status;
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(JSON.stringify(payload));
  }

  private route(
    method: string,
    path: string,
  ): { endpoint: Endpoint; run: (q: Record<string, string[]>, body: unknown) => unknown } {
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new ApiError(400, `Invalid path segment: ${s}`);
      }
    };
    let m = /^\/v4\/spreadsheets\/([^/]+)\/values:batchGet$/.exec(path);
    if (m && method === 'GET')
      return { endpoint: 'sheets.values.batchGet', run: (q) => this.batchGet(decode(m?.[1] ?? ''), q) };
    m = /^\/v4\/spreadsheets\/([^/]+)\/values:batchUpdate$/.exec(path);
    if (m && method === 'POST')
      return {
        endpoint: 'sheets.values.batchUpdate',
        run: (_q, body) => this.batchUpdate(decode(m?.[1] ?? ''), body),
      };
    m = /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+):append$/.exec(path);
    if (m && method === 'POST')
      return {
        endpoint: 'sheets.values.append',
        run: (q, body) => this.append(decode(m?.[1] ?? ''), decode(m?.[2] ?? ''), q, body),
      };
    m = /^\/v1\/forms\/([^/]+)\/responses$/.exec(path);
    if (m && method === 'GET')
      return { endpoint: 'forms.responses.list', run: (q) => this.listResponses(decode(m?.[1] ?? ''), q) };
    m = /^\/v1\/forms\/([^/]+)$/.exec(path);
    if (m && method === 'GET')
      return { endpoint: 'forms.get', run: () => this.getForm(decode(m?.[1] ?? '')) };
    throw new ApiError(404, `The fake does not serve ${method} ${path}`);
  }

  // ---- Workload Identity Federation ----

  private tokenRoute(
    method: string,
    path: string,
  ): { endpoint: TokenEndpoint; run: (auth: string | undefined, body: unknown) => unknown } | undefined {
    if (method === 'POST' && path === '/v1/token')
      return { endpoint: 'sts.token', run: (_a, b) => this.stsToken(b) };
    const m = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(path);
    if (m && method === 'POST')
      return {
        endpoint: 'iam.generateAccessToken',
        run: (a, b) => this.generateAccessToken(decodeURIComponent(m[1] as string), a, b),
      };
    return undefined;
  }

  private stsToken(body: unknown): unknown {
    const b = (body ?? {}) as Record<string, string>;
    const bad = (why: string) =>
      new OAuthError(400, 'invalid_request', `Invalid token exchange request: ${why}`);
    if (b.grant_type !== 'urn:ietf:params:oauth:grant-type:token-exchange') throw bad('grant_type');
    if (b.subject_token_type !== 'urn:ietf:params:aws:token-type:aws4_request')
      throw bad('subject_token_type');
    if (b.audience !== FEDERATION_AUDIENCE) throw bad('audience');
    let signed: { url?: string; method?: string; headers?: { key: string; value: string }[] };
    try {
      signed = JSON.parse(decodeURIComponent(b.subject_token ?? ''));
    } catch {
      throw bad('subject_token is not an encoded request');
    }
    const header = (k: string) => signed.headers?.find((h) => h.key.toLowerCase() === k)?.value ?? '';
    const url = new URL(signed.url ?? 'http://invalid');
    if (signed.method !== 'POST' || !/^sts\.[a-z0-9-]+\.amazonaws\.com$/.test(url.hostname))
      throw bad('not a regional AWS STS request');
    if (url.searchParams.get('Action') !== 'GetCallerIdentity') throw bad('not GetCallerIdentity');
    if (header('x-goog-cloud-target-resource') !== FEDERATION_AUDIENCE) throw bad('target resource');
    const key = /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(header('authorization'))?.[1];
    if (!key || !this.trustedAwsKeys.has(key))
      throw new OAuthError(
        403,
        'unauthorized_client',
        'The given credential is rejected by the attribute condition.',
      );
    const token = `federated-${randomUUID()}`;
    this.federatedTokens.add(token);
    return {
      access_token: token,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: 3600,
    };
  }

  private generateAccessToken(email: string, auth: string | undefined, body: unknown): unknown {
    const bearer = /^Bearer (\S+)$/.exec(auth ?? '')?.[1];
    if (!bearer || !this.federatedTokens.has(bearer))
      throw new ApiError(401, `Request had invalid authentication credentials. ${UNAUTHENTICATED}`);
    if (email !== this.clientEmail) throw new ApiError(404, 'Requested entity was not found.');
    const scopes = (body as { scope?: unknown })?.scope;
    if (!Array.isArray(scopes) || scopes.length === 0) throw new ApiError(400, 'scope is required');
    const accessToken = `ya29.fake-${randomUUID()}`;
    const exp = this.now() + 3600_000;
    this.accessTokens.set(accessToken, { scopes: scopes.map(String), exp });
    return { accessToken, expireTime: new Date(exp).toISOString() };
  }

  // ---- auth ----

  private authorize(header: string | undefined, endpoint: Endpoint): void {
    const realm = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' };
    const invalid = (why: string) =>
      new ApiError(
        401,
        `Request had invalid authentication credentials. ${UNAUTHENTICATED}`,
        [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_INVALID', why }],
        realm,
      );
    const m = /^Bearer (\S+)$/.exec(header ?? '');
    if (!m)
      throw new ApiError(
        401,
        `Request is missing required authentication credential. ${UNAUTHENTICATED}`,
        [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'CREDENTIALS_MISSING' }],
        realm,
      );
    const issued = this.accessTokens.get(m[1] as string);
    if (issued) {
      if (issued.exp <= this.now()) throw invalid('expired');
      const { service, scopes } = METHOD_SCOPES[endpoint];
      if (!issued.scopes.some((g) => scopes.includes(g)))
        throw new ApiError(403, 'Request had insufficient authentication scopes.', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            domain: 'googleapis.com',
            metadata: { service, method: endpoint },
          },
        ]);
      return;
    }
    const parts = (m[1] as string).split('.');
    if (parts.length !== 3) throw invalid('not a JWT');
    const [h, p, s] = parts as [string, string, string];
    let jwtHeader: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      jwtHeader = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      throw invalid('undecodable JWT');
    }
    if (jwtHeader.alg !== 'RS256') throw invalid('alg must be RS256');
    if (jwtHeader.kid !== undefined && jwtHeader.kid !== this.keyId) throw invalid('unknown key id');
    const signed = verify(
      'RSA-SHA256',
      Buffer.from(`${h}.${p}`),
      this.publicKey,
      Buffer.from(s, 'base64url'),
    );
    if (!signed) throw invalid('bad signature');
    if (claims.iss !== this.clientEmail) throw invalid('unknown issuer');
    if (claims.sub !== undefined && claims.sub !== claims.iss) throw invalid('sub must equal iss');
    const nowS = Math.floor(this.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number') throw invalid('iat and exp are required');
    if (exp <= nowS) throw invalid('expired');
    if (iat > nowS + 60 || exp - iat > 3600) throw invalid('iat/exp out of range');
    const { service, scopes } = METHOD_SCOPES[endpoint];
    const granted = typeof claims.scope === 'string' ? claims.scope.split(/\s+/) : [];
    const audienceOk = claims.scope === undefined && claims.aud === `https://${service}/`;
    if (!audienceOk && !granted.some((g) => scopes.includes(g))) {
      throw new ApiError(
        403,
        'Request had insufficient authentication scopes.',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            domain: 'googleapis.com',
            metadata: { service, method: endpoint },
          },
        ],
        {
          'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${scopes.join(' ')}"`,
        },
      );
    }
  }

  // ---- Sheets ----

  private sheet(name: string): CellValue[][] {
    const t = this.tabs.get(name);
    if (!t) throw new ApiError(400, `Unable to parse range: ${quoteTab(name)}`);
    return t;
  }

  private checkSpreadsheet(id: string): void {
    if (id !== this.spreadsheetId) throw new ApiError(404, 'Requested entity was not found.');
  }

  private resolve(range: string): { tab: string; rows: CellValue[][]; r: A1Range } {
    const r = parseA1(range);
    const rows = this.tabs.get(r.tab);
    if (!rows) throw new ApiError(400, `Unable to parse range: ${range}`);
    return { tab: r.tab, rows, r };
  }

  private batchGet(id: string, q: Record<string, string[]>) {
    this.checkSpreadsheet(id);
    const render = q.valueRenderOption?.[0] ?? 'FORMATTED_VALUE';
    if (!['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'].includes(render))
      throw new ApiError(400, `Invalid value at 'value_render_option' (${render})`);
    if ((q.majorDimension?.[0] ?? 'ROWS') !== 'ROWS')
      throw new ApiError(501, 'The fake serves majorDimension=ROWS only');
    const ranges = q.ranges ?? [];
    const resolved = ranges.map((range) => this.resolve(range));
    return {
      spreadsheetId: id,
      valueRanges: resolved.map(({ tab, rows, r }) => {
        const width = Math.max(0, ...rows.map((row) => row.length));
        const gridRows = Math.max(1000, rows.length);
        const r1 = r.startRow ?? 1;
        const c1 = r.startCol ?? 1;
        const r2 = Math.min(r.endRow ?? gridRows, gridRows);
        const c2 = r.endCol ?? Math.max(width, 26);
        const values: CellValue[][] = [];
        for (let i = r1; i <= Math.min(r2, rows.length); i++) {
          const row = (rows[i - 1] ?? []).slice(c1 - 1, c2);
          while (row.length && isEmpty(row[row.length - 1])) row.pop();
          values.push(
            row.map((v) =>
              isEmpty(v) ? '' : render === 'FORMATTED_VALUE' ? formatted(v) : (v as CellValue),
            ),
          );
        }
        while (values.length && (values[values.length - 1] as CellValue[]).length === 0) values.pop();
        return {
          range: a1(tab, c1, r1, c2, r2),
          majorDimension: 'ROWS',
          ...(values.length ? { values } : {}),
        };
      }),
    };
  }

  private checkRaw(option: unknown): void {
    if (option === undefined || option === 'INPUT_VALUE_OPTION_UNSPECIFIED')
      throw new ApiError(400, 'Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED');
    if (option !== 'RAW') throw new ApiError(501, `The fake models valueInputOption RAW only, not ${option}`);
  }

  private checkValues(values: unknown, where: string): (CellValue | null)[][] {
    const ok = (v: unknown) =>
      v === null ||
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v));
    if (!Array.isArray(values) || !values.every((row) => Array.isArray(row) && row.every(ok)))
      throw new ApiError(400, `Invalid value at '${where}': rows of strings, numbers, booleans or null`);
    return values as (CellValue | null)[][];
  }

  /** Writes a block at 0-based (row, col); null leaves a cell as it was, '' clears it. */
  private write(rows: CellValue[][], row0: number, col0: number, block: (CellValue | null)[][]): void {
    block.forEach((cells, i) => {
      rows[row0 + i] ??= [];
      const target = rows[row0 + i] as CellValue[];
      cells.forEach((v, j) => {
        if (v === null) return;
        while (target.length < col0 + j) target.push('');
        target[col0 + j] = v;
      });
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  }

  private batchUpdate(id: string, body: unknown) {
    this.checkSpreadsheet(id);
    const b = (body ?? {}) as { valueInputOption?: string; data?: { range?: string; values?: unknown }[] };
    this.checkRaw(b.valueInputOption);
    const data = b.data ?? [];
    // Validate every range first: Google applies a batchUpdate all or nothing.
    const planned = data.map((d, n) => {
      const { tab, rows, r } = this.resolve(String(d.range ?? ''));
      const values = this.checkValues(d.values ?? [], `data[${n}].values`);
      const height = values.length;
      const width = Math.max(0, ...values.map((v) => v.length));
      const r1 = r.startRow ?? 1;
      const c1 = r.startCol ?? 1;
      if (
        (r.endRow !== undefined && r1 + height - 1 > r.endRow) ||
        (r.endCol !== undefined && c1 + width - 1 > r.endCol)
      )
        throw new ApiError(
          400,
          `Requested writing within range [${d.range}], but tried writing ${height} rows and ${width} columns.`,
        );
      return { tab, rows, r1, c1, values, height, width };
    });
    const responses = planned.map(({ tab, rows, r1, c1, values, height, width }) => {
      this.write(rows, r1 - 1, c1 - 1, values);
      const cells = values.reduce((n, row) => n + row.filter((v) => v !== null).length, 0);
      return {
        spreadsheetId: id,
        updatedRange: a1(tab, c1, r1, c1 + Math.max(width, 1) - 1, r1 + Math.max(height, 1) - 1),
        updatedRows: height,
        updatedColumns: width,
        updatedCells: cells,
      };
    });
    return {
      spreadsheetId: id,
      totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
      totalUpdatedColumns: Math.max(0, ...responses.map((r) => r.updatedColumns)),
      totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
      totalUpdatedSheets: new Set(planned.map((p) => p.tab)).size,
      responses,
    };
  }

  private append(id: string, range: string, q: Record<string, string[]>, body: unknown) {
    this.checkSpreadsheet(id);
    this.checkRaw(q.valueInputOption?.[0]);
    const insert = q.insertDataOption?.[0] ?? 'OVERWRITE';
    if (insert !== 'INSERT_ROWS' && insert !== 'OVERWRITE')
      throw new ApiError(400, `Invalid value at 'insert_data_option' (${insert})`);
    const { tab, rows, r } = this.resolve(range);
    const values = this.checkValues((body as { values?: unknown })?.values ?? [], 'data.values');
    const r1 = r.startRow ?? 1;
    const c1 = r.startCol ?? 1;
    const c2 = r.endCol ?? Number.MAX_SAFE_INTEGER;
    const filled = (i: number) => (rows[i - 1] ?? []).slice(c1 - 1, c2).some((v) => !isEmpty(v));
    let end = r1 - 1;
    while (filled(end + 1)) end++;
    const tableWidth = Math.max(
      1,
      ...rows.slice(r1 - 1, end).map((row) => Math.min(row.length, c2) - c1 + 1),
    );
    const at = end + 1;
    if (insert === 'INSERT_ROWS') rows.splice(at - 1, 0, ...values.map(() => [] as CellValue[]));
    this.write(rows, at - 1, c1 - 1, values);
    const width = Math.max(0, ...values.map((v) => v.length));
    return {
      spreadsheetId: id,
      ...(end >= r1 ? { tableRange: a1(tab, c1, r1, c1 + tableWidth - 1, end) } : {}),
      updates: {
        spreadsheetId: id,
        updatedRange: a1(tab, c1, at, c1 + Math.max(width, 1) - 1, at + Math.max(values.length, 1) - 1),
        updatedRows: values.length,
        updatedColumns: width,
        updatedCells: values.reduce((n, row) => n + row.filter((v) => v !== null).length, 0),
      },
    };
  }

  // ---- Forms ----

  private checkForm(id: string): void {
    if (id !== this.formId) throw new ApiError(404, 'Requested entity was not found.');
  }

  private getForm(id: string) {
    this.checkForm(id);
    return {
      formId: id,
      info: { title: 'Usulan komitmen / Commitment proposal', documentTitle: 'Usulan komitmen' },
      revisionId: '00000001',
      responderUri: `https://docs.google.com/forms/d/e/${id}/viewform`,
      items: this.formItems.map((i) => ({
        itemId: i.itemId,
        title: i.title,
        ...(i.questionId
          ? {
              questionItem: {
                question: { questionId: i.questionId, required: i.required ?? false, textQuestion: {} },
              },
            }
          : { textItem: {} }),
      })),
    };
  }

  private listResponses(id: string, q: Record<string, string[]>) {
    this.checkForm(id);
    if (q.filter) throw new ApiError(501, 'The fake does not model the responses.list filter');
    const size = Number(q.pageSize?.[0] ?? 0);
    if (!Number.isInteger(size) || size < 0)
      throw new ApiError(400, `Invalid value at 'page_size' (${q.pageSize})`);
    const pageSize = Math.min(size || this.formsPageSize, 5000);
    let offset = 0;
    const token = q.pageToken?.[0];
    if (token) {
      const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!m) throw new ApiError(400, 'Invalid page token.');
      offset = Number(m[1]);
    }
    const page = this.responses.slice(offset, offset + pageSize);
    const next = offset + pageSize < this.responses.length ? offset + pageSize : undefined;
    return {
      ...(page.length
        ? {
            responses: page.map((r) => ({
              responseId: r.responseId,
              createTime: r.createTime,
              lastSubmittedTime: r.lastSubmittedTime,
              ...(r.respondentEmail ? { respondentEmail: r.respondentEmail } : {}),
              answers: Object.fromEntries(
                Object.entries(r.answers).map(([questionId, v]) => [
                  questionId,
                  {
                    questionId,
                    textAnswers: { answers: (Array.isArray(v) ? v : [v]).map((value) => ({ value })) },
                  },
                ]),
              ),
            })),
          }
        : {}),
      ...(next !== undefined ? { nextPageToken: Buffer.from(`offset:${next}`).toString('base64url') } : {}),
    };
  }
}

/** FORMATTED_VALUE without number formats: numbers as JavaScript prints them, booleans as TRUE/FALSE. */
function formatted(v: CellValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}
