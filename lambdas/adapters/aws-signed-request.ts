// One SigV4-signed AWS API request over fetch: for the services used for a call or two (SSM GetParameters,
// SES SendEmail, S3 Get/PutObject of the public site), where an SDK client would add ~75-100 KB to a Lambda bundle for one operation.
// Signing: docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsEndpointOptions {
  region: string;
  credentials: () => Promise<AwsCredentials> | AwsCredentials;
  /** Default https://<service>.<region>.amazonaws.com (tests and the local stack point it elsewhere). */
  endpoint?: string;
  fetch?: typeof fetch;
}

/** SHA-256 / HMAC-SHA256 for SignatureV4, on node:crypto. */
class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;

  constructor(private readonly secret?: string | Uint8Array) {
    this.hash = secret ? createHmac('sha256', secret) : createHash('sha256');
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    if (typeof data === 'string') this.hash.update(data, 'utf8');
    else if (ArrayBuffer.isView(data))
      this.hash.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    else this.hash.update(new Uint8Array(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
}

export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('AWS credentials are not in the environment');
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

export interface SignedRequest {
  service: string;
  method: 'POST' | 'GET' | 'PUT';
  path: string;
  headers: Record<string, string>;
  /** Bytes for S3 objects; a string otherwise. */
  body: string | Uint8Array;
  /** S3 signs the path as sent (no second URI-encoding). */
  uriEscapePath?: boolean;
}

/** Signs and sends; returns the status and the parsed JSON body (or the text when it is not JSON). */
export async function signedAwsRequest(
  req: SignedRequest,
  opts: AwsEndpointOptions,
): Promise<{ status: number; json: unknown; text: string }> {
  const base = new URL(opts.endpoint ?? `https://${req.service}.${opts.region}.amazonaws.com/`);
  const url = new URL(req.path.replace(/^\//, ''), base.href.endsWith('/') ? base.href : `${base.href}/`);
  const signer = new SignatureV4({
    service: req.service,
    region: opts.region,
    credentials: async () => opts.credentials(),
    sha256: NodeSha256 as unknown as ConstructorParameters<typeof SignatureV4>[0]['sha256'],
    ...(req.uriEscapePath === false ? { uriEscapePath: false } : {}),
  });
  const signed = await signer.sign({
    method: req.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    headers: { host: url.host, ...req.headers },
    body: req.body,
  });
  const res = await (opts.fetch ?? fetch)(url, {
    method: req.method,
    headers: signed.headers as Record<string, string>,
    ...(req.method === 'GET' ? {} : { body: req.body }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** "Type: message" of an AWS JSON error body (either casing), for error messages. */
export function awsErrorText(status: number, json: unknown): string {
  const err = (json ?? {}) as { __type?: string; message?: string; Message?: string };
  return `${err.__type ?? `HTTP ${status}`}: ${err.message ?? err.Message ?? ''}`.trim();
}
