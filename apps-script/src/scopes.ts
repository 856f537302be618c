// The OAuth scopes the script needs, one line each with why; appsscript.json lists exactly these (a test
// checks), and setup refuses to install triggers until the user has granted every one (granular consent:
// developers.google.com/apps-script/concepts/scopes).
import type { Text } from '../../shared/platform/i18n';

const AUTH = 'https://www.googleapis.com/auth/';

export const SCOPE_PURPOSE: Readonly<Record<string, Text>> = {
  [`${AUTH}forms`]: { id: 'membangun dan membaca formulir', en: 'build and read the form' },
  [`${AUTH}script.container.ui`]: {
    id: 'menampilkan menu dan hasil di editor formulir',
    en: 'show the menu and results in the form editor',
  },
  [`${AUTH}script.external_request`]: {
    id: 'mengirim usulan dan tinjauan ke API',
    en: 'send proposals and reviews to the API',
  },
  [`${AUTH}script.scriptapp`]: { id: 'memasang pemicu', en: 'install the triggers' },
  [`${AUTH}script.send_mail`]: { id: 'mengirim email konfirmasi', en: 'send confirmation emails' },
  [`${AUTH}spreadsheets`]: {
    id: 'membuat dan memperbarui spreadsheet tinjauan dan respons',
    en: 'create and update the review and intake spreadsheets',
  },
  [`${AUTH}userinfo.email`]: {
    id: 'mengetahui siapa pemilik pemicu',
    en: 'know who owns the triggers',
  },
};

export const REQUIRED_SCOPES: readonly string[] = Object.keys(SCOPE_PURPOSE);

/** Google Docs: only the action-plan draft uses it, and it asks for it then (setup does not need it). */
export const DOCUMENTS_SCOPE = `${AUTH}documents`;

/** Scopes the manifest lists that setup does not require: each is checked by the feature that uses it. */
export const OPTIONAL_SCOPE_PURPOSE: Readonly<Record<string, Text>> = {
  [DOCUMENTS_SCOPE]: {
    id: 'membuat draf rencana aksi di Google Dokumen',
    en: 'make the action plan draft in Google Docs',
  },
};

/** Every scope of the manifest (appsscript.json). */
export const MANIFEST_SCOPES: readonly string[] = [
  ...REQUIRED_SCOPES,
  ...Object.keys(OPTIONAL_SCOPE_PURPOSE),
];
