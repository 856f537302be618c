// HttpClient over UrlFetchApp: every status comes back as a response (muteHttpExceptions); only a
// failure to get any response (DNS, refused, timeout) throws.
// developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)
import type { HttpClient } from '../ports';

export function urlFetchClient(): HttpClient {
  return {
    fetch(request) {
      const res = UrlFetchApp.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.contentType ? { contentType: request.contentType } : {}),
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
        muteHttpExceptions: true,
        followRedirects: false,
      });
      return { status: res.getResponseCode(), body: res.getContentText() };
    },
  };
}
