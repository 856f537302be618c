// Site writer for an S3 bucket (the deployed public site, served by CloudFront): PutObject for each file
// whose bytes changed since the last run, known from a manifest of content hashes kept in the bucket
// (so the function needs GetObject on that one key only). S3 REST: PUT/GET /<bucket>/<key>, path-style,
// docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html; SigV4 with the payload hash header
// (x-amz-content-sha256), docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html.
import { createHash } from 'node:crypto';
import type { SiteFiles, SiteWriter } from '../ports/site-writer';
import { type AwsEndpointOptions, signedAwsRequest } from './aws-signed-request';

export const SITE_MANIFEST_KEY = '.publish-manifest.json';

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream';
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

export class S3SiteWriter implements SiteWriter {
  readonly location: string;

  constructor(
    private readonly bucket: string,
    private readonly s3: AwsEndpointOptions,
    publicUrl?: string,
  ) {
    this.location = publicUrl ?? `s3://${bucket}`;
  }

  private async request(method: 'GET' | 'PUT', key: string, body: Uint8Array | string = '', type?: string) {
    return signedAwsRequest(
      {
        service: 's3',
        method,
        path: `/${this.bucket}/${encodeKey(key)}`,
        headers: {
          'x-amz-content-sha256': sha256(body),
          ...(type ? { 'content-type': type, 'cache-control': 'public, max-age=300' } : {}),
        },
        body,
        uriEscapePath: false,
      },
      this.s3,
    );
  }

  private async manifest(): Promise<Record<string, string>> {
    const res = await this.request('GET', SITE_MANIFEST_KEY);
    if (res.status === 404 || res.status === 403) return {};
    if (res.status !== 200) throw new Error(`S3 GetObject ${SITE_MANIFEST_KEY} failed: HTTP ${res.status}`);
    try {
      return JSON.parse(res.text) as Record<string, string>;
    } catch {
      return {};
    }
  }

  async write(files: SiteFiles, versions?: ReadonlyMap<string, string>) {
    const before = await this.manifest();
    const after: Record<string, string> = {};
    let written = 0;
    let unchanged = 0;
    for (const [path, content] of files) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      const hash = versions?.get(path) ?? sha256(bytes);
      after[path] = hash;
      if (before[path] === hash) {
        unchanged++;
        continue;
      }
      const res = await this.request('PUT', path, bytes, contentTypeOf(path));
      if (res.status !== 200)
        throw new Error(`S3 PutObject ${path} failed: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      written++;
    }
    // The manifest last: a run cut short leaves it stale, so the next run writes those files again.
    if (written > 0 || Object.keys(before).length !== Object.keys(after).length) {
      const res = await this.request(
        'PUT',
        SITE_MANIFEST_KEY,
        JSON.stringify(after),
        contentTypeOf('x.json'),
      );
      if (res.status !== 200) throw new Error(`S3 PutObject ${SITE_MANIFEST_KEY} failed: HTTP ${res.status}`);
    }
    return { written, unchanged };
  }
}
