// ScriptContextPort over ScriptApp, Session and SpreadsheetApp: the container, the user the script runs as,
// and which scopes that user granted (granular consent lets a person untick some).
// developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String)
// developers.google.com/apps-script/reference/base/session#getEffectiveUser()
import type { ScriptContextPort } from '../ports';

/** The typings predate the scope-list overload and getAuthorizedScopes(). */
interface AuthInfo {
  getAuthorizationStatus(): unknown;
  getAuthorizationUrl(): string | null;
  getAuthorizedScopes?(): string[] | null;
}

export function scriptContext(): ScriptContextPort {
  return {
    spreadsheetBound: () => {
      try {
        return SpreadsheetApp.getActiveSpreadsheet() !== null;
      } catch {
        return false;
      }
    },
    effectiveUser: () => Session.getEffectiveUser().getEmail() ?? '',
    authorization(required) {
      const get = ScriptApp.getAuthorizationInfo as unknown as (mode: unknown, scopes: string[]) => AuthInfo;
      const info = get(ScriptApp.AuthMode.FULL, [...required]);
      const granted = info.getAuthorizedScopes?.() ?? null;
      const missing =
        granted === null
          ? info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED
            ? [...required]
            : []
          : required.filter((s) => !granted.includes(s));
      return { missing, url: missing.length ? info.getAuthorizationUrl() : null };
    },
  };
}
