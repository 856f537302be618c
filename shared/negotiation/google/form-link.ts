// The pre-filled agency-response form link: setup records a template with placeholders, and each
// commitment and agency gets its own link by filling them (Apps Script for the sheet, Lambda for reminders).

export const LINK_PLACEHOLDERS = { commitmentId: '{commitmentId}', agency: '{agency}' } as const;

/**
 * Fills a pre-filled form link template: `{commitmentId}` and `{agency}` (also URL-encoded, as Google
 * Forms writes them in toPrefilledUrl) are replaced by the URL-encoded values.
 */
export function fillFormLink(template: string, commitmentId: string, agency: string): string {
  const enc = encodeURIComponent;
  return template
    .replaceAll(enc(LINK_PLACEHOLDERS.commitmentId), enc(commitmentId))
    .replaceAll(LINK_PLACEHOLDERS.commitmentId, enc(commitmentId))
    .replaceAll(enc(LINK_PLACEHOLDERS.agency), enc(agency))
    .replaceAll(LINK_PLACEHOLDERS.agency, enc(agency));
}
