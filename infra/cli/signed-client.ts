// A signed HTTP client for the API (what Apps Script does with UrlFetchApp), for the CLI and the demo.
import { hmacSha256Hex } from '../../lambdas/auth';
import { signRequest } from '../../shared/platform/signing';

export async function signedPost(
  apiUrl: string,
  path: string,
  secret: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signRequest(secret, raw, Date.now() / 1000, hmacSha256Hex, { method: 'POST', path }),
    },
    body: raw,
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, json };
}
