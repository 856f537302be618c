// UrlFetchApp: synchronous HTTP through a SyncHttp worker (or a transport a test passes in).
import { SyncHttp, type SyncHttpRequest, type SyncHttpResponse } from '../sync-http';
import type { Counted } from './calls';

export interface SimFetch {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
  status?: number;
  error?: string;
}

export function createUrlFetchApp(
  counted: Counted,
  fetches: SimFetch[],
  options: { transport?: (request: SyncHttpRequest) => SyncHttpResponse; fetchTimeoutMs?: number },
) {
  // developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object): synchronous;
  // method defaults to get; a string payload without contentType is sent as
  // application/x-www-form-urlencoded; followRedirects defaults to true; a status >= 400 throws
  // "Request failed for URL returned code N" unless muteHttpExceptions; no response at all (DNS, refused,
  // timeout) always throws. Only string payloads are supported here (the bundle sends JSON strings).
  let http: SyncHttp | undefined;
  const transport =
    options.transport ??
    ((req: SyncHttpRequest) => {
      http ??= new SyncHttp(options.fetchTimeoutMs);
      return http.request(req);
    });
  const UrlFetchApp = {
    fetch: counted('UrlFetchApp.fetch', (url: string, params: Record<string, unknown> = {}) => {
      if (!/^https?:\/\/\S+$/i.test(String(url))) throw new Error(`Exception: Invalid argument: ${url}`);
      if (params.payload !== undefined && typeof params.payload !== 'string') {
        throw new Error('apps-script-sim: only string payloads are simulated');
      }
      const headers: Record<string, string> = { ...((params.headers as Record<string, string>) ?? {}) };
      const payload = params.payload as string | undefined;
      const contentType =
        (params.contentType as string | undefined) ??
        (payload !== undefined ? 'application/x-www-form-urlencoded' : undefined);
      if (contentType) headers['Content-Type'] = contentType;
      const method = String(params.method ?? 'get').toUpperCase();
      const record: SimFetch = { url, method, headers, ...(payload !== undefined ? { payload } : {}) };
      fetches.push(record);
      let res: SyncHttpResponse;
      try {
        res = transport({
          url,
          method,
          headers,
          ...(payload !== undefined ? { payload } : {}),
          followRedirects: params.followRedirects !== false,
          ...(options.fetchTimeoutMs ? { timeoutMs: options.fetchTimeoutMs } : {}),
        });
      } catch (e) {
        record.error = String((e as Error).message ?? e);
        throw new Error(record.error.startsWith('Exception:') ? record.error : `Exception: ${record.error}`);
      }
      record.status = res.status;
      if (res.status >= 400 && !params.muteHttpExceptions) {
        throw new Error(
          `Exception: Request failed for ${url} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return {
        getResponseCode: counted('HTTPResponse.getResponseCode', () => res.status),
        getContentText: counted('HTTPResponse.getContentText', () => res.body),
      };
    }),
  };
  return {
    UrlFetchApp,
    async close() {
      await http?.close();
      http = undefined;
    },
  };
}
