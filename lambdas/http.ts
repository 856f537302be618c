// The HTTP edge shared by API handlers: decode an API Gateway v2 event, map errors to JSON responses.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../shared/ingest/ingest';
import { DomainError, type ErrorCode, isDomainError } from '../shared/platform/errors';
import { log } from './log';

export type HttpResult = APIGatewayProxyStructuredResultV2;

const STATUS: Record<ErrorCode, number> = {
  malformed: 400,
  unauthorized: 401,
  replayed: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  invalid_proposal: 422,
  config: 500,
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** The raw body as the client sent it (the signature covers these exact characters). */
export function rawBody(event: APIGatewayProxyEventV2): string {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new DomainError('too_large', {
      id: `Isi permintaan melebihi ${MAX_BODY_BYTES} byte`,
      en: `Request body exceeds ${MAX_BODY_BYTES} bytes`,
    });
  }
  if (!event.isBase64Encoded) return body;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('malformed', {
      id: 'Isi permintaan bukan UTF-8 yang valid',
      en: 'Body is not valid UTF-8',
    });
  }
}

/** Wraps a handler so that domain errors become their status and anything else a logged 500. */
export function withErrors(
  fn: (event: APIGatewayProxyEventV2) => Promise<HttpResult>,
): (event: APIGatewayProxyEventV2) => Promise<HttpResult> {
  return async (event) => {
    try {
      return await fn(event);
    } catch (e) {
      if (isDomainError(e)) {
        return json(STATUS[e.code], {
          error: {
            code: e.code,
            message: `${e.text.id} / ${e.text.en}`,
            ...(e.details !== undefined ? { details: e.details } : {}),
          },
        });
      }
      log.error('unhandled', { error: String((e as Error)?.stack ?? e) });
      return json(500, {
        error: { code: 'internal', message: 'Terjadi kesalahan internal / Internal error' },
      });
    }
  };
}
